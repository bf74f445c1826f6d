package style

import (
	"fmt"
	"image/color"
	"strconv"
	"strings"
)

// Mode says what a layer's colours and sizes follow.
type Mode int

// Modes.
const (
	ByKind     Mode = iota // kind (shape and colour) and status (fill): the site schema
	Single                 // one colour
	ByCategory             // a colour per value of an attribute
	BySize                 // a size by a numeric attribute
)

// Spec is a style as a user or a file states it; a Layer is worked out
// from it and the features' attributes.
type Spec struct {
	Mode  Mode
	Field string      // the attribute of ByCategory and BySize
	Color color.NRGBA // Single and BySize; zero for the palette's first
}

// Layer is a layer's style worked out for its features: each feature's
// entry (ByCategory) or size step (BySize). A nil *Layer is ByKind.
type Layer struct {
	Spec
	Codes   []uint8 // ByCategory: each feature's entry in Entries
	Entries []Entry // ByCategory: most common first; the last may be "Other"
	Steps   []uint8 // BySize: each feature's size, 1..SizeSteps (0: no value)
	Min     float64 // BySize: the attribute's range
	Max     float64
}

// Entry is one category: its value, how many features have it, its colour.
type Entry struct {
	Value string
	Count int
	Color color.NRGBA
}

// SizeSteps is how many marker sizes BySize uses.
const SizeSteps = 6

// sizeScale is each size step's marker scale (step 0: the normal size).
var sizeScale = [SizeSteps + 1]float64{1, 0.6, 0.8, 1.05, 1.35, 1.7, 2.1}

// Palette is the colours of categories, in order: Okabe-Ito's, then
// others distinct from them. It leaves out the purple and the yellow of
// the automaker and battery plants, whose markers are circles too, so a
// category's circle is never taken for one. Past its end, categories are
// "Other", grey.
var Palette = []color.NRGBA{
	Orange, SkyBlue, Green, Blue, Vermillion,
	{0x44, 0x44, 0x44, 0xFF}, {0x88, 0x4E, 0x2B, 0xFF}, {0x1B, 0x9E, 0x9E, 0xFF},
	{0xB8, 0x86, 0x0B, 0xFF}, {0x6A, 0x3D, 0x9A, 0xFF}, {0x66, 0xA6, 0x1E, 0xFF},
	{0x99, 0x99, 0x33, 0xFF}, {0xF4, 0xA5, 0x82, 0xFF}, {0x1B, 0x2A, 0x6B, 0xFF},
}

// Marker returns feature i's marker: by kind and status, with the colour
// or size the style gives.
func (s *Layer) Marker(i int, kind, status string) Marker {
	m := For(kind, status)
	if s == nil {
		return m
	}
	switch s.Mode {
	case Single:
		m.Color = s.color()
	case ByCategory:
		if i < len(s.Codes) {
			m.Color = s.Entries[s.Codes[i]].Color
		}
	case BySize:
		m.Color = s.color()
		if i < len(s.Steps) {
			m.Size = s.Steps[i]
		}
	}
	return m
}

func (s *Layer) color() color.NRGBA {
	if s.Color.A == 0 {
		return Palette[0]
	}
	return s.Color
}

// Radius is the marker's radius in logical pixels.
func (m Marker) Radius() float64 { return MarkerSize / 2 * sizeScale[min(int(m.Size), SizeSteps)] }

// StepValue is the attribute value at the middle of a size step, for a
// legend.
func (s *Layer) StepValue(step int) float64 {
	return s.Min + (s.Max-s.Min)*(float64(step)-0.5)/SizeSteps
}

// Step is the size step of a value in [min, max].
func Step(v, lo, hi float64) uint8 {
	if hi <= lo {
		return SizeSteps / 2
	}
	return uint8(min(SizeSteps, 1+int((v-lo)/(hi-lo)*SizeSteps)))
}

// Hex writes a colour as #RRGGBB.
func Hex(c color.NRGBA) string { return fmt.Sprintf("#%02X%02X%02X", c.R, c.G, c.B) }

// ParseHex reads #RRGGBB (or RRGGBB).
func ParseHex(s string) (color.NRGBA, error) {
	h := strings.TrimPrefix(strings.TrimSpace(s), "#")
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil || len(h) != 6 {
		return color.NRGBA{}, fmt.Errorf("style: colour %q: want #RRGGBB", s)
	}
	return color.NRGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xFF}, nil
}

// KeyEntry is one row of a style's key: a marker and what it stands for.
type KeyEntry struct {
	Text   string
	Marker Marker
	Count  int // features with it, where known
}

// Key is the style's key, for the layer panel and the legend: its
// categories, its colour, or three of its sizes. A nil or ByKind style has
// none: its key is the kinds, which the layer knows.
func (s *Layer) Key(title string) []KeyEntry {
	if s == nil {
		return nil
	}
	switch s.Mode {
	case ByCategory:
		out := make([]KeyEntry, len(s.Entries))
		for i, e := range s.Entries {
			out[i] = KeyEntry{Text: e.Value, Marker: Marker{Color: e.Color}, Count: e.Count}
		}
		return out
	case BySize:
		var out []KeyEntry
		for _, step := range []int{1, SizeSteps / 2, SizeSteps} {
			v := strconv.FormatFloat(s.StepValue(step), 'g', 3, 64)
			out = append(out, KeyEntry{Text: s.Field + " " + v, Marker: Marker{Color: s.color(), Size: uint8(step)}})
		}
		return out
	case Single:
		return []KeyEntry{{Text: title, Marker: Marker{Color: s.color()}}}
	}
	return nil
}
