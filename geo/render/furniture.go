package render

import (
	"fmt"
	"image/color"
	"math"

	"github.com/lodemap/lodemap/geo/basemap"
	"github.com/lodemap/lodemap/geo/style"
	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

// Furniture is what an exported map carries besides the map itself. The
// window shows the attribution only.
type Furniture struct {
	Title, Subtitle string
	Legend          bool
	ScaleBar        bool
	NorthArrow      bool
	NoAttribution   bool
	Footnote        string // e.g. the date and the data sources; "" for none
}

// Overlay is one piece of page furniture, drawn as a named group.
type Overlay struct {
	Name    string // "measure", "attribution", "title", "legend", "scalebar", "north", "footnote"
	Boxes   []Box
	Polys   []Poly
	Lines   []Stroke
	Markers []Marker
	Texts   []Text
}

// Box is a filled rectangle.
type Box struct {
	X, Y, W, H float64
	Fill       color.NRGBA
}

// Poly is a filled polygon.
type Poly struct {
	Points []orb.Point
	Fill   color.NRGBA
}

// Text is a line of text; X, Y is the left end of its baseline. Color is
// the ink (furniture leaves it zero for the label colour); a Halo colour
// with alpha draws a halo HaloWidth wide around the glyphs.
type Text struct {
	Text  string
	X, Y  float64
	Size  float64
	Bold  bool
	Color color.NRGBA
	Halo  color.NRGBA
}

// HaloWidth is how far a text's halo reaches beyond its glyphs, on each
// side, in logical pixels.
const HaloWidth = 1.2

// Furniture sizes, in logical pixels.
const (
	margin      = 12.0
	pad         = 8.0
	titleSize   = 22.0
	subSize     = 14.0
	legendSize  = 11.0
	legendRow   = 18.0
	footSize    = 9.0
	scaleMaxLen = 140.0
)

var panel = color.NRGBA{0xFF, 0xFF, 0xFF, 0xE6}

// AttributionSize is the text size of the attribution lines.
const AttributionSize = 10.0

func furniture(s *Scene, in Input) []Overlay {
	f := in.Furniture
	var out []Overlay
	attrLeft, attrTop := s.Width, s.Height
	// A raster basemap's credit is always shown, as tile servers' terms
	// ask (OpenStreetMap's among them).
	if !f.NoAttribution || in.Tiles != nil {
		credit := basemap.Attribution
		if namesPlaces(in) {
			credit += "; " + basemap.PlacesAttribution
		}
		credits := []string{credit}
		if in.Tiles != nil && in.Tiles.Attribution() != "" {
			credits = append(credits, in.Tiles.Attribution())
		}
		a := attribution(s, append(credits, in.Attribution...))
		attrLeft, attrTop = a.Boxes[0].X, a.Boxes[0].Y
		out = append(out, a)
	}
	if f.Title != "" || f.Subtitle != "" || in.AsOf != "" {
		out = append(out, titleBlock(f.Title, f.Subtitle, in.AsOf))
	}
	if f.NorthArrow {
		out = append(out, northArrow(s.Width))
	}
	// The left column is stacked from the bottom: footnote, scale bar, legend.
	bottom := s.Height - margin
	if f.Footnote != "" {
		w := MeasureText(f.Footnote, footSize, false)
		if margin+w+pad > attrLeft {
			bottom = attrTop - pad // above the attribution, which it would run into
		}
		out = append(out, Overlay{Name: "footnote",
			Boxes: []Box{{X: margin - 4, Y: bottom - footSize - 2, W: w + 8, H: footSize + 6, Fill: panel}},
			Texts: []Text{{Text: f.Footnote, X: margin, Y: bottom, Size: footSize}}})
		bottom -= footSize + pad
	}
	if f.ScaleBar {
		o, h := scaleBar(in.View, margin, bottom)
		out = append(out, o)
		bottom -= h + pad
	}
	if f.Legend {
		if o, ok := legend(s, in.Styles, margin, bottom); ok {
			out = append(out, o)
		}
	}
	return out
}

func attribution(s *Scene, lines []string) Overlay {
	lineH := AttributionSize * 1.3
	w := 0.0
	for _, a := range lines {
		w = math.Max(w, MeasureText(a, AttributionSize, false))
	}
	const p = 4.0
	x0 := s.Width - w - 2*p
	y0 := s.Height - float64(len(lines))*lineH - 2*p
	o := Overlay{Name: "attribution", Boxes: []Box{{X: x0, Y: y0, W: s.Width - x0, H: s.Height - y0, Fill: color.NRGBA{255, 255, 255, 200}}}}
	for i, a := range lines {
		o.Texts = append(o.Texts, Text{Text: a, X: x0 + p, Y: y0 + p + float64(i+1)*lineH - 0.3*AttributionSize, Size: AttributionSize})
	}
	return o
}

// titleBlock is the title, the subtitle and the date the map is as of,
// each when given, in a box at the top left.
func titleBlock(title, sub, asOf string) Overlay {
	o := Overlay{Name: "title"}
	y := margin + pad
	w := 0.0
	if title != "" {
		y += titleSize
		o.Texts = append(o.Texts, Text{Text: title, X: margin + pad, Y: y, Size: titleSize, Bold: true})
		w = MeasureText(title, titleSize, true)
		y += pad / 2
	}
	if sub != "" {
		y += subSize
		o.Texts = append(o.Texts, Text{Text: sub, X: margin + pad, Y: y, Size: subSize})
		w = math.Max(w, MeasureText(sub, subSize, false))
	}
	if asOf != "" {
		if sub != "" {
			y += pad / 2
		}
		y += subSize
		o.Texts = append(o.Texts, Text{Text: asOf, X: margin + pad, Y: y, Size: subSize, Bold: true})
		w = math.Max(w, MeasureText(asOf, subSize, true))
	}
	o.Boxes = []Box{{X: margin, Y: margin, W: w + 2*pad, H: y + pad*0.75 - margin, Fill: panel}}
	return o
}

func northArrow(width float64) Overlay {
	cx, top := width-margin-pad-10, margin+pad
	return Overlay{Name: "north",
		Boxes: []Box{{X: cx - 10 - pad, Y: margin, W: 20 + 2*pad, H: 52, Fill: panel}},
		Texts: []Text{{Text: "N", X: cx - MeasureText("N", 13, true)/2, Y: top + 13, Size: 13, Bold: true}},
		Polys: []Poly{
			{Points: []orb.Point{{cx, top + 16}, {cx + 8, top + 40}, {cx, top + 34}}, Fill: style.Black},
			{Points: []orb.Point{{cx, top + 16}, {cx, top + 34}, {cx - 8, top + 40}}, Fill: color.NRGBA{0x88, 0x88, 0x88, 0xFF}},
		}}
}

// ScaleLengths returns the scale bar's round distances in metres and miles
// and their lengths in logical pixels at the view's centre latitude.
func ScaleLengths(v view.Viewport) (km, kmPx, mi, miPx float64) {
	mpp := v.MetersPerPixel()
	km = niceBelow(scaleMaxLen * mpp)
	mi = niceBelow(scaleMaxLen * mpp / metersPerMile)
	return km, km / mpp, mi, mi * metersPerMile / mpp
}

const metersPerMile = 1609.344

// niceBelow is the largest 1, 2 or 5 times a power of ten not above x.
func niceBelow(x float64) float64 {
	e := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{5, 2, 1} {
		if m*e <= x {
			return m * e
		}
	}
	return e
}

func scaleBar(v view.Viewport, x, bottom float64) (Overlay, float64) {
	m, mPx, mi, miPx := ScaleLengths(v)
	h := 2*pad + 2*legendSize + 10
	top := bottom - h
	kmText := fmt.Sprintf("%g m", m)
	if m >= 1000 {
		kmText = fmt.Sprintf("%g km", m/1000)
	}
	miText := fmt.Sprintf("%g mi", mi)
	bar := math.Max(mPx, miPx)
	w := bar + 2*pad + 6 + math.Max(MeasureText(kmText, legendSize, false), MeasureText(miText, legendSize, false))
	y := top + pad + legendSize
	ink := color.NRGBA{0x22, 0x22, 0x22, 0xFF}
	o := Overlay{Name: "scalebar",
		Boxes: []Box{
			{X: x, Y: top, W: w, H: h, Fill: panel},
			{X: x + pad, Y: y - 4, W: mPx, H: 4, Fill: ink},
			{X: x + pad, Y: y + 6, W: miPx, H: 4, Fill: color.NRGBA{0x77, 0x77, 0x77, 0xFF}},
			{X: x + pad, Y: y - 8, W: 1.5, H: 18, Fill: ink},
		},
		Texts: []Text{
			{Text: kmText, X: x + pad + mPx + 6, Y: y, Size: legendSize},
			{Text: miText, X: x + pad + miPx + 6, Y: y + legendSize + 2, Size: legendSize},
		}}
	return o, h
}

// legend lists the visible layers that have markers in the frame, the kinds
// shown in each, and the status fills shown, so it never explains what the
// picture does not hold.
func legend(s *Scene, styles map[string]*style.Layer, x, bottom float64) (Overlay, bool) {
	var rows []legendRowOf
	fills := map[style.Fill]bool{}
	for k := len(s.Groups) - 1; k >= 0; k-- { // the layer drawn on top first, as listed
		g := s.Groups[k]
		if len(g.Markers) == 0 && len(g.Shapes) == 0 && len(g.Clusters) == 0 {
			continue
		}
		for _, m := range g.Markers {
			fills[m.Style.Fill] = true
		}
		rows = append(rows, legendRowOf{text: g.Title, header: true})
		rows = append(rows, groupKey(g, styles[g.Layer], keyFill(g.Markers))...)
	}
	if len(rows) == 0 {
		return Overlay{}, false
	}
	rows = append(rows, statusRows(fills)...)
	// A row is as tall as its key: a size legend's large markers need more.
	heights := make([]float64, len(rows))
	h := 2 * pad
	for i, r := range rows {
		heights[i] = legendRow
		if r.marker != nil {
			heights[i] = max(legendRow, 2*r.marker.Radius()+4)
		}
		h += heights[i]
	}
	top := bottom - h
	o := Overlay{Name: "legend"}
	w := 0.0
	y := top + pad
	for i, r := range rows {
		rh := heights[i]
		tx := x + pad
		if r.marker != nil {
			o.Markers = append(o.Markers, Marker{X: x + pad + 8 + max(0, r.marker.Radius()-7), Y: y + rh/2, Style: *r.marker})
			tx += 22 + max(0, 2*r.marker.Radius()-14)
		}
		o.Texts = append(o.Texts, Text{Text: r.text, X: tx, Y: y + rh/2 + legendSize*0.36, Size: legendSize, Bold: r.header})
		w = math.Max(w, tx-x+MeasureText(r.text, legendSize, r.header))
		y += rh
	}
	o.Boxes = []Box{{X: x, Y: top, W: w + pad, H: h, Fill: panel}}
	return o, true
}

// StatusKey is the key of the status fills, in the order the legend and
// the layer panel list them, each drawn with the status it names.
var StatusKey = []struct{ Status, Text string }{
	{"operating", "Operating or commissioning"},
	{"under_construction", "Under construction"},
	{"planned", "Planned, announced or proposed"},
	{"", "Status not given"},
}

// statusRows are the legend's rows of the status fills shown. Features with
// no status are explained only beside others that have one: a file of no
// statuses at all has nothing to explain.
func statusRows(fills map[style.Fill]bool) []legendRowOf {
	if len(fills) == 0 || len(fills) == 1 && fills[style.Pale] {
		return nil
	}
	rows := []legendRowOf{{text: "Status", header: true}}
	for _, k := range StatusKey {
		if st := style.For("", k.Status); fills[st.Fill] {
			rows = append(rows, legendRowOf{text: k.Text, marker: &st})
		}
	}
	return rows
}

// legendRowOf is one row of the legend: a header, or a key and its text.
type legendRowOf struct {
	text   string
	header bool
	marker *style.Marker
}

// keyFill is the fill of a layer's key in the legend: pale when all its
// markers in the frame have no status, as they are drawn; else solid, and
// the Status rows explain the fills.
func keyFill(ms []Marker) style.Fill {
	for _, m := range ms {
		if m.Style.Fill != style.Pale {
			return style.Solid
		}
	}
	if len(ms) == 0 {
		return style.Solid
	}
	return style.Pale
}

// groupKey is a layer's key in the legend: its kinds as drawn, or its
// style's categories, colour or sizes; each marker with the fill given.
func groupKey(g Group, st *style.Layer, fill style.Fill) []legendRowOf {
	var rows []legendRowOf
	key := func(text string, m style.Marker) {
		m.Fill = fill
		rows = append(rows, legendRowOf{text: text, marker: &m})
	}
	switch {
	case st == nil || st.Mode == style.ByKind:
		seen := map[string]bool{}
		for _, m := range g.Markers {
			if !seen[m.Kind] {
				seen[m.Kind] = true
				key(style.KindLabel(m.Kind), style.For(m.Kind, "operating"))
			}
		}
		for _, sh := range g.Shapes {
			if k := sh.Kind; !seen[k] {
				seen[k] = true
				key(style.KindLabel(k), style.For(k, "operating"))
			}
		}
	default:
		for _, e := range st.Key(g.Title) {
			key(e.Text, e.Marker)
		}
	}
	return rows
}
