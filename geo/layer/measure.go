package layer

import (
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
)

// Measure returns feature i's size on the sphere: the length in metres of
// its lines, the area in square metres of its polygons and the length of
// their outlines. A point has none.
func (l *Layer) Measure(i int) (length, area, perimeter float64) {
	for _, p := range l.Parts(i) {
		rings := make([]orb.Ring, len(p.Rings))
		for k, r := range p.Rings {
			rings[k] = toLonLat(r)
		}
		switch p.Kind {
		case LineString:
			length += geo.LengthHaversine(orb.LineString(rings[0]))
		case Polygon:
			poly := orb.Polygon(rings)
			area += geo.Area(poly)
			perimeter += geo.LengthHaversine(poly)
		}
	}
	return length, area, perimeter
}
