package data

import (
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// Geometry comparisons shared by the readers' differential tests.

// flatten lists a geometry's positions in order, by point, line or ring.
func flatten(g orb.Geometry) [][]orb.Point {
	var out [][]orb.Point
	switch g := g.(type) {
	case orb.Point:
		out = append(out, []orb.Point{g})
	case orb.MultiPoint:
		out = append(out, g)
	case orb.LineString:
		out = append(out, g)
	case orb.Polygon:
		for _, r := range g {
			out = append(out, r)
		}
	case orb.MultiLineString:
		for _, ls := range g {
			out = append(out, ls)
		}
	case orb.MultiPolygon:
		for _, p := range g {
			out = append(out, flatten(p)...)
		}
	case orb.Collection:
		for _, m := range g {
			out = append(out, flatten(m)...)
		}
	}
	return out
}

// near reports whether two geometries' positions agree within 1e-7
// degrees. A ring may run either way: the layer winds outer rings
// anticlockwise and holes clockwise, whatever the file did.
func near(a, b [][]orb.Point) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		rev := slices.Clone(b[k])
		slices.Reverse(rev)
		if !samePositions(a[k], b[k]) && !(len(rev) > 3 && samePositions(a[k], rev)) {
			return false
		}
	}
	return true
}

func samePositions(a, b []orb.Point) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Abs(a[i][0]-b[i][0]) > 1e-7 || math.Abs(a[i][1]-b[i][1]) > 1e-7 {
			return false
		}
	}
	return true
}
