package export

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ScreenDPI is the dpi of a logical pixel.
const ScreenDPI = 96.0

// Size is an output size in pixels and the dpi it is printed at. The dpi
// sets how big markers and labels are: at 300 dpi an A4 page looks like
// the screen, only sharper.
type Size struct {
	Width, Height int
	DPI           float64
}

// Scale is output pixels per logical pixel.
func (s Size) Scale() float64 { return s.DPI / ScreenDPI }

// Logical is the size in logical pixels, the size the Scene is built at.
func (s Size) Logical() (w, h float64) {
	return float64(s.Width) / s.Scale(), float64(s.Height) / s.Scale()
}

// String is "WxH px at D dpi".
func (s Size) String() string { return fmt.Sprintf("%dx%d px at %g dpi", s.Width, s.Height, s.DPI) }

// Pixels is a size in pixels at a dpi.
func Pixels(w, h int, dpi float64) (Size, error) {
	s := Size{Width: w, Height: h, DPI: dpi}
	return s, s.check()
}

// Millimetres is a paper size in mm at a dpi.
func Millimetres(wmm, hmm, dpi float64) (Size, error) {
	s := Size{Width: int(math.Round(wmm / 25.4 * dpi)), Height: int(math.Round(hmm / 25.4 * dpi)), DPI: dpi}
	return s, s.check()
}

// Paper is a named paper size (a4, a3, letter, legal) at a dpi, portrait
// unless landscape.
func Paper(name string, landscape bool, dpi float64) (Size, error) {
	mm, ok := papers[strings.ToLower(name)]
	if !ok {
		return Size{}, fmt.Errorf("export: unknown paper %q (want a4, a3, letter or legal)", name)
	}
	w, h := mm[0], mm[1]
	if landscape {
		w, h = h, w
	}
	return Millimetres(w, h, dpi)
}

var papers = map[string][2]float64{
	"a4":     {210, 297},
	"a3":     {297, 420},
	"letter": {215.9, 279.4},
	"legal":  {215.9, 355.6},
}

// MaxSide is the largest output side in pixels.
const MaxSide = 30000

func (s Size) check() error {
	if s.DPI < 10 || s.DPI > 2400 {
		return fmt.Errorf("export: dpi %g out of range (10 to 2400)", s.DPI)
	}
	if s.Width < 16 || s.Height < 16 || s.Width > MaxSide || s.Height > MaxSide {
		return fmt.Errorf("export: size %dx%d px out of range (16 to %d a side)", s.Width, s.Height, MaxSide)
	}
	return nil
}

// ParseSize reads an output size in any form the export dialog offers:
//
//   - "WxH" or "WxH px": pixels, at dpi (96 when dpi is 0);
//   - "WxH mm": millimetres, at dpi (300 when dpi is 0);
//   - a paper name, "a4", "a3", "letter" or "legal", portrait unless
//     followed by "landscape" ("a4 landscape", "a4-landscape"), at dpi
//     (300 when dpi is 0);
//   - a preset's name or the start of it ("3840 x 2160"), at its own dpi
//     unless dpi is given.
//
// Case and spaces do not matter.
func ParseSize(text string, dpi float64) (Size, error) {
	t := strings.ToLower(strings.Join(strings.Fields(text), " "))
	for _, p := range Presets() {
		if n := strings.ToLower(p.Name); t != "" && (n == t || strings.HasPrefix(n, t+" (") || strings.HasPrefix(n, t+",")) {
			return p.Size.at(dpi)
		}
	}
	if name, orient, _ := strings.Cut(strings.ReplaceAll(t, "-", " "), " "); papers[name] != [2]float64{} {
		if orient != "" && orient != "landscape" && orient != "portrait" {
			return Size{}, fmt.Errorf("export: size %q: want portrait or landscape after the paper name", text)
		}
		return Paper(name, orient == "landscape", orDPI(dpi, 300))
	}
	num := strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(t, "mm"), "px"))
	ws, hs, ok := strings.Cut(num, "x")
	w, err1 := strconv.ParseFloat(strings.TrimSpace(ws), 64)
	h, err2 := strconv.ParseFloat(strings.TrimSpace(hs), 64)
	if !ok || err1 != nil || err2 != nil {
		return Size{}, fmt.Errorf("export: size %q: want WxH in pixels (1920x1080), WxH mm (297x210mm) or a paper name (a4, a4 landscape, letter)", text)
	}
	if strings.HasSuffix(t, "mm") {
		return Millimetres(w, h, orDPI(dpi, 300))
	}
	if w != math.Trunc(w) || h != math.Trunc(h) {
		return Size{}, fmt.Errorf("export: size %q: pixels must be whole numbers", text)
	}
	return Pixels(int(w), int(h), orDPI(dpi, ScreenDPI))
}

func orDPI(dpi, def float64) float64 {
	if dpi == 0 {
		return def
	}
	return dpi
}

// at is the size at another dpi (0 keeps its own): the same logical size
// in more or fewer pixels for a preset in pixels, the same paper for one
// on paper.
func (s Size) at(dpi float64) (Size, error) {
	if dpi == 0 || dpi == s.DPI {
		return s, s.check()
	}
	k := dpi / s.DPI
	return Pixels(int(math.Round(float64(s.Width)*k)), int(math.Round(float64(s.Height)*k)), dpi)
}

// Preset is a named output size offered to the user.
type Preset struct {
	Name string
	Size Size
}

// Presets are the sizes the export dialog offers besides the window's own
// and a custom one. 3840x2160 is 1920x1080 at twice the pixel density, so it
// looks the same on a 4K slide.
func Presets() []Preset {
	must := func(s Size, err error) Size {
		if err != nil {
			panic(err) // the presets are constants; a test checks them
		}
		return s
	}
	return []Preset{
		{"1920 x 1080 (Full HD slide)", must(Pixels(1920, 1080, 96))},
		{"3840 x 2160 (4K slide)", must(Pixels(3840, 2160, 192))},
		{"A4 landscape, 300 dpi", must(Paper("a4", true, 300))},
		{"A4 portrait, 300 dpi", must(Paper("a4", false, 300))},
		{"US Letter landscape, 300 dpi", must(Paper("letter", true, 300))},
		{"US Letter portrait, 300 dpi", must(Paper("letter", false, 300))},
	}
}
