package render

import (
	"math"
	"sort"
	"strings"
	"unicode"

	"github.com/lodemap/lodemap/geo/basemap"
	"github.com/lodemap/lodemap/geo/style"
	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

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
	priority int
	selected bool
	reach    float64 // how far the selected marker reaches from its centre
	z        int     // its layer's place in the drawing order, from the bottom
	place    bool    // a basemap place's name, after every site's
}

// namesPlaces reports whether a scene names the basemap's places: not
// without labels, nor over a raster basemap, whose tiles name their own.
func namesPlaces(in Input) bool { return !in.NoLabels && !in.NoPlaces && in.Tiles == nil }

// maxPlaces bounds the place names tried in a frame.
const maxPlaces = 600

// placeCands adds the basemap's places in view to a frame's label
// candidates: after every site's, most populous first, blocked by every
// marker (their z is below every layer's).
// A place whose dot lies within placeGap pixels of a larger one's is a
// part of it (a city's district) at that scale, and is not named.
func placeCands(v view.Viewport, cands []labelCand) []labelCand {
	var kept []orb.Point
	_ = basemap.Named(v, func(p basemap.Place, x, y float64) bool {
		for _, k := range kept {
			if math.Hypot(k[0]-x, k[1]-y) < placeGap {
				return true
			}
		}
		name := Drawable(p.Name)
		if name == "" {
			return true // in a script the labels' font has not
		}
		kept = append(kept, orb.Point{x, y})
		cands = append(cands, labelCand{x: x, y: y, text: name, rank: len(kept), priority: -1, z: -1, place: true})
		return len(kept) < maxPlaces
	})
	return cands
}

// placeGap is how near, in pixels, a smaller place may be to a larger
// one and still be named.
const placeGap = 24.0

// placeLabels places labels greedily, selected first, then by priority,
// then by kind rank,
// trying right, left, above and below each marker; a label that would cover
// another label or a marker is left out. Taken boxes are kept in a grid of
// cells, so each try looks only at its neighbours.
func placeLabels(cands []labelCand, s *Scene, beneath []Cluster) []Label {
	sort.SliceStable(cands, func(i, j int) bool {
		if cands[i].selected != cands[j].selected {
			return cands[i].selected
		}
		if cands[i].priority != cands[j].priority {
			return cands[i].priority > cands[j].priority
		}
		if cands[i].rank != cands[j].rank {
			return cands[i].rank < cands[j].rank
		}
		return cands[i].z > cands[j].z // the layer drawn above first
	})
	r := style.MarkerSize / 2
	taken := newBoxGrid(s.Width, s.Height)
	for z, g := range s.Groups {
		for _, m := range g.Markers {
			taken.add(box{m.X - r, m.Y - r, m.X + r, m.Y + r, z})
		}
		for _, c := range g.Clusters {
			taken.add(box{c.X - c.R - 2, c.Y - c.R - 2, c.X + c.R + 2, c.Y + c.R + 2, z})
		}
	}
	for _, c := range beneath {
		taken.add(box{c.X - c.R - 2, c.Y - c.R - 2, c.X + c.R + 2, c.Y + c.R + 2, math.MaxInt - 1})
	}
	var out []Label
	for _, c := range cands {
		if !c.selected && bareNumber(c.text) {
			continue // a record number says nothing on a map
		}
		own := box{c.x - r, c.y - r, c.x + r, c.y + r, c.z}
		size := style.LabelSize
		if c.place {
			own = box{c.x - placeDot, c.y - placeDot, c.x + placeDot, c.y + placeDot, c.z}
			size = PlaceLabelSize
		}
		// A label's box at each spot grows with its width from the box of a
		// zero-width label there. When every such box is blocked, so is the
		// label: skip it without measuring it, as happens in crowds. The
		// selected site's label is placed whatever it covers.
		if !c.selected && !taken.anyFree(labelBoxes(c, 0), own, s) {
			continue
		}
		w := MeasureText(c.text, size, c.selected)
		boxes := labelBoxes(c, w)
		at := -1
		for k, b := range boxes {
			if b.x0 >= 0 && b.y0 >= 0 && b.x1 <= s.Width && b.y1 <= s.Height && !taken.hits(b, own) {
				at = k
				break
			}
		}
		if at < 0 && c.selected {
			at = 0
		}
		if at >= 0 {
			b := boxes[at]
			b.z = math.MaxInt // a placed label blocks every label after it
			taken.add(b)
			out = append(out, Label{Text: c.text, X: b.x0 + 2, Y: b.y1 - size*0.28 - 2, Bold: c.selected, Place: c.place, DotX: c.x, DotY: c.y})
		}
	}
	return out
}

