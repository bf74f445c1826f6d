package data

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// The kinds of .shp shapes: each with its Z and M variants, read as x, y.
const (
	shpNull = iota
	shpPoint
	shpMultiPoint
	shpPolyLine
	shpPolygon
)

// shpKind is the kind of a .shp shape type, or -1 for one that is not
// read (MultiPatch, unknown types).
func shpKind(typ uint32) int {
	switch typ {
	case 0:
		return shpNull
	case 1, 11, 21:
		return shpPoint
	case 8, 18, 28:
		return shpMultiPoint
	case 3, 13, 23:
		return shpPolyLine
	case 5, 15, 25:
		return shpPolygon
	}
	return -1
}

// shpDecoder decodes a chunk of .shp records. The points of all of them
// share one array, so that one call reprojects the chunk.
type shpDecoder struct {
	pts    []orb.Point
	ends   []int // where each part of each record ends in pts
	shapes []shpShape
}

// shpShape is one decoded record: its kind and its parts, the parts
// ends[e0:e1] of the decoder, whose points start at pts[p0].
type shpShape struct {
	n, kind    int
	p0, e0, e1 int
	msg        string // what is wrong with the record, or ""
}

func (d *shpDecoder) reset() {
	d.pts, d.ends, d.shapes = d.pts[:0], d.ends[:0], d.shapes[:0]
}

// decode decodes record n, whose content is c.
func (d *shpDecoder) decode(n int, c []byte) {
	s := shpShape{n: n, p0: len(d.pts), e0: len(d.ends)}
	s.msg = d.parts(&s, c)
	if s.msg != "" {
		d.pts, d.ends = d.pts[:s.p0], d.ends[:s.e0]
	}
	s.e1 = len(d.ends)
	d.shapes = append(d.shapes, s)
}

// parts reads a record's points and parts, and says what is wrong with it.
func (d *shpDecoder) parts(s *shpShape, c []byte) string {
	if len(c) < 4 {
		return "the record is empty: it has no shape type"
	}
	typ := binary.LittleEndian.Uint32(c)
	if s.kind = shpKind(typ); s.kind < 0 {
		if typ == 31 {
			return "MultiPatch shapes (3D surfaces) are not supported"
		}
		return fmt.Sprintf("unknown shape type %d", typ)
	}
	le := binary.LittleEndian
	nParts, nPoints, at := int64(1), int64(1), int64(4)
	switch s.kind {
	case shpNull:
		return ""
	case shpMultiPoint:
		if len(c) < 40 {
			return "the record is too short for a MultiPoint"
		}
		nPoints, at = int64(le.Uint32(c[36:])), 40
	case shpPolyLine, shpPolygon:
		if len(c) < 44 {
			return "the record is too short for a line or polygon"
		}
		nParts, nPoints = int64(le.Uint32(c[36:])), int64(le.Uint32(c[40:]))
		at = 44 + 4*nParts
	}
	if at+16*nPoints > int64(len(c)) {
		return fmt.Sprintf("its %d points do not fit in the record's %d bytes", nPoints, len(c))
	}
	for i := range int(nPoints) {
		o := int(at) + 16*i
		d.pts = append(d.pts, orb.Point{math.Float64frombits(le.Uint64(c[o:])), math.Float64frombits(le.Uint64(c[o+8:]))})
	}
	if s.kind != shpPolyLine && s.kind != shpPolygon {
		d.ends = append(d.ends, len(d.pts))
		return ""
	}
	prev := 0
	for i := range int(nParts) {
		start := int(le.Uint32(c[44+4*i:]))
		if start < prev || start > int(nPoints) || (i == 0 && start != 0) {
			return fmt.Sprintf("part %d starts at point %d, out of order", i+1, start)
		}
		if i > 0 {
			d.ends = append(d.ends, s.p0+start)
		}
		prev = start
	}
	if nParts > 0 {
		d.ends = append(d.ends, len(d.pts))
	}
	return ""
}

// geometry is a decoded record's geometry, once its points are in lon/lat,
// or what is wrong with it. A Null shape, and one without points, is nil.
func (d *shpDecoder) geometry(s *shpShape) (orb.Geometry, string) {
	if s.msg != "" || s.e0 == s.e1 {
		return nil, s.msg
	}
	parts := make([][]orb.Point, 0, s.e1-s.e0)
	start := s.p0
	for _, end := range d.ends[s.e0:s.e1] {
		parts = append(parts, d.pts[start:end:end])
		start = end
	}
	switch s.kind {
	case shpPoint:
		return parts[0][0], ""
	case shpMultiPoint:
		if len(parts[0]) == 0 {
			return nil, ""
		}
		return orb.MultiPoint(parts[0]), ""
	case shpPolyLine:
		mls := make(orb.MultiLineString, len(parts))
		for i, p := range parts {
			if len(p) < 2 {
				return nil, fmt.Sprintf("a line part has %d point%s", len(p), plural(len(p)))
			}
			mls[i] = p
		}
		if len(mls) == 1 {
			return mls[0], ""
		}
		return mls, ""
	}
	rings := make([]orb.Ring, len(parts))
	for i, p := range parts {
		if len(p) < 4 {
			return nil, fmt.Sprintf("a polygon ring has %d point%s", len(p), plural(len(p)))
		}
		if p[0] != p[len(p)-1] {
			p = append(p, p[0]) // a copy: the slice has no room past its end
		}
		rings[i] = p
	}
	return assemblePolygon(rings), ""
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// assemblePolygon makes a Polygon record's rings into a Polygon, or a
// MultiPolygon when it has several outer rings. A Shapefile winds outer
// rings clockwise and holes anticlockwise; each hole goes to the smallest
// outer ring that contains it, and a hole that none contains is taken as
// an outer ring of its own.
func assemblePolygon(rings []orb.Ring) orb.Geometry {
	if len(rings) == 1 {
		return orb.Polygon{rings[0]}
	}
	var polys orb.MultiPolygon
	var areas []float64
	var holes []orb.Ring
	for _, r := range rings {
		if a := signedArea(r); a <= 0 {
			polys = append(polys, orb.Polygon{r})
			areas = append(areas, -a)
		} else {
			holes = append(holes, r)
		}
	}
	for _, h := range holes {
		best := -1
		for i, p := range polys {
			if (best < 0 || areas[i] < areas[best]) && p.Bound().Contains(h[0]) && planar.RingContains(p[0], h[0]) {
				best = i
			}
		}
		if best < 0 {
			polys = append(polys, orb.Polygon{h})
			areas = append(areas, signedArea(h))
			continue
		}
		polys[best] = append(polys[best], h)
	}
	if len(polys) == 1 {
		return polys[0]
	}
	return polys
}

// signedArea is twice a ring's area, negative when it runs clockwise (x to
// the right, y up).
func signedArea(r orb.Ring) float64 {
	a := 0.0
	for i := 1; i < len(r); i++ {
		a += r[i-1][0]*r[i][1] - r[i][0]*r[i-1][1]
	}
	return a
}
