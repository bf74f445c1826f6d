// Package index answers spatial questions about a layer: the features
// nearest to a point within a radius, and the features inside a box. Points
// sit in a flat grid over Web Mercator unit coordinates (counting sort into
// cells), so it builds in one pass and needs no pointers per feature; lines
// and polygons sit in a grid of their parts' bounds (Shapes), and a click
// picks what lies under it in the order Less gives.
package index

import (
	"math"
	"sort"

	"github.com/paulmach/orb"
)

// Grid is a uniform grid over the unit square holding feature indices.
type Grid struct {
	pts   []orb.Point
	n     int     // cells per side
	start []int32 // start[c]..start[c+1] are the items of cell c
	items []int32
}

// Hit is one feature found by a query: its distance from the query point
// in the query's units, or, for a polygon holding the point, its area.
type Hit struct {
	Index   int
	Dist    float64
	Line    bool    // the feature's line passes near the point
	Polygon bool    // the point is inside a polygon of the feature
	Area    float64 // that polygon's area, in the query's units squared
}

// rank is the drawing order from the top: points, lines, polygons.
func (h Hit) rank() int {
	switch {
	case h.Polygon:
		return 2
	case h.Line:
		return 1
	}
	return 0
}

// New builds a grid over points given in Mercator unit coordinates.
// The slice is kept, not copied: it must not change while the grid is used.
func New(pts []orb.Point) *Grid {
	n := int(math.Sqrt(float64(len(pts)) / 2))
	n = max(1, min(n, 4096))
	g := &Grid{pts: pts, n: n, start: make([]int32, n*n+1), items: make([]int32, len(pts))}
	cells := make([]int32, len(pts))
	for i, p := range pts {
		c := g.cell(p)
		cells[i] = int32(c)
		g.start[c+1]++
	}
	for c := 0; c < n*n; c++ {
		g.start[c+1] += g.start[c]
	}
	fill := make([]int32, n*n)
	copy(fill, g.start[:n*n])
	for i, c := range cells {
		g.items[fill[c]] = int32(i)
		fill[c]++
	}
	return g
}

func (g *Grid) coord(v float64) int {
	return max(0, min(g.n-1, int(v*float64(g.n))))
}

func (g *Grid) cell(p orb.Point) int { return g.coord(p[1])*g.n + g.coord(p[0]) }

// Within returns the features within radius r (unit coordinates) of p,
// nearest first; equal distances keep feature order, so results are stable
// and the first hit is the one a click picks.
func (g *Grid) Within(p orb.Point, r float64) []Hit {
	var hits []Hit
	r2 := r * r
	g.visit(orb.Bound{Min: orb.Point{p[0] - r, p[1] - r}, Max: orb.Point{p[0] + r, p[1] + r}}, func(i int) {
		dx, dy := g.pts[i][0]-p[0], g.pts[i][1]-p[1]
		if d2 := dx*dx + dy*dy; d2 <= r2 {
			hits = append(hits, Hit{Index: i, Dist: math.Sqrt(d2)})
		}
	})
	sort.Slice(hits, func(a, b int) bool {
		if hits[a].Dist != hits[b].Dist {
			return hits[a].Dist < hits[b].Dist
		}
		return hits[a].Index < hits[b].Index
	})
	return hits
}

// InBox calls fn for every feature inside b (unit coordinates).
func (g *Grid) InBox(b orb.Bound, fn func(i int)) {
	g.visit(b, func(i int) {
		if b.Contains(g.pts[i]) {
			fn(i)
		}
	})
}

func (g *Grid) visit(b orb.Bound, fn func(i int)) {
	if len(g.pts) == 0 {
		return
	}
	x0, x1 := g.coord(b.Min[0]), g.coord(b.Max[0])
	y0, y1 := g.coord(b.Min[1]), g.coord(b.Max[1])
	for y := y0; y <= y1; y++ {
		row := y * g.n
		for c := row + x0; c <= row+x1; c++ {
			for _, it := range g.items[g.start[c]:g.start[c+1]] {
				fn(int(it))
			}
		}
	}
}