// PlaceLabelSize is the text height of a basemap place's name; placeDot
// the radius of its dot.
const (
	PlaceLabelSize = 11.0
	placeDot       = 2.5
)

// bareNumber reports whether a label is only a number ("566", "12-04"),
// as record numbers used for names are.
func bareNumber(text string) bool {
	return text != "" && strings.IndexFunc(text, func(r rune) bool { return !unicode.IsDigit(r) && !strings.ContainsRune(" .,-/#", r) }) < 0
}

// labelBoxes are the boxes a label of width w would take right of, left of,
// above and below its marker, in that order of preference.
func labelBoxes(c labelCand, w float64) []box {
	size, off := style.LabelSize, max(style.LabelOffset, c.reach+2)
	if c.place {
		size, off = PlaceLabelSize, placeDot+3
	}
	asc := size * 0.72
	desc := size * 0.28
	// A label's box lies above every marker: only labels placed before it
	// and the markers of its own layer and those above block it.
	at := func(x, y float64) box { return box{x - 2, y - asc - 2, x + w + 2, y + desc + 2, c.z} }
	return []box{
		at(c.x+off, c.y+asc/2),
		at(c.x-off-w, c.y+asc/2),
		at(c.x-w/2, c.y-off),
		at(c.x-w/2, c.y+off+asc),
	}
}

// anyFree reports whether one of the boxes lies in the frame and clear of
// every taken box but own.
func (g *boxGrid) anyFree(bs []box, own box, s *Scene) bool {
	for _, b := range bs {
		if b.x0 >= 0 && b.y0 >= 0 && b.x1 <= s.Width && b.y1 <= s.Height && !g.hits(b, own) {
			return true
		}
	}
	return false
}

// box is a taken or wanted rectangle of the frame; z is the place in the
// drawing order of the layer it belongs to.
type box struct {
	x0, y0, x1, y1 float64
	z              int
}

// sameSpot reports whether two boxes cover the same place, of whichever
// layers: sites sharing a point do not block each other's labels.
func (b box) sameSpot(t box) bool {
	return b.x0 == t.x0 && b.y0 == t.y0 && b.x1 == t.x1 && b.y1 == t.y1
}

func (b box) overlaps(t box) bool { return b.x0 < t.x1 && t.x0 < b.x1 && b.y0 < t.y1 && t.y0 < b.y1 }

// boxGrid holds boxes in square cells of the frame.
type boxGrid struct {
	cells [][]box
	nx    int
	ny    int
}

const boxCell = 32.0

func newBoxGrid(w, h float64) *boxGrid {
	nx, ny := int(w/boxCell)+1, int(h/boxCell)+1
	return &boxGrid{cells: make([][]box, nx*ny), nx: nx, ny: ny}
}

func (g *boxGrid) span(b box) (x0, y0, x1, y1 int) {
	c := func(v float64, n int) int { return max(0, min(n-1, int(v/boxCell))) }
	return c(b.x0, g.nx), c(b.y0, g.ny), c(b.x1, g.nx), c(b.y1, g.ny)
}

func (g *boxGrid) add(b box) {
	x0, y0, x1, y1 := g.span(b)
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			g.cells[y*g.nx+x] = append(g.cells[y*g.nx+x], b)
		}
	}
}

// hits reports whether b overlaps a box of its layer or one drawn above
// it, other than own, the box of the label's own marker, which the label
// may touch. Placed labels are boxes of the layer above all.
func (g *boxGrid) hits(b, own box) bool {
	x0, y0, x1, y1 := g.span(b)
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			for _, t := range g.cells[y*g.nx+x] {
				if t.z >= b.z && !t.sameSpot(own) && b.overlaps(t) {
					return true
				}
			}
		}
	}
	return false
}
