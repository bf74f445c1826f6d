package data

import (
	"fmt"

	flatbuffers "github.com/google/flatbuffers/go"
	"github.com/paulmach/orb"
)

// FlatGeobuf geometry types (the GeometryType enum) and the Geometry
// table's slots.
const (
	fgbUnknown = iota
	fgbPoint
	fgbLineString
	fgbPolygon
	fgbMultiPoint
	fgbMultiLineString
	fgbMultiPolygon
	fgbCollection

	geomEnds, geomXY, geomType, geomParts = 4, 6, 16, 18
)

// fgbGeometry reads a Geometry table into an orb geometry in the file's
// coordinates. typ is the header's geometry type, or fgbUnknown when each
// geometry says its own. An empty geometry is nil; what cannot be read is
// an error in words.
func fgbGeometry(t *flatbuffers.Table, typ byte) (orb.Geometry, error) {
	if typ == fgbUnknown {
		typ = t.GetByteSlot(geomType, fgbUnknown)
	}
	xy := fgbXY(t)
	switch typ {
	case fgbPoint:
		if len(xy) == 0 {
			return nil, nil
		}
		return xy[0], nil
	case fgbMultiPoint:
		return emptyNil(orb.MultiPoint(xy), len(xy)), nil
	case fgbLineString:
		return emptyNil(orb.LineString(xy), len(xy)), nil
	case fgbMultiLineString:
		var m orb.MultiLineString
		for _, r := range fgbRings(t, xy) {
			m = append(m, orb.LineString(r))
		}
		return emptyNil(m, len(m)), nil
	case fgbPolygon:
		var p orb.Polygon
		for _, r := range fgbRings(t, xy) {
			p = append(p, orb.Ring(r))
		}
		return emptyNil(p, len(p)), nil
	case fgbMultiPolygon, fgbCollection:
		return fgbParts(t, typ)
	}
	return nil, fmt.Errorf("geometry type %d is not one Lodemap draws (points, lines, polygons and their multi and collection forms)", typ)
}

// fgbParts reads a MultiPolygon's or a GeometryCollection's parts.
func fgbParts(t *flatbuffers.Table, typ byte) (orb.Geometry, error) {
	o := flatbuffers.UOffsetT(t.Offset(geomParts))
	if o == 0 {
		return nil, nil
	}
	vec, n := t.Vector(o), t.VectorLen(o)
	var mp orb.MultiPolygon
	var col orb.Collection
	for i := range n {
		part := &flatbuffers.Table{Bytes: t.Bytes, Pos: t.Indirect(vec + flatbuffers.UOffsetT(i*4))}
		ptyp := byte(fgbPolygon)
		if typ == fgbCollection {
			ptyp = fgbUnknown
		}
		g, err := fgbGeometry(part, ptyp)
		if err != nil {
			return nil, err
		}
		if poly, ok := g.(orb.Polygon); ok && typ == fgbMultiPolygon {
			mp = append(mp, poly)
		} else if g != nil {
			col = append(col, g)
		}
	}
	if typ == fgbMultiPolygon {
		return emptyNil(mp, len(mp)), nil
	}
	return emptyNil(col, len(col)), nil
}

// fgbXY reads a geometry's xy vector as points.
func fgbXY(t *flatbuffers.Table) []orb.Point {
	o := flatbuffers.UOffsetT(t.Offset(geomXY))
	if o == 0 {
		return nil
	}
	vec, n := t.Vector(o), t.VectorLen(o)/2
	out := make([]orb.Point, n)
	for i := range out {
		at := vec + flatbuffers.UOffsetT(i*16)
		out[i] = orb.Point{t.GetFloat64(at), t.GetFloat64(at + 8)}
	}
	return out
}

// fgbRings splits xy at the geometry's ends (point counts where each ring
// or line ends); without ends, xy is one.
func fgbRings(t *flatbuffers.Table, xy []orb.Point) [][]orb.Point {
	o := flatbuffers.UOffsetT(t.Offset(geomEnds))
	if o == 0 {
		if len(xy) == 0 {
			return nil
		}
		return [][]orb.Point{xy}
	}
	vec, n := t.Vector(o), t.VectorLen(o)
	out := make([][]orb.Point, 0, n)
	start := 0
	for i := range n {
		end := int(t.GetUint32(vec + flatbuffers.UOffsetT(i*4)))
		if end < start || end > len(xy) {
			break
		}
		out = append(out, xy[start:end:end])
		start = end
	}
	return out
}
