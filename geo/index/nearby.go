package index

import (
	"cmp"
	"math"
	"slices"

	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

// Near is a feature within reach of a point: how far it lies on the
// sphere and in which direction.
type Near struct {
	Layer   *layer.Layer
	Index   int
	Km      float64
	Bearing float64 // degrees clockwise from north, 0 to 360
}

// kmPerDegree is the length of a degree of latitude.
const kmPerDegree = 111.2

// Nearby lists the features of the indexed layers whose anchors lie within
// km of p (longitude, latitude), nearest first, at most limit; skip (which
// may be nil) leaves features out, such as the one asked about. The grid
// finds the candidates in a box; the distance on the sphere decides.
func Nearby(layers []*Layer, p orb.Point, km float64, limit int, skip func(l *layer.Layer, i int) bool) []Near {
	var out []Near
	for _, b := range searchBoxes(p, km) {
		for _, x := range layers {
			x.Points.InBox(b, func(i int) {
				l := x.Layer
				if !l.Located(i) || (skip != nil && skip(l, i)) {
					return
				}
				q := l.LonLat[i]
				if d := geo.DistanceHaversine(p, q) / 1000; d <= km {
					out = append(out, Near{Layer: l, Index: i, Km: d, Bearing: math.Mod(geo.Bearing(p, q)+360, 360)})
				}
			})
		}
	}
	slices.SortFunc(out, func(a, b Near) int { return cmp.Compare(a.Km, b.Km) })
	return out[:min(len(out), limit)]
}

// searchBoxes are the unit-coordinate boxes that hold every point within
// km of p: one, or two where the reach crosses the antimeridian.
func searchBoxes(p orb.Point, km float64) []orb.Bound {
	dLat := km / kmPerDegree
	south, north := max(p[1]-dLat, -view.MaxLat), min(p[1]+dLat, view.MaxLat)
	widest := math.Cos(math.Max(math.Abs(south), math.Abs(north)) * math.Pi / 180)
	dLon := 180.0
	if widest > 0 {
		dLon = min(km/(kmPerDegree*widest), 180)
	}
	box := func(west, east float64) orb.Bound {
		a, b := view.ToUnit(orb.Point{west, north}), view.ToUnit(orb.Point{east, south})
		return orb.Bound{Min: a, Max: b}
	}
	west, east := p[0]-dLon, p[0]+dLon
	switch {
	case dLon >= 180:
		return []orb.Bound{box(-180, 180)}
	case west < -180:
		return []orb.Bound{box(-180, east), box(west+360, 180)}
	case east > 180:
		return []orb.Bound{box(west, 180), box(-180, east-360)}
	}
	return []orb.Bound{box(west, east)}
}

// Compass names a bearing by the nearest of 16 points ("N", "NNE", ...).
func Compass(bearing float64) string {
	points := []string{"N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW"}
	return points[int(math.Round(math.Mod(bearing+360, 360)/22.5))%16]
}
