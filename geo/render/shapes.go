package render

import (
	"math"
	"sync"

	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/style"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
)

// Shape is one line or polygon feature as drawn: its rings in pixels
// (every part, on every world copy in the frame), simplified for the zoom
// and clipped to the frame. Closed rings are filled and outlined (Path);
// open ones are stroked (Lines).
type Shape struct {
	Rings  [][]orb.Point
	Closed bool
	Paint  Paint
	Site   layer.Site
	ID     string
	Kind   string // for the legend
}

// Shape sizes in logical pixels.
const (
	lineWidth    = 2.5 // a line feature
	outlineWidth = 1.0 // a polygon's outline: a hairline
	hoverWidth   = 1.5 // added when hovered
	haloWidth    = 3.0 // around the selected shape, on each side
	// simplifyTol is how close (in pixels) a vertex may come to the last
	// one kept before it is dropped: finer detail cannot be seen.
	simplifyTol = 0.7
	// tinyShape is the size in pixels under which a shape is drawn as a
	// dot of its colour, as a crowd of sites is.
	tinyShape = 3.0
	// smallShape is the size under which a polygon is outlined with a
	// hairline.
	smallShape = 12.0
	hairline   = 1.0
	// labelShape is the size from which a shape is named on the map.
	labelShape = 24.0
	// clipMargin is how far beyond the frame a shape is clipped, so that
	// its outline's width never shows the cut.
	clipMargin = 8.0
)

// dash is the dash pattern of outlines of sites not yet built.
var dash = [2]float64{6, 4}

// shapeFill is the opacity of a polygon's fill, by its marker's fill:
// sites not yet operating fainter, as their markers are hollow, and those
// with no status between, as their markers are pale.
var shapeFill = map[style.Fill]uint8{style.Solid: 0x59, style.Pale: 0x33, style.Hollow: 0x26, style.Dashed: 0x26}

// shapePaint is how a feature with marker m is painted: polygons filled
// with its colour, see-through, and outlined in it; lines stroked in it.
// Sites not yet operating are dashed, as their markers are hollow.
func shapePaint(m style.Marker, closed, hovered bool) Paint {
	p := Paint{Stroke: m.Color, Width: lineWidth}
	if closed {
		fill := m.Color
		fill.A = shapeFill[m.Fill]
		p.Fill, p.Width = fill, outlineWidth
	}
	if m.Fill == style.Hollow || m.Fill == style.Dashed {
		p.Dash = dash
	}
	if hovered {
		p.Width += hoverWidth
	}
	return p
}

// highlightPaints are the selected shape's halo and its own stroke, drawn
// over everything on the map.
func highlightPaints(p Paint) (halo, line Paint) {
	halo = Paint{Stroke: style.Highlight, Width: p.Width + 2*haloWidth}
	line = Paint{Stroke: p.Stroke, Width: p.Width + 1, Dash: p.Dash}
	return halo, line
}

// shapeDrawer projects a layer's parts into the frame.
type shapeDrawer struct {
	proj          projector
	width, height float64
	frame         orb.Bound   // unit coordinates, with a margin
	cx            float64     // unit x of the view centre
	arena         []orb.Point // the frame's pixel points, handed out in runs
}

// take returns room for up to n points from the arena: the points of
// every shape in a frame share a few large arrays instead of one each.
func (d *shapeDrawer) take(n int) []orb.Point {
	if cap(d.arena)-len(d.arena) < n {
		d.arena = make([]orb.Point, 0, max(n, 1<<16))
	}
	start := len(d.arena)
	return d.arena[start : start : start+n]
}

// keep marks the n points last taken as used.
func (d *shapeDrawer) keep(run []orb.Point) { d.arena = d.arena[:len(d.arena)+len(run)] }

func newShapeDrawer(s *Scene, in Input, proj projector) *shapeDrawer {
	b := in.View.Bounds()
	pad := clipMargin / in.View.WorldSize()
	return &shapeDrawer{proj: proj, width: s.Width, height: s.Height, cx: proj.cx,
		frame: orb.Bound{Min: orb.Point{b.Min[0] - pad, b.Min[1] - pad}, Max: orb.Point{b.Max[0] + pad, b.Max[1] + pad}}}
}

