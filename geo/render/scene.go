// Package render turns layers and a viewport into a Scene, a display list of
// basemap polygons, styled markers grouped by layer, placed labels and
// attribution text, and draws a Scene with a backend. The raster backend in
// this package draws both the window's map and PNG exports, so what is
// exported is what was seen.
package render

import (
	"image/color"
	"math"
	"sort"
	"strings"

	"github.com/lodemap/lodemap/geo/basemap"
	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/style"
	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

// Scene is everything one frame draws, in logical pixels: 1/96 inch, the
// size of a pixel on a normal screen. A backend scales it to its output.
type Scene struct {
	Width, Height float64
	Background    color.NRGBA
	Land          []Polygon
	Groups        []Group
	Labels        []Label
	// Highlight is the selected marker, drawn again above everything with
	// a halo so that no other marker or label hides it.
	Highlight *Marker
	// Overlays are the page furniture drawn over the map, in order:
	// attribution, and for exports title, legend, scale bar, north arrow
	// and footnote.
	Overlays []Overlay
}

// Polygon is a filled and stroked set of rings in pixels.
type Polygon struct {
	Rings  [][]orb.Point
	Fill   color.NRGBA
	Stroke color.NRGBA
}

// Group is the markers of one layer, drawn in order.
type Group struct {
	Layer   string // layer id
	Title   string
	Markers []Marker
}

// Marker is one feature's marker.
type Marker struct {
	X, Y         float64
	Style        style.Marker
	ID           string
	Kind, Status string
	Selected     bool
	Hovered      bool
}

// Label is a placed label: X, Y is the left end of the text baseline.
type Label struct {
	Text string
	X, Y float64
	Bold bool
}

// Input is what a Scene is built from.
type Input struct {
	View        view.Viewport
	Layers      []*layer.Layer
	Hidden      map[string]bool // layer ids that are switched off
	Selected    string          // feature id, or ""
	Hovered     string          // feature id, or ""
	NoLabels    bool
	Attribution []string // data credits shown beside the basemap's
	Furniture   Furniture
}

// Build makes the Scene for one frame.
func Build(in Input) (*Scene, error) {
	v := in.View
	s := &Scene{Width: v.Width, Height: v.Height, Background: style.Sea}
	bm, err := basemap.ForZoom(v.Zoom)
	if err != nil {
		return nil, err
	}
	s.Land = landPolygons(bm, v)
	margin := style.MarkerSize
	var cands []labelCand
	for _, l := range in.Layers {
		if in.Hidden[l.ID] {
			continue
		}
		g := Group{Layer: l.ID, Title: l.Title}
		for i := range l.IDs {
			x, y := unitToPixelWrapped(v, l.Unit[i])
			if x < -margin || y < -margin || x > v.Width+margin || y > v.Height+margin {
				continue
			}
			m := Marker{X: x, Y: y, Style: style.For(l.Kinds[i], l.Status[i]), ID: l.IDs[i],
				Kind: l.Kinds[i], Status: l.Status[i],
				Selected: l.IDs[i] == in.Selected, Hovered: l.IDs[i] == in.Hovered}
			g.Markers = append(g.Markers, m)
			if m.Selected {
				hl := m
				s.Highlight = &hl
			}
			cands = append(cands, labelCand{x: x, y: y, text: ShortLabel(l.Names[i]), rank: style.LabelRank(l.Kinds[i]), selected: m.Selected})
		}
		s.Groups = append(s.Groups, g)
	}
	if !in.NoLabels {
		s.Labels = placeLabels(cands, s)
	}
	s.Overlays = furniture(s, in)
	return s, nil
}

// unitToPixelWrapped places a point on the world copy nearest the view centre.
func unitToPixelWrapped(v view.Viewport, u orb.Point) (float64, float64) {
	c := view.ToUnit(v.Center)
	dx := u[0] - c[0]
	u[0] -= math.Round(dx)
	return v.UnitToPixel(u)
}

func landPolygons(bm *basemap.Set, v view.Viewport) []Polygon {
	b := v.Bounds()
	var out []Polygon
	for _, c := range bm.Countries {
		p := Polygon{Fill: style.Land, Stroke: style.Border}
		for ri, r := range c.Rings {
			rb := c.Bounds[ri]
			for _, off := range basemap.Wraps(rb) {
				if !(orb.Bound{Min: orb.Point{rb.Min[0] + off, rb.Min[1]}, Max: orb.Point{rb.Max[0] + off, rb.Max[1]}}).Intersects(b) {
					continue
				}
				px := make([]orb.Point, len(r))
				for i, u := range r {
					x, y := v.UnitToPixel(orb.Point{u[0] + off, u[1]})
					px[i] = orb.Point{x, y}
				}
				p.Rings = append(p.Rings, px)
			}
		}
		if len(p.Rings) > 0 {
			out = append(out, p)
		}
	}
	return out
}

// ShortLabel shortens a feature name for a map label: the part before the
// first " (" or ", ", as the full name is shown in the details panel.
func ShortLabel(name string) string {
	for _, sep := range []string{" (", ", "} {
		if i := strings.Index(name, sep); i > 0 {
			name = name[:i]
		}
	}
	return name
}

type labelCand struct {
	x, y     float64
	text     string
	rank     int
	selected bool
}

// placeLabels places labels greedily, selected first, then by kind rank,
// trying right, left, above and below each marker; a label that would cover
// another label or a marker is left out.
func placeLabels(cands []labelCand, s *Scene) []Label {
	sort.SliceStable(cands, func(i, j int) bool {
		if cands[i].selected != cands[j].selected {
			return cands[i].selected
		}
		return cands[i].rank < cands[j].rank
	})
	r := style.MarkerSize / 2
	var taken []box
	for _, g := range s.Groups {
		for _, m := range g.Markers {
			taken = append(taken, box{m.X - r, m.Y - r, m.X + r, m.Y + r})
		}
	}
	var out []Label
	for _, c := range cands {
		w := MeasureText(c.text, style.LabelSize, c.selected)
		asc := style.LabelSize * 0.72
		off := style.LabelOffset
		if c.selected {
			off *= 1.4 // the selected marker is drawn larger, with a halo
		}
		tries := [][2]float64{
			{c.x + off, c.y + asc/2},
			{c.x - off - w, c.y + asc/2},
			{c.x - w/2, c.y - off},
			{c.x - w/2, c.y + off + asc},
		}
		for _, t := range tries {
			b := box{t[0] - 2, t[1] - asc - 2, t[0] + w + 2, t[1] + style.LabelSize*0.28 + 2}
			if b.x0 < 0 || b.y0 < 0 || b.x1 > s.Width || b.y1 > s.Height {
				continue
			}
			if b.hitsAny(taken, box{c.x - r, c.y - r, c.x + r, c.y + r}) {
				continue
			}
			taken = append(taken, b)
			out = append(out, Label{Text: c.text, X: t[0], Y: t[1], Bold: c.selected})
			break
		}
	}
	return out
}

type box struct{ x0, y0, x1, y1 float64 }

// hitsAny reports whether b overlaps any taken box other than own, the box
// of the label's own marker, which the label may touch.
func (b box) hitsAny(taken []box, own box) bool {
	for _, t := range taken {
		if t == own {
			continue
		}
		if b.x0 < t.x1 && t.x0 < b.x1 && b.y0 < t.y1 && t.y0 < b.y1 {
			return true
		}
	}
	return false
}
