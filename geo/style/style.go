// Package style decides how a feature looks: a marker shape and colour by
// kind, a fill by status (operating solid, planned hollow, under construction
// dashed, none given pale), marker and label sizes, and the human names of
// kinds and statuses.
// Which kinds and statuses a dataset may use is the data package's schema;
// any other value gets a neutral look.
// The default palette is Okabe-Ito, which stays distinct under the common
// forms of colour blindness.
package style

import (
	"image/color"
	"math"
	"strings"
)

// Shape is a marker outline.
type Shape int

// Marker shapes.
const (
	Circle Shape = iota
	Square
	Diamond
	Triangle
	Hexagon
	Star
	Pentagon
)

// Fill says how a marker's inside is painted.
type Fill int

// Fills by status.
const (
	Solid  Fill = iota // operating, commissioning
	Hollow             // planned, announced, proposed, exploration
	Dashed             // under construction: hollow with a dashed outline
	Pale               // no status, or one not known: a pale inside, a solid outline
)

// Marker is the look of one marker.
type Marker struct {
	Shape Shape
	Color color.NRGBA
	Fill  Fill
	// Dot draws a small dot of the colour instead of the shape, for a crowd
	// of sites drawn one by one.
	Dot bool
	// Size is a size step (1..SizeSteps) of a layer sized by an
	// attribute; 0 is the normal size.
	Size uint8
}

// Sizes in logical pixels (scaled by the pixel ratio when drawn).
const (
	MarkerSize       = 14.0 // marker diameter
	StrokeWidth      = 2.0  // marker outline
	HaloWidth        = 3.0  // selection ring beyond the marker
	LabelSize        = 12.0 // label text height
	LabelOffset      = 10.0 // gap between marker centre and label
	HitTolerance     = 8.0  // how far from a marker a click still picks it
	LineHitTolerance = 6.0  // how far from a line a click still picks it
)

// Okabe-Ito colours.
var (
	Orange     = color.NRGBA{0xE6, 0x9F, 0x00, 0xFF}
	SkyBlue    = color.NRGBA{0x56, 0xB4, 0xE9, 0xFF}
	Green      = color.NRGBA{0x00, 0x9E, 0x73, 0xFF}
	Yellow     = color.NRGBA{0xF0, 0xE4, 0x42, 0xFF}
	Blue       = color.NRGBA{0x00, 0x72, 0xB2, 0xFF}
	Vermillion = color.NRGBA{0xD5, 0x5E, 0x00, 0xFF}
	Purple     = color.NRGBA{0xCC, 0x79, 0xA7, 0xFF}
	Black      = color.NRGBA{0x00, 0x00, 0x00, 0xFF}
	Grey       = color.NRGBA{0x88, 0x88, 0x88, 0xFF}
)

// Map colours.
var (
	Sea          = color.NRGBA{0xD4, 0xE6, 0xF1, 0xFF}
	Land         = color.NRGBA{0xF4, 0xF1, 0xEA, 0xFF}
	Border       = color.NRGBA{0xB8, 0xB0, 0xA4, 0xFF}
	LabelText    = color.NRGBA{0x22, 0x22, 0x22, 0xFF}
	LabelHalo    = color.NRGBA{0xFF, 0xFF, 0xFF, 0xE0}
	Highlight    = color.NRGBA{0x00, 0x00, 0x00, 0xFF}
	HollowInside = color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}
)

type kindInfo struct {
	label string
	shape Shape
	color color.NRGBA
	rank  int // label priority, lower first
}

var kinds = map[string]kindInfo{
	"deposit":         {"Deposit", Diamond, Orange, 1},
	"mine":            {"Mine", Triangle, Vermillion, 1},
	"refinery":        {"Refinery", Square, Blue, 0},
	"pilot_plant":     {"Pilot plant", Hexagon, SkyBlue, 2},
	"magnet_plant":    {"Magnet plant", Pentagon, Green, 2},
	"headquarters":    {"Headquarters", Star, Black, 3},
	"automaker_plant": {"Automaker plant", Circle, Purple, 2},
	"battery_plant":   {"Battery plant", Circle, Yellow, 2},
}