// layerShapes adds the layer's lines and polygons to g, polygons before
// lines so that no fill covers a line; a dot for each shape too small to
// see; a marker for each point of a MultiPoint; and a label candidate at
// the anchor of each shape large enough to be named on the map. The
// selected shape becomes the scene's highlight. A large layer is worked
// on in two halves at once, joined in order.
func layerShapes(s *Scene, g *Group, l *layer.Layer, in Input, d *shapeDrawer, cands *[]labelCand) {
	if !l.HasShapes() {
		return
	}
	halves := 1
	if l.Len() >= parallelShapes {
		halves = 2
	}
	outs := make([]shapeOut, halves)
	var wg sync.WaitGroup
	for h := range outs {
		dh := *d
		dh.arena = nil
		from, to := l.Len()*h/halves, l.Len()*(h+1)/halves
		wg.Add(1)
		go func() {
			defer wg.Done()
			dh.shapes(s, l, in, from, to, &outs[h])
		}()
	}
	wg.Wait()
	for _, o := range outs {
		g.Shapes = append(g.Shapes, o.shapes...)
	}
	for _, o := range outs {
		g.Shapes = append(g.Shapes, o.lines...)
		g.Dots = append(g.Dots, o.dots...)
		g.Markers = append(g.Markers, o.markers...)
		*cands = append(*cands, o.cands...)
		if o.highlight != nil {
			s.HighlightShapes = o.highlight
		}
	}
}

// parallelShapes is the size from which a layer's shapes are worked on
// in two halves at once.
const parallelShapes = 20000

// shapeOut is what one run over a layer's features makes.
type shapeOut struct {
	shapes, lines, highlight []Shape
	dots                     []Dot
	markers                  []Marker
	cands                    []labelCand
}

// shapes works on features from..to-1 of l.
func (d *shapeDrawer) shapes(s *Scene, l *layer.Layer, in Input, from, to int, out *shapeOut) {
	sel, hov := selectedIndex(in, l), -1
	if in.Hovered.Layer == l.ID {
		hov = in.Hovered.Index
	}
	st := in.Styles[l.ID]
	mask := in.Filter[l.ID]
	for i := from; i < to; i++ {
		t := l.Type(i)
		if t == layer.Point || t == layer.NoGeometry || !mask.Has(i) {
			continue
		}
		poly, line, at, size := d.feature(l.Parts(i))
		if t == layer.MultiPoint || t == layer.Collection {
			out.markers = d.points(out.markers, l, i, in)
		}
		if size < 0 {
			continue
		}
		m := st.Marker(i, l.Kinds[i], in.Status[l.ID].Of(l, i))
		if size < tinyShape && i != sel {
			m.Dot, m.Size = true, 0
			if out.dots == nil { // a layer's features are all dots when zoomed out
				out.dots = make([]Dot, 0, to-i)
			}
			out.dots = append(out.dots, Dot{X: float32(at[0]), Y: float32(at[1]), Style: m})
			continue
		}
		shape := func(rings [][]orb.Point, closed bool) Shape {
			return shapeOf(l, i, m, rings, closed, i == hov, size)
		}
		if len(poly) > 0 {
			out.shapes = append(out.shapes, shape(poly, true))
		}
		if len(line) > 0 {
			out.lines = append(out.lines, shape(line, false))
		}
		if i == sel {
			out.highlight = []Shape{shape(poly, true), shape(line, false)}
		}
		if in.NoLabels || (size < labelShape && i != sel) {
			continue
		}
		if x, y := d.proj.pixel(l.Unit[i]); (len(poly) > 0 || len(line) > 0) && x >= 0 && y >= 0 && x <= s.Width && y <= s.Height {
			out.cands = append(out.cands, labelCand{x: x, y: y, text: ShortLabel(l.Names[i]), rank: style.LabelRank(l.Kinds[i]), selected: i == sel,
				priority: in.LabelPriority[l.Site(i)]})
		}
	}
}

// shapeOf is feature i's shape of rings (closed: polygons), painted as
// marker m says, size pixels across.
func shapeOf(l *layer.Layer, i int, m style.Marker, rings [][]orb.Point, closed, hovered bool, size float64) Shape {
	sh := Shape{Rings: rings, Closed: closed, Paint: shapePaint(m, closed, hovered), Site: l.Site(i), ID: l.IDs[i], Kind: l.Kinds[i]}
	if closed && size < smallShape && !hovered {
		// A few pixels across: a hairline outline, undashed, reads best,
		// and costs least.
		sh.Paint.Width, sh.Paint.Dash = hairline, [2]float64{}
	}
	return sh
}

// points appends a marker for each point of feature i's MultiPoint parts.
func (d *shapeDrawer) points(markers []Marker, l *layer.Layer, i int, in Input) []Marker {
	for _, p := range l.Parts(i) {
		if p.Kind != layer.MultiPoint {
			continue
		}
		for _, u := range p.Rings[0] {
			if x, y := d.proj.pixel(u); x >= -frameMargin && y >= -frameMargin && x <= d.width+frameMargin && y <= d.height+frameMargin {
				markers = append(markers, marker(l, i, x, y, in))
			}
		}
	}
	return markers
}

