package index

import (
	"math"
	"slices"

	"github.com/lodemap/lodemap/geo/layer"
	"github.com/paulmach/orb"
)

// Shapes indexes a layer's lines, polygons and multi-points by their
// parts' bounds in a uniform grid over the layer's extent, for hit tests.
// A part whose bound spans many cells is kept in a list of its own,
// looked at by every query.
type Shapes struct {
	l     *layer.Layer
	ext   orb.Bound
	n     int
	cells [][]ref
	big   []ref
}

// ref is one part of one feature, with the part's bound, so that a query
// rejects most parts without reading them.
type ref struct {
	feature, part int32
	polygon       bool // a polygon is hit only at q, so only q's cell holds it for a query
	bound         orb.Bound
}

// maxCells is how many cells a part may span before it goes to the big
// list.
const maxCells = 64

// NewShapes indexes l's features that are not plain points. The layer
// must not change while the index is used.
func NewShapes(l *layer.Layer) *Shapes {
	s := &Shapes{l: l}
	if !l.HasShapes() {
		return s
	}
	count := 0
	first := true
	for i := range l.Len() {
		for _, p := range l.Parts(i) {
			if first {
				s.ext, first = p.Bound, false
			}
			s.ext = s.ext.Union(p.Bound)
			count++
		}
	}
	s.n = max(1, min(1024, int(math.Sqrt(float64(count)))))
	s.cells = make([][]ref, s.n*s.n)
	for i := range l.Len() {
		for j, p := range l.Parts(i) {
			x0, y0, x1, y1 := s.span(p.Bound)
			r := ref{int32(i), int32(j), p.Kind == layer.Polygon, p.Bound}
			if (x1-x0+1)*(y1-y0+1) > maxCells {
				s.big = append(s.big, r)
				continue
			}
			for y := y0; y <= y1; y++ {
				for x := x0; x <= x1; x++ {
					s.cells[y*s.n+x] = append(s.cells[y*s.n+x], r)
				}
			}
		}
	}
	return s
}

// span is the range of cells a bound covers, clamped to the grid.
func (s *Shapes) span(b orb.Bound) (x0, y0, x1, y1 int) {
	c := func(v, lo, hi float64) int {
		if hi <= lo {
			return 0
		}
		return max(0, min(s.n-1, int((v-lo)/(hi-lo)*float64(s.n))))
	}
	return c(b.Min[0], s.ext.Min[0], s.ext.Max[0]), c(b.Min[1], s.ext.Min[1], s.ext.Max[1]),
		c(b.Max[0], s.ext.Min[0], s.ext.Max[0]), c(b.Max[1], s.ext.Min[1], s.ext.Max[1])
}

// At returns the features whose lines or points lie within r of p, or
// whose polygons hold p (unit coordinates), in the order a click picks
// them (see Less); each feature once, at its best part. p is tried on
// each world copy, as a shape may reach past the antimeridian.
func (s *Shapes) At(p orb.Point, r float64) []Hit {
	if s.n == 0 {
		return nil
	}
	var best []Hit // a few: a linear search beats a map
	for _, off := range [3]float64{0, 1, -1} {
		q := orb.Point{p[0] + off, p[1]}
		box := orb.Bound{Min: orb.Point{q[0] - r, q[1] - r}, Max: orb.Point{q[0] + r, q[1] + r}}
		if !box.Intersects(s.ext) {
			continue
		}
		x0, y0, x1, y1 := s.span(box)
		qx, qy, _, _ := s.span(orb.Bound{Min: q, Max: q})
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				// A polygon holding q is in q's cell: in the others only
				// lines and points are looked at, each part once a cell.
				s.test(s.cells[y*s.n+x], q, r, x == qx && y == qy, &best)
			}
		}
		s.test(s.big, q, r, true, &best)
	}
	out := best
	slices.SortFunc(out, func(a, b Hit) int {
		if Less(a, b) {
			return -1
		}
		if Less(b, a) {
			return 1
		}
		return 0
	})
	return out
}