var statuses = map[string]struct {
	label string
	fill  Fill
}{
	"operating":          {"Operating", Solid},
	"commissioning":      {"Commissioning", Solid},
	"under_construction": {"Under construction", Dashed},
	"planned":            {"Planned", Hollow},
	"announced":          {"Announced", Hollow},
	"proposed":           {"Proposed", Hollow},
	"exploration":        {"Exploration", Hollow},
}

// For returns the marker of a feature; unknown kinds get a grey circle and
// no status or an unknown one a pale fill, so nothing loaded is invisible
// and nothing is taken for operating.
func For(kind, status string) Marker {
	m := Marker{Shape: Circle, Color: Grey, Fill: Pale}
	if k, ok := kinds[kind]; ok {
		m.Shape, m.Color = k.shape, k.color
	}
	if s, ok := statuses[status]; ok {
		m.Fill = s.fill
	}
	return m
}

// AnyGiven reports whether any of the statuses is one the style knows: a
// layer of none draws every marker pale, and its key does too.
func AnyGiven(of []string) bool {
	for _, st := range of {
		if st == "" {
			continue
		}
		if _, ok := statuses[st]; ok {
			return true
		}
	}
	return false
}

// Paint is the colours of the marker's outline and inside, which every
// way of drawing a marker uses: solid, a darker outline around the
// colour; hollow and dashed, the colour around white; pale, the colour
// around a mix of it and white.
func (m Marker) Paint() (outline, inside color.NRGBA) {
	switch m.Fill {
	case Solid:
		return darken(m.Color), m.Color
	case Pale:
		return m.Color, Paler(m.Color)
	}
	return m.Color, HollowInside
}

// Paler mixes a colour 55% of the way to white: the inside of a marker
// with no status.
func Paler(c color.NRGBA) color.NRGBA {
	mix := func(v uint8) uint8 { return v + uint8(math.Round(float64(255-v)*0.55)) }
	return color.NRGBA{mix(c.R), mix(c.G), mix(c.B), c.A}
}

// darken takes a colour 40% of the way to black.
func darken(c color.NRGBA) color.NRGBA {
	return color.NRGBA{uint8(float64(c.R) * 0.6), uint8(float64(c.G) * 0.6), uint8(float64(c.B) * 0.6), c.A}
}

// LabelRank orders labels: lower ranks are placed first.
func LabelRank(kind string) int {
	if k, ok := kinds[kind]; ok {
		return k.rank
	}
	return 9
}

// KindLabel is the human name of a kind ("pilot_plant" is "Pilot plant").
func KindLabel(kind string) string {
	if k, ok := kinds[kind]; ok {
		return k.label
	}
	return humanize(kind)
}

// StatusLabel is the human name of a status.
func StatusLabel(status string) string {
	if s, ok := statuses[status]; ok {
		return s.label
	}
	return humanize(status)
}

func humanize(s string) string {
	s = strings.ReplaceAll(s, "_", " ")
	if s == "" {
		return "Unspecified"
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// Outline returns the shape's vertices around (0,0) for a marker of radius r,
// y pointing down. A circle is returned as a 32-gon.
func (s Shape) Outline(r float64) [][2]float64 {
	poly := func(n int, rot, rr float64) [][2]float64 {
		pts := make([][2]float64, n)
		for i := range pts {
			a := rot + 2*math.Pi*float64(i)/float64(n)
			pts[i] = [2]float64{rr * math.Cos(a), rr * math.Sin(a)}
		}
		return pts
	}
	switch s {
	case Square:
		return poly(4, math.Pi/4, r*1.2)
	case Diamond:
		return poly(4, -math.Pi/2, r*1.25)
	case Triangle:
		p := poly(3, -math.Pi/2, r*1.35)
		for i := range p {
			p[i][1] += r * 0.2
		}
		return p
	case Hexagon:
		return poly(6, 0, r*1.1)
	case Pentagon:
		return poly(5, -math.Pi/2, r*1.15)
	case Star:
		outer := poly(5, -math.Pi/2, r*1.35)
		inner := poly(5, -math.Pi/2+math.Pi/5, r*0.6)
		pts := make([][2]float64, 0, 10)
		for i := range outer {
			pts = append(pts, outer[i], inner[i])
		}
		return pts
	default:
		return poly(32, 0, r)
	}
}