// feature projects one feature's line and polygon parts: its polygon
// rings, its lines, the centre of its last part in the frame and the size
// in pixels of its largest (-1 when none is in the frame).
func (d *shapeDrawer) feature(parts []layer.Part) (poly, lines [][]orb.Point, at orb.Point, size float64) {
	size = -1
	for _, p := range parts {
		if p.Kind == layer.MultiPoint {
			continue
		}
		offs, n := d.copies(p.Bound)
		for _, off := range offs[:n] {
			b := p.Bound
			px := orb.Bound{Min: d.pixel(b.Min, off), Max: d.pixel(b.Max, off)}
			size = max(size, px.Max[0]-px.Min[0], px.Max[1]-px.Min[1])
			at = px.Center()
			if size < tinyShape {
				continue // a dot, unless a larger part comes
			}
			if p.Kind == layer.Polygon {
				poly = append(poly, d.polygon(p.Rings, off, px)...)
			} else {
				lines = append(lines, d.line(p.Rings[0], off, px)...)
			}
		}
	}
	return poly, lines, at, size
}

// copies are the world offsets at which a part with bound b shows in the
// frame: the copy nearest the view centre, and its neighbours where the
// part reaches across the edge of that world.
func (d *shapeDrawer) copies(b orb.Bound) ([3]float64, int) {
	near := -math.Round((b.Min[0]+b.Max[0])/2 - d.cx)
	var out [3]float64
	n := 0
	for _, off := range [3]float64{near, near - 1, near + 1} {
		if b.Max[0]+off < d.frame.Min[0] || b.Min[0]+off > d.frame.Max[0] || b.Max[1] < d.frame.Min[1] || b.Min[1] > d.frame.Max[1] {
			continue
		}
		if off != near && (b.Max[0]+off < d.cx-0.5 || b.Min[0]+off > d.cx+0.5) {
			continue // beyond the world nearest the centre
		}
		out[n] = off
		n++
	}
	return out, n
}

func (d *shapeDrawer) pixel(u orb.Point, off float64) orb.Point {
	p := d.proj
	return orb.Point{(u[0] + off - p.ox) * p.scale, (u[1] - p.oy) * p.scale}
}

// simplify projects a ring or line, dropping each vertex nearer than
// simplifyTol to the last one kept; the last vertex is always kept.
func (d *shapeDrawer) simplify(r []orb.Point, off float64) []orb.Point {
	out := d.take(len(r))
	var last orb.Point
	for i, u := range r {
		q := d.pixel(u, off)
		if i > 0 && i < len(r)-1 && math.Abs(q[0]-last[0]) < simplifyTol && math.Abs(q[1]-last[1]) < simplifyTol {
			continue
		}
		out = append(out, q)
		last = q
	}
	d.keep(out)
	return out
}

// inside reports whether a pixel bound lies within the frame and its
// margin, so its shape needs no clipping.
func (d *shapeDrawer) inside(px orb.Bound) bool {
	return px.Min[0] >= -clipMargin && px.Min[1] >= -clipMargin && px.Max[0] <= d.width+clipMargin && px.Max[1] <= d.height+clipMargin
}

func (d *shapeDrawer) clipBound() orb.Bound {
	return orb.Bound{Min: orb.Point{-clipMargin, -clipMargin}, Max: orb.Point{d.width + clipMargin, d.height + clipMargin}}
}

// polygon projects a polygon's rings; a ring that collapses to fewer than
// three points is left out, a polygon whose outer ring does is.
func (d *shapeDrawer) polygon(rings [][]orb.Point, off float64, px orb.Bound) [][]orb.Point {
	var out [][]orb.Point
	for k, r := range rings {
		q := d.simplify(r, off)
		if len(q) < 3 {
			if k == 0 {
				return nil
			}
			continue
		}
		out = append(out, q)
	}
	if d.inside(px) || len(out) == 0 {
		return out
	}
	poly := make(orb.Polygon, len(out))
	for k, r := range out {
		poly[k] = r
	}
	poly = clip.Polygon(d.clipBound(), poly)
	out = out[:0]
	for _, r := range poly {
		if len(r) >= 3 {
			out = append(out, r)
		}
	}
	return out
}

// line projects a line; clipping may cut it into several.
func (d *shapeDrawer) line(r []orb.Point, off float64, px orb.Bound) [][]orb.Point {
	q := d.simplify(r, off)
	if len(q) < 2 {
		return nil
	}
	if d.inside(px) {
		return [][]orb.Point{q}
	}
	var out [][]orb.Point
	for _, ls := range clip.LineString(d.clipBound(), q) {
		if len(ls) >= 2 {
			out = append(out, ls)
		}
	}
	return out
}
