//go:build !noproj

package crs

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/twpayne/go-proj/v11"
)

// Transform takes coordinates of one system to WGS 84, in longitude,
// latitude order. It is safe for concurrent use (PROJ calls are serialised).
type Transform struct {
	from string
	op   *proj.PJ
}

// ToWGS84 returns the transform from c to WGS 84 longitudes and latitudes.
// It is an error when PROJ knows no way from c to WGS 84.
func ToWGS84(c *CRS) (*Transform, error) {
	if c == nil || (c.op == nil && c.opErr == nil) {
		return nil, errNoOp
	}
	if c.opErr != nil {
		return nil, c.opErr
	}
	return &Transform{from: c.name, op: c.op}, nil
}

// Geometry transforms g to WGS 84 lon/lat. Lines, rings, polygons and
// multi-geometries are transformed in place (g's slices hold the result);
// a Point, a value, comes back transformed. nil stays nil. It is an error
// when a coordinate cannot be transformed (outside the projection's
// domain): g may then be partly transformed.
func (t *Transform) Geometry(g orb.Geometry) (orb.Geometry, error) {
	switch g := g.(type) {
	case nil:
		return nil, nil
	case orb.Point:
		p := []orb.Point{g}
		err := t.Points(p)
		return p[0], err
	case orb.MultiPoint:
		return g, t.Points(g)
	case orb.LineString:
		return g, t.Points(g)
	case orb.Ring:
		return g, t.Points(g)
	case orb.Polygon:
		return g, t.rings(g)
	case orb.MultiLineString:
		for _, ls := range g {
			if err := t.Points(ls); err != nil {
				return g, err
			}
		}
		return g, nil
	case orb.MultiPolygon:
		for _, p := range g {
			if err := t.rings(p); err != nil {
				return g, err
			}
		}
		return g, nil
	case orb.Collection:
		for i, m := range g {
			var err error
			if g[i], err = t.Geometry(m); err != nil {
				return g, err
			}
		}
		return g, nil
	}
	return g, fmt.Errorf("crs: cannot transform a %s", g.GeoJSONType())
}

func (t *Transform) rings(p orb.Polygon) error {
	for _, r := range p {
		if err := t.Points(r); err != nil {
			return err
		}
	}
	return nil
}

// Points transforms pts in place with one call into PROJ, the fast path for
// many points. A point that cannot be transformed becomes NaN, NaN, and the
// error says how many did not and names the first.
func (t *Transform) Points(pts []orb.Point) error {
	if len(pts) == 0 {
		return nil
	}
	const stride = 16 // bytes from one orb.Point to the next
	n := len(pts)
	err := t.op.TransGeneric(proj.DirectionFwd, &pts[0][0], stride, n, &pts[0][1], stride, n, nil, 0, 0, nil, 0, 0)
	if err != nil {
		return fmt.Errorf("crs: from %s to WGS 84: %w", t.from, err)
	}
	bad, first := 0, -1
	for i, p := range pts {
		if math.IsInf(p[0], 0) || math.IsInf(p[1], 0) || math.IsNaN(p[0]) || math.IsNaN(p[1]) {
			pts[i] = orb.Point{math.NaN(), math.NaN()}
			if bad++; first < 0 {
				first = i
			}
		}
	}
	if bad > 0 {
		return fmt.Errorf("crs: %d of %d points cannot be taken from %s to WGS 84 (the first is point %d)", bad, n, t.from, first+1)
	}
	return nil
}