// test hit-tests parts against q, keeping each feature's best hit.
func (s *Shapes) test(refs []ref, q orb.Point, r float64, polygons bool, best *[]Hit) {
	for k := range refs {
		rf := &refs[k]
		if rf.polygon && !polygons {
			continue
		}
		b := &rf.bound
		if q[0] < b.Min[0]-r || q[0] > b.Max[0]+r || q[1] < b.Min[1]-r || q[1] > b.Max[1]+r {
			continue
		}
		h, ok := hitPart(s.l.Parts(int(rf.feature))[rf.part], q, r)
		if !ok {
			continue
		}
		h.Index = int(rf.feature)
		k := slices.IndexFunc(*best, func(b Hit) bool { return b.Index == h.Index })
		if k < 0 {
			*best = append(*best, h)
		} else if Less(h, (*best)[k]) {
			(*best)[k] = h
		}
	}
}

// hitPart tests one part: a polygon holds q (its area ranks it), a line
// passes within r of q, or one of its points lies within r.
func hitPart(p layer.Part, q orb.Point, r float64) (Hit, bool) {
	switch p.Kind {
	case layer.Polygon:
		if !polygonContains(p.Rings, q) {
			return Hit{}, false
		}
		return Hit{Polygon: true, Area: math.Abs(ringArea(p.Rings[0]))}, true
	case layer.LineString:
		d := lineDist(p.Rings[0], q)
		return Hit{Dist: d, Line: true}, d <= r
	}
	d := math.Inf(1)
	for _, pt := range p.Rings[0] {
		d = min(d, math.Hypot(pt[0]-q[0], pt[1]-q[1]))
	}
	return Hit{Dist: d}, d <= r
}

// polygonContains reports whether q lies inside the outer ring and
// outside every hole (crossing number).
func polygonContains(rings [][]orb.Point, q orb.Point) bool {
	in := false
	for _, r := range rings {
		for i, j := 0, len(r)-1; i < len(r); j, i = i, i+1 {
			a, b := r[i], r[j]
			if (a[1] > q[1]) != (b[1] > q[1]) && q[0] < (b[0]-a[0])*(q[1]-a[1])/(b[1]-a[1])+a[0] {
				in = !in
			}
		}
	}
	return in
}

func ringArea(r []orb.Point) float64 {
	a := 0.0
	for i := range r {
		p, q := r[i], r[(i+1)%len(r)]
		a += p[0]*q[1] - q[0]*p[1]
	}
	return a / 2
}

// lineDist is the distance from q to the nearest segment of a line.
func lineDist(ls []orb.Point, q orb.Point) float64 {
	d := math.Inf(1)
	for i := 1; i < len(ls); i++ {
		d = min(d, segDist(ls[i-1], ls[i], q))
	}
	if len(ls) == 1 {
		d = math.Hypot(ls[0][0]-q[0], ls[0][1]-q[1])
	}
	return d
}

func segDist(a, b, q orb.Point) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	t := 0.0
	if l2 := dx*dx + dy*dy; l2 > 0 {
		t = max(0, min(1, ((q[0]-a[0])*dx+(q[1]-a[1])*dy)/l2))
	}
	return math.Hypot(a[0]+t*dx-q[0], a[1]+t*dy-q[1])
}

// Less orders hits as a click picks them, the topmost drawn first:
// points, then lines, then polygons; nearer points and lines first;
// smaller polygons first; then feature order.
func Less(a, b Hit) bool {
	switch {
	case a.rank() != b.rank():
		return a.rank() < b.rank()
	case a.Polygon && a.Area != b.Area:
		return a.Area < b.Area
	case !a.Polygon && a.Dist != b.Dist:
		return a.Dist < b.Dist
	}
	return a.Index < b.Index
}
