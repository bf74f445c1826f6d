package layer

import (
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// anchor is where a feature made of parts is marked and labelled, in unit
// coordinates: inside its largest polygon, else at the middle of its
// longest line, else at its first point.
func anchor(parts []Part) orb.Point {
	best, bestSize := -1, -1.0
	for _, kind := range []Type{Polygon, LineString} {
		for i, p := range parts {
			if p.Kind != kind {
				continue
			}
			if s := p.Bound.Max[0] - p.Bound.Min[0] + p.Bound.Max[1] - p.Bound.Min[1]; s > bestSize {
				best, bestSize = i, s
			}
		}
		if best >= 0 {
			if kind == Polygon {
				return interior(parts[best])
			}
			return midLine(parts[best].Rings[0])
		}
	}
	return parts[0].Rings[0][0]
}

// interior is a point well inside a polygon: the middle of the widest span
// inside it along one of a few horizontal lines across it. A polygon too
// thin for any gives the middle of its outer ring's bound.
func interior(p Part) orb.Point {
	b := p.Bound
	c := b.Center()
	best, bestW := c, -1.0
	var xs []float64
	for _, f := range []float64{0.5, 0.3, 0.7, 0.4, 0.6, 0.2, 0.8} {
		y := b.Min[1] + (b.Max[1]-b.Min[1])*f
		xs = crossings(xs[:0], p.Rings, y)
		slices.Sort(xs)
		for k := 0; k+1 < len(xs); k += 2 {
			if w := xs[k+1] - xs[k]; w > bestW {
				best, bestW = orb.Point{(xs[k] + xs[k+1]) / 2, y}, w
			}
		}
		if bestW > (b.Max[0]-b.Min[0])/2 {
			break // wide enough: a fair centre
		}
	}
	return best
}

// crossings appends the x where the rings' edges cross the line at y.
func crossings(xs []float64, rings [][]orb.Point, y float64) []float64 {
	for _, r := range rings {
		for i := range r {
			a, b := r[i], r[(i+1)%len(r)]
			if (a[1] > y) != (b[1] > y) {
				xs = append(xs, a[0]+(y-a[1])/(b[1]-a[1])*(b[0]-a[0]))
			}
		}
	}
	return xs
}

// midLine is the point halfway along a line.
func midLine(ls []orb.Point) orb.Point {
	total := 0.0
	for i := 1; i < len(ls); i++ {
		total += dist(ls[i-1], ls[i])
	}
	half := total / 2
	for i := 1; i < len(ls); i++ {
		d := dist(ls[i-1], ls[i])
		if d >= half && d > 0 {
			t := half / d
			return orb.Point{ls[i-1][0] + t*(ls[i][0]-ls[i-1][0]), ls[i-1][1] + t*(ls[i][1]-ls[i-1][1])}
		}
		half -= d
	}
	return ls[0]
}

func dist(a, b orb.Point) float64 { return math.Hypot(b[0]-a[0], b[1]-a[1]) }
