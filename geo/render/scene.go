// Package render turns layers and a viewport into a Scene, a display list of
// basemap polygons, styled markers grouped by layer, placed labels and page
// furniture, and walks a Scene into a Backend with Scene.Draw, the one
// drawing path. The backends live in packages of their own: raster (the
// window's map and PNG exports), svg and pdf; so what is exported is what
// was seen.
package render

import (
	"image/color"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/lodemap/lodemap/geo/basemap"
	"github.com/lodemap/lodemap/geo/index"
	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/style"
	"github.com/lodemap/lodemap/geo/tiles"
	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

// Scene is everything one frame draws, in logical pixels: 1/96 inch, the
// size of a pixel on a normal screen. A backend scales it to its output.
type Scene struct {
	Width, Height float64
	Background    color.NRGBA
	Land          []Polygon
	// Raster are the tiles of a raster basemap over the land, where they
	// are loaded (tiles.Placed, in pixels).
	Raster []tiles.Placed
	// Boundaries are the outlines of Input.Boundaries, in pixels.
	Boundaries [][]orb.Point
	Groups     []Group
	Labels     []Label
	// Highlight is the selected marker, drawn again above everything with
	// a halo so that no other marker or label hides it.
	Highlight *Marker
	// HighlightShapes is the selected line or polygon feature (its
	// polygons, then its lines), drawn again above everything with a halo.
	HighlightShapes []Shape
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

// Group is the markers of one layer, drawn in order, its clusters or
// dots, and its lines and polygons, drawn first.
type Group struct {
	Layer    string // layer id
	Title    string
	Shapes   []Shape
	Markers  []Marker
	Clusters []Cluster
	// Dots are a crowd of sites drawn one by one (clustering off), each a
	// small dot of its kind's colour: together they read as a density map.
	Dots []Dot
}

// Dot is one site of a crowd.
type Dot struct {
	X, Y  float32
	Style style.Marker // with Dot set
}

// Marker is one feature's marker. Site is the feature; ID its record id.
type Marker struct {
	X, Y         float64
	Style        style.Marker
	Site         layer.Site
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
	// Place is a basemap place's name, drawn smaller and greyer than a
	// site's, beside a dot at (DotX, DotY).
	Place      bool
	DotX, DotY float64
}

// Input is what a Scene is built from.
type Input struct {
	View       view.Viewport
	Layers     []*layer.Layer
	Hidden     map[string]bool // layer ids that are switched off
	Selected   layer.Site      // the selected feature, or none
	Hovered    layer.Site      // the feature under the pointer, or none
	NoLabels   bool
	NoClusters bool // draw every site, however crowded
	NoBasemap  bool // leave out the sea and the countries (a tile beneath holds them)
	NoPlaces   bool // leave out the basemap's place names
	// Beneath are clusters drawn under the scene (in tiles), which its
	// labels keep clear of as they do of its own.
	Beneath []Cluster
	// Grids, when given, index the layers' Mercator unit points, so only the
	// sites near the frame are looked at.
	Grids map[*layer.Layer]*index.Grid
	// Crowded, when not nil, says which layers to treat as crowded instead
	// of counting their sites in the frame: tiles of one frame must agree.
	Crowded     map[string]bool
	Attribution []string // data credits shown beside the basemap's
	Furniture   Furniture
	// Styles are the layers' styles by layer id; a layer without one is
	// drawn by kind and status.
	Styles map[string]*style.Layer
	// Spider, when set, fans out sites that share a point.
	Spider *Spider
	// LabelPriority ranks sites' labels above the rest, the highest first
	// (a dataset's `priority` attribute, then how often the sources quote
	// a site); below those, labels go by kind.
	LabelPriority map[layer.Site]int
	// Filter holds, by layer id, the features the active filter lets
	// through; a layer without a mask is shown whole. Filtered-out
	// features are neither drawn, counted in clusters, nor highlighted.
	Filter map[string]*layer.Mask
	// Status, by layer id, replaces the layers' statuses: the time
	// slider's status of each feature at its date.
	Status map[string]*layer.Statuses
	// AsOf, when not "", says which date the map is as of ("As of 4 Sep
	// 2024"), shown at the top left.
	AsOf string
	// Boundaries are polygon layers drawn as part of the basemap: their
	// outlines only, as hairlines over the land and the tiles (a
	// province file where the embedded basemap has no provinces).
	Boundaries []*layer.Layer
	// Tiles, when set, is a raster basemap drawn over the offline one,
	// which shows where its tiles are not loaded.
	Tiles *tiles.Layer
	// Measure is the measure tool's path, lon/lat points clicked in turn:
	// drawn along great circles with its length.
	Measure []orb.Point
}

// Build makes the Scene for one frame.
func Build(in Input) (*Scene, error) {
	v := in.View
	s := &Scene{Width: v.Width, Height: v.Height}
	bm, err := basemap.ForZoom(v.Zoom)
	if err != nil {
		return nil, err
	}
	if !in.NoBasemap {
		s.Background = style.Sea
		if in.Tiles != nil {
			s.Raster = in.Tiles.Placed(v)
		}
		if in.Tiles == nil || !in.Tiles.Covers(v) { // else hidden under the tiles
			s.Land = landPolygons(bm, v, newShapeDrawer(s, in, newProjector(v)))
		}
		s.Boundaries = boundaries(in.Boundaries, newShapeDrawer(s, in, newProjector(v)))
	}
	var cands []labelCand
	proj := newProjector(v)
	// The first layer listed is drawn last, on top (as a layer list reads
	// in QGIS): the dataset's own layers over those added after them.
	for k := len(in.Layers) - 1; k >= 0; k-- {
		l := in.Layers[k]
		if in.Hidden[l.ID] {
			continue
		}
		from := len(cands)
		s.Groups = append(s.Groups, layerGroup(s, l, in, proj, &cands))
		for c := from; c < len(cands); c++ {
			cands[c].z = len(s.Groups) - 1
		}
	}
	if !in.NoLabels {
		if namesPlaces(in) {
			cands = placeCands(v, cands)
		}
		s.Labels = placeLabels(cands, s, in.Beneath)
	}
	if o, ok := measureOverlay(in.View, in.Measure); ok {
		s.Overlays = append(s.Overlays, o)
	}
	s.Overlays = append(s.Overlays, furniture(s, in)...)
	return s, nil
}

// projector turns Mercator unit coordinates into the view's pixels, with
// the per-view work done once: a scale and a translate per point.
type projector struct {
	ox, oy, scale, cx float64
}

func newProjector(v view.Viewport) projector {
	o := v.Origin()
	return projector{ox: o[0], oy: o[1], scale: v.WorldSize(), cx: view.ToUnit(v.Center)[0]}
}

// pixel places a point on the world copy nearest the view centre.
func (p projector) pixel(u orb.Point) (float64, float64) {
	x := u[0]
	if d := x - p.cx; d > 0.5 || d < -0.5 {
		x -= math.Round(d)
	}
	return (x - p.ox) * p.scale, (u[1] - p.oy) * p.scale
}

// layerGroup makes one layer's markers, or, when more of its features are
// in the frame than can be told apart, its clusters.
func layerGroup(s *Scene, l *layer.Layer, in Input, proj projector, cands *[]labelCand) Group {
	g := Group{Layer: l.ID, Title: l.Title}
	layerShapes(s, &g, l, in, newShapeDrawer(s, in, proj), cands)
	margin := frameMargin
	inView := func(x, y float64) bool {
		return x >= -margin && y >= -margin && x <= s.Width+margin && y <= s.Height+margin
	}
	each := candidates(l, in, s, margin+ClusterCell, false)
	// Count the sites in the frame: only up to the cluster threshold when
	// clustering, all of them to size the markers when drawing every site.
	n := 0
	crowded := in.Crowded[l.ID]
	if in.Crowded == nil {
		limit := ClusterFrom
		if in.NoClusters {
			limit = -1
		}
		n = countInFrame(l, each, proj, s.Width, s.Height, limit)
		crowded = n > ClusterFrom
	}
	if crowded && !in.NoClusters {
		var ms []Marker
		ms, g.Clusters = clusters(s, l, in, proj, each)
		g.Markers = append(g.Markers, ms...)
		for _, m := range g.Markers {
			if m.Selected {
				hl := m
				s.Highlight = &hl
			}
		}
		return g
	}
	if crowded {
		g.Dots = slices.Grow(g.Dots, n)
	} else {
		g.Markers = slices.Grow(g.Markers, n)
	}
	each = candidates(l, in, s, margin, true)
	sel := selectedIndex(in, l)
	st := in.Styles[l.ID]
	spots := in.Spider.spots()
	each(func(i int) bool {
		x, y := proj.pixel(l.Unit[i])
		if !inView(x, y) {
			return true
		}
		if k, ok := spots[l.Site(i)]; ok && !crowded {
			dx, dy := SpiderSpot(k, len(in.Spider.Sites))
			g.Shapes = append(g.Shapes, Shape{Rings: [][]orb.Point{{{x, y}, {x + dx, y + dy}}}, Paint: leaderPaint,
				Site: l.Site(i), ID: l.IDs[i], Kind: l.Kinds[i]})
			x, y = x+dx, y+dy
		}
		if crowded && i != sel {
			m := st.Marker(i, l.Kinds[i], in.Status[l.ID].Of(l, i))
			m.Dot = true
			g.Dots = append(g.Dots, Dot{X: float32(x), Y: float32(y), Style: m})
			return true
		}
		m := marker(l, i, x, y, in)
		g.Markers = append(g.Markers, m)
		if m.Selected {
			hl := m
			s.Highlight = &hl
		}
		// A crowd drawn site by site gets no labels: they could not be read.
		if !crowded || m.Selected {
			c := labelCand{x: x, y: y, text: ShortLabel(l.Names[i]), rank: style.LabelRank(l.Kinds[i]), selected: m.Selected,
				priority: in.LabelPriority[l.Site(i)]}
			if m.Selected {
				// The selected marker is drawn larger, with a halo, over
				// the labels: its label keeps clear of all of it.
				_, c.reach = m.Symbol().Paths()
			}
			*cands = append(*cands, c)
		}
		return true
	})
	return g
}

// Crowded decides, once for a frame, which layers have more sites in it
// than can be told apart: they are drawn as clusters (or dots).
func Crowded(in Input) map[string]bool {
	out := map[string]bool{}
	s := &Scene{Width: in.View.Width, Height: in.View.Height}
	proj := newProjector(in.View)
	for _, l := range in.Layers {
		if in.Hidden[l.ID] || l.Len() <= ClusterFrom {
			continue
		}
		each := candidates(l, in, s, frameMargin, false)
		out[l.ID] = countInFrame(l, each, proj, s.Width, s.Height, ClusterFrom) > ClusterFrom
	}
	return out
}

// HighlightFrom sets the scene's highlight to the selected feature when it
// is in one of layers, drawn elsewhere (a tile): its marker, or the shape
// of a line or polygon, placed in in's view.
func (s *Scene) HighlightFrom(in Input, layers []*layer.Layer) {
	for _, l := range layers {
		i := in.Selected.Index
		if l.ID != in.Selected.Layer || i < 0 || i >= l.Len() || !l.Located(i) || !in.Filter[l.ID].Has(i) {
			continue
		}
		proj := newProjector(in.View)
		if l.Type(i) == layer.Point {
			x, y := proj.pixel(l.Unit[i])
			m := marker(l, i, x, y, in)
			s.Highlight = &m
		} else {
			poly, line, _, size := newShapeDrawer(s, in, proj).feature(l.Parts(i))
			m := in.Styles[l.ID].Marker(i, l.Kinds[i], in.Status[l.ID].Of(l, i))
			s.HighlightShapes = []Shape{shapeOf(l, i, m, poly, true, false, size), shapeOf(l, i, m, line, false, false, size)}
		}
		return
	}
}

// frameMargin is how far beyond the frame a marker still shows.
const frameMargin = style.MarkerSize

// countInFrame counts the sites each visits that lie within frameMargin of
// a w x h frame, stopping once the count passes limit (limit < 0: all).
func countInFrame(l *layer.Layer, each func(func(i int) bool), proj projector, w, h float64, limit int) int {
	n := 0
	each(func(i int) bool {
		if x, y := proj.pixel(l.Unit[i]); x >= -frameMargin && y >= -frameMargin && x <= w+frameMargin && y <= h+frameMargin {
			n++
		}
		return limit < 0 || n <= limit
	})
	return n
}

// candidates calls fn with the layer's point sites that may lie within
// reach pixels of the frame, in layer order, until fn returns false: from
// the grid index when one is given and the frame does not wrap the world,
// else every site. ordered sorts them into layer order, which drawing
// needs. Lines, polygons and MultiPoints are drawn by layerShapes.
func candidates(l *layer.Layer, in Input, s *Scene, reach float64, ordered bool) func(fn func(i int) bool) {
	each := pointCandidates(l, in, s, reach, ordered)
	if !l.HasShapes() {
		return each
	}
	return func(fn func(i int) bool) {
		each(func(i int) bool { return l.Type(i) != layer.Point || fn(i) })
	}
}

func pointCandidates(l *layer.Layer, in Input, s *Scene, reach float64, ordered bool) func(fn func(i int) bool) {
	g, mask := in.Grids[l], in.Filter[l.ID]
	b := in.View.Bounds()
	pad := reach / in.View.WorldSize()
	b = orb.Bound{Min: orb.Point{b.Min[0] - pad, b.Min[1] - pad}, Max: orb.Point{b.Max[0] + pad, b.Max[1] + pad}}
	if g == nil || b.Min[0] < 0 || b.Max[0] > 1 {
		return func(fn func(i int) bool) {
			for i := range l.Unit {
				if mask.Has(i) && !fn(i) {
					return
				}
			}
		}
	}
	var idx []int
	queried := false
	return func(fn func(i int) bool) {
		if !queried {
			// The filter is applied first: a narrow one leaves few to sort.
			g.InBox(b, func(i int) {
				if mask.Has(i) {
					idx = append(idx, i)
				}
			})
			if ordered {
				slices.Sort(idx) // so overlaps and ties do not depend on the grid
			}
			queried = true
		}
		for _, i := range idx {
			if !fn(i) {
				return
			}
		}
	}
}

func marker(l *layer.Layer, i int, x, y float64, in Input) Marker {
	return Marker{X: x, Y: y, Style: in.Styles[l.ID].Marker(i, l.Kinds[i], in.Status[l.ID].Of(l, i)), Site: l.Site(i), ID: l.IDs[i],
		Kind: l.Kinds[i], Status: in.Status[l.ID].Of(l, i),
		Selected: isSite(in.Selected, l, i), Hovered: isSite(in.Hovered, l, i)}
}

// selectedIndex is the index of the selected site in l, or -1. Loops over
// a layer's sites compare indexes with it: a Site compared per site made
// clustering a million sites 60% slower.
func selectedIndex(in Input, l *layer.Layer) int {
	if in.Selected.Layer == l.ID && !in.Selected.IsZero() {
		return in.Selected.Index
	}
	return -1
}

// isSite reports whether s is feature i of l.
func isSite(s layer.Site, l *layer.Layer, i int) bool { return s.Index == i && s.Layer == l.ID }

func landPolygons(bm *basemap.Set, v view.Viewport, d *shapeDrawer) []Polygon {
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
				// Simplified for the zoom, as shapes are: the 1:10m
				// coasts have many vertices to a pixel zoomed out.
				p.Rings = append(p.Rings, d.simplify(r, off))
			}
		}
		if len(p.Rings) > 0 {
			out = append(out, p)
		}
	}
	return out
}

// boundaries are the outlines of the polygons of layers that lie in d's
// frame, simplified for the zoom.
func boundaries(layers []*layer.Layer, d *shapeDrawer) [][]orb.Point {
	var out [][]orb.Point
	for _, l := range layers {
		for i := range l.Len() {
			for _, p := range l.Parts(i) {
				if p.Kind != layer.Polygon || !p.Bound.Intersects(d.frame) {
					continue
				}
				for _, r := range p.Rings {
					out = append(out, d.simplify(r, 0))
				}
			}
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
