package index

import (
	"slices"

	"github.com/lodemap/lodemap/geo/layer"
	"github.com/paulmach/orb"
)

// Layer indexes one layer for hit tests and box queries: every feature's
// anchor in a Grid (box queries over points read it), and the lines,
// polygons and multi-points in Shapes.
type Layer struct {
	Layer  *layer.Layer
	Points *Grid
	Shapes *Shapes
	points bool // whether any feature is a plain point
}

// ForLayer indexes l, which must not change while the index is used.
func ForLayer(l *layer.Layer) *Layer {
	x := &Layer{Layer: l, Points: New(l.Unit), Shapes: NewShapes(l), points: !l.HasShapes()}
	for i := 0; i < l.Len() && !x.points; i++ {
		x.points = l.Type(i) == layer.Point
	}
	return x
}

// At returns the features under p (unit coordinates), in the order a click
// picks them (Less): points within pointR, lines and multi-points within
// lineR, polygons holding p.
func (x *Layer) At(p orb.Point, pointR, lineR float64) []Hit {
	l := x.Layer
	var hits []Hit
	if !x.points {
		return x.Shapes.At(p, lineR)
	}
	for _, h := range x.Points.Within(p, pointR) {
		if l.Type(h.Index) == layer.Point {
			hits = append(hits, h)
		}
	}
	if l.HasShapes() {
		hits = append(hits, x.Shapes.At(p, lineR)...)
		slices.SortStableFunc(hits, func(a, b Hit) int {
			switch {
			case Less(a, b):
				return -1
			case Less(b, a):
				return 1
			}
			return 0
		})
	}
	return hits
}
