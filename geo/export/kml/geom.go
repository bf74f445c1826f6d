package kml

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/twpayne/go-geom"
)

// toGeom converts an orb geometry (lon/lat) to go-geom's, whose kml
// package encodes it. Longitudes that a shape crossing the antimeridian
// took beyond ±180 are wrapped back, as KML wants them. nil is nil.
func toGeom(g orb.Geometry) (geom.T, error) {
	switch g := g.(type) {
	case nil:
		return nil, nil
	case orb.Point:
		return geom.NewPointFlat(geom.XY, flat(nil, g)), nil
	case orb.MultiPoint:
		return geom.NewMultiPointFlat(geom.XY, flat(nil, g...)), nil
	case orb.LineString:
		return geom.NewLineStringFlat(geom.XY, flat(nil, g...)), nil
	case orb.Ring:
		return geom.NewLinearRingFlat(geom.XY, flat(nil, g...)), nil
	case orb.Polygon:
		coords, ends := rings(nil, nil, g)
		return geom.NewPolygonFlat(geom.XY, coords, ends), nil
	case orb.MultiLineString:
		var coords []float64
		var ends []int
		for _, ls := range g {
			coords = flat(coords, ls...)
			ends = append(ends, len(coords))
		}
		return geom.NewMultiLineStringFlat(geom.XY, coords, ends), nil
	case orb.MultiPolygon:
		var coords []float64
		endss := make([][]int, len(g))
		for k, p := range g {
			coords, endss[k] = rings(coords, nil, p)
		}
		return geom.NewMultiPolygonFlat(geom.XY, coords, endss), nil
	case orb.Collection:
		gc := geom.NewGeometryCollection()
		for _, m := range g {
			t, err := toGeom(m)
			if err == nil && t != nil {
				err = gc.Push(t)
			}
			if err != nil {
				return nil, err
			}
		}
		return gc, nil
	}
	return nil, fmt.Errorf("kml: %T: not a geometry KML can hold", g)
}

// flat appends positions to coords as x, y pairs, longitudes wrapped
// into [-180, 180].
func flat(coords []float64, pts ...orb.Point) []float64 {
	for _, p := range pts {
		coords = append(coords, math.Remainder(p[0], 360), p[1])
	}
	return coords
}

// rings appends a polygon's rings to coords, and where each ends to ends.
func rings(coords []float64, ends []int, p orb.Polygon) ([]float64, []int) {
	for _, r := range p {
		coords = flat(coords, r...)
		ends = append(ends, len(coords))
	}
	return coords, ends
}
