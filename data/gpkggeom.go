package data

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/paulmach/orb"
	geom "github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/encoding/wkb"
)

// GeoPackage geometry blobs (GeoPackage 1.3, 2.1.3): "GP", a version byte, a
// flags byte, the srs_id, an optional envelope, then the geometry as WKB.
const (
	gpFlagEmpty    = 0x10 // the geometry is empty
	gpFlagLE       = 0x01 // the header's srs_id and envelope are little-endian
	gpEnvelopeMask = 0x0e // bits 1-3: which envelope follows the srs_id
)

// gpEnvelopeSize is the envelope's size in bytes by its indicator: none,
// xy, xyz, xym, xyzm.
var gpEnvelopeSize = [...]int{0, 32, 48, 48, 64}

// gpkgGeometry decodes a GeoPackage geometry blob into an orb geometry in
// the table's coordinates (x, y; any z or m dropped). A NULL blob, or one
// flagged empty, is nil: a feature with no geometry.
func gpkgGeometry(b []byte) (orb.Geometry, error) {
	if len(b) == 0 {
		return nil, nil
	}
	body, empty, err := gpkgWKB(b)
	if err != nil || empty {
		return nil, err
	}
	if p, ok := wkbPoint(body); ok {
		if math.IsNaN(p[0]) && math.IsNaN(p[1]) {
			return nil, nil // GDAL writes an empty point as NaN, NaN
		}
		return p, nil
	}
	g, err := wkb.Unmarshal(body)
	if err != nil {
		return nil, fmt.Errorf("geometry: %w", err)
	}
	return orbOf(g)
}

// gpkgWKB checks a blob's header and returns the WKB after it, or whether
// the blob is flagged empty.
func gpkgWKB(b []byte) (body []byte, empty bool, err error) {
	if len(b) < 8 || b[0] != 'G' || b[1] != 'P' {
		return nil, false, errors.New("geometry is not a GeoPackage geometry (no GP header)")
	}
	flags := b[3]
	if flags&gpFlagEmpty != 0 {
		return nil, true, nil
	}
	env := int(flags&gpEnvelopeMask) >> 1
	if env >= len(gpEnvelopeSize) {
		return nil, false, fmt.Errorf("geometry header: unknown envelope kind %d", env)
	}
	start := 8 + gpEnvelopeSize[env]
	if len(b) <= start {
		return nil, false, errors.New("geometry ends within its header")
	}
	return b[start:], false, nil
}

// wkbPoint reads a plain 2D WKB Point directly, the fast path for a table
// of points; ok is false for anything else.
func wkbPoint(b []byte) (orb.Point, bool) {
	if len(b) != 21 || b[0] > 1 {
		return orb.Point{}, false
	}
	var bo binary.ByteOrder = binary.BigEndian
	if b[0] == 1 {
		bo = binary.LittleEndian
	}
	if bo.Uint32(b[1:]) != 1 {
		return orb.Point{}, false
	}
	return orb.Point{math.Float64frombits(bo.Uint64(b[5:])), math.Float64frombits(bo.Uint64(b[13:]))}, true
}

// orbOf converts a go-geom geometry to orb, keeping x and y.
func orbOf(g geom.T) (orb.Geometry, error) {
	switch g := g.(type) {
	case *geom.Point:
		if g.Empty() {
			return nil, nil
		}
		return orb.Point{g.X(), g.Y()}, nil
	case *geom.MultiPoint:
		return orb.MultiPoint(flatPoints(g.FlatCoords(), g.Stride())), nil
	case *geom.LineString:
		return orb.LineString(flatPoints(g.FlatCoords(), g.Stride())), nil
	case *geom.MultiLineString:
		rings := flatRings(g.FlatCoords(), g.Stride(), g.Ends(), 0)
		out := make(orb.MultiLineString, len(rings))
		for i, r := range rings {
			out[i] = orb.LineString(r)
		}
		return out, nil
	case *geom.Polygon:
		return polygonOf(g.FlatCoords(), g.Stride(), g.Ends(), 0), nil
	case *geom.MultiPolygon:
		return multiPolygonOf(g), nil
	case *geom.GeometryCollection:
		out := make(orb.Collection, 0, g.NumGeoms())
		for _, m := range g.Geoms() {
			o, err := orbOf(m)
			if err != nil {
				return nil, err
			}
			if o != nil {
				out = append(out, o)
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("geometry: %T is not a geometry type Lodemap draws", g)
}

// flatPoints makes points of flat coordinates with the given stride, in one
// allocation.
func flatPoints(flat []float64, stride int) []orb.Point {
	out := make([]orb.Point, len(flat)/stride)
	for i := range out {
		out[i] = orb.Point{flat[i*stride], flat[i*stride+1]}
	}
	return out
}

// flatRings splits flat coordinates at ends (offsets into flat, counted
// from start) into rings over one array of points.
func flatRings(flat []float64, stride int, ends []int, start int) [][]orb.Point {
	if len(ends) == 0 {
		return nil
	}
	pts := flatPoints(flat[start:ends[len(ends)-1]], stride)
	out := make([][]orb.Point, len(ends))
	prev := start
	for i, e := range ends {
		a, b := (prev-start)/stride, (e-start)/stride
		out[i] = pts[a:b:b]
		prev = e
	}
	return out
}

func polygonOf(flat []float64, stride int, ends []int, start int) orb.Polygon {
	rings := flatRings(flat, stride, ends, start)
	if rings == nil {
		return nil
	}
	out := make(orb.Polygon, len(rings))
	for i, r := range rings {
		out[i] = orb.Ring(r)
	}
	return out
}

func multiPolygonOf(g *geom.MultiPolygon) orb.MultiPolygon {
	out := make(orb.MultiPolygon, 0, g.NumPolygons())
	start := 0
	for _, ends := range g.Endss() {
		if p := polygonOf(g.FlatCoords(), g.Stride(), ends, start); p != nil {
			out = append(out, p)
			start = ends[len(ends)-1]
		}
	}
	return out
}

// firstBadPoint returns the first point of g that is not a finite
// longitude and latitude in range, and whether there is one.
func firstBadPoint(g orb.Geometry) (orb.Point, bool) {
	switch g := g.(type) {
	case orb.Point:
		return g, pointProblem(g[0], g[1]) != ""
	case orb.MultiPoint:
		return firstBadOf(g)
	case orb.LineString:
		return firstBadOf(g)
	case orb.Ring:
		return firstBadOf(g)
	case orb.MultiLineString:
		for _, ls := range g {
			if p, bad := firstBadOf(ls); bad {
				return p, true
			}
		}
	case orb.Polygon:
		for _, r := range g {
			if p, bad := firstBadOf(r); bad {
				return p, true
			}
		}
	case orb.MultiPolygon:
		for _, pg := range g {
			if p, bad := firstBadPoint(pg); bad {
				return p, true
			}
		}
	case orb.Collection:
		for _, m := range g {
			if p, bad := firstBadPoint(m); bad {
				return p, true
			}
		}
	}
	return orb.Point{}, false
}

func firstBadOf(pts []orb.Point) (orb.Point, bool) {
	for _, p := range pts {
		if pointProblem(p[0], p[1]) != "" {
			return p, true
		}
	}
	return orb.Point{}, false
}
