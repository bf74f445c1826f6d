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
	if !in.NoBasemap {
		if err := s.addBasemap(in); err != nil {
			return nil, err
		}
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
