package layer

import (
	"math"
	"slices"

	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

// Type is a feature's geometry type, as GeoJSON names them. The zero Type
// is Point: a layer of points keeps no geometry column at all.
type Type uint8

// Geometry types.
const (
	Point Type = iota
	MultiPoint
	LineString
	MultiLineString
	Polygon
	MultiPolygon
	Collection // a GeometryCollection
	NoGeometry // a feature whose geometry is null: listed, never drawn
)

var typeNames = [...]string{"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection", "None"}

// String is the GeoJSON name of the type ("None" for NoGeometry).
func (t Type) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	return "Unknown"
}

// area is twice a ring's signed area in unit coordinates (y down):
// negative for a ring anticlockwise in lon/lat.
func area(r []orb.Point) float64 {
	a := 0.0
	for i := range r {
		p, q := r[i], r[(i+1)%len(r)]
		a += p[0]*q[1] - q[0]*p[1]
	}
	return a
}

// Part is one simple piece of a feature's geometry, in Web Mercator unit
// coordinates: points (Kind MultiPoint, one ring holding them), a line
// (Kind LineString, one ring) or a polygon (Kind Polygon, its outer ring
// anticlockwise in lon/lat, then its holes, clockwise, each closed). A line or ring that crosses the antimeridian is kept
// continuous: its x may leave [0, 1], so it draws as one shape.
type Part struct {
	Kind  Type
	Rings [][]orb.Point
	Bound orb.Bound // of the rings, in unit coordinates
}

// geom is the geometry column of a layer with features other than points:
// each feature's type and span of parts. A layer of points has none.
type geom struct {
	types []Type
	spans []partSpan
	parts []Part
}

type partSpan struct{ first, n int32 }

// HasShapes reports whether any feature is not a plain Point.
func (l *Layer) HasShapes() bool { return l.geom != nil }

// Type returns feature i's geometry type.
func (l *Layer) Type(i int) Type {
	if l.geom == nil {
		return Point
	}
	return l.geom.types[i]
}

// Parts returns feature i's parts (none for a Point or NoGeometry). They
// share the layer's arrays: do not change them.
func (l *Layer) Parts(i int) []Part {
	if l.geom == nil {
		return nil
	}
	s := l.geom.spans[i]
	return l.geom.parts[s.first : s.first+s.n]
}

// Located reports whether feature i has a place on the map: false for a
// feature whose geometry is null or empty.
func (l *Layer) Located(i int) bool {
	u := l.Unit[i]
	return !math.IsNaN(u[0])
}

// SetGeometry gives the feature added last the geometry g, in lon/lat, in
// place of the point it was added with: its parts are projected once, and
// its anchor (LonLat, Unit: where its marker, label and cluster count go)
// becomes a point of g: the point itself, a line's middle, a polygon's
// interior. A nil or empty g is NoGeometry: the feature stays listed and
// has no place (Located is false).
func (l *Layer) SetGeometry(g orb.Geometry) {
	i := l.Len() - 1
	if p, ok := g.(orb.Point); ok {
		l.setAnchor(i, p)
		return
	}
	gm := l.shapes()
	t, start := typeOf(g), len(gm.parts)
	gm.types[i] = t
	addParts(gm, g)
	gm.spans[i] = partSpan{int32(start), int32(len(gm.parts) - start)}
	if len(gm.parts) == start {
		gm.types[i] = NoGeometry
		l.LonLat[i] = orb.Point{math.NaN(), math.NaN()}
		l.Unit[i] = l.LonLat[i]
		return
	}
	a := anchor(gm.parts[start:])
	l.Unit[i] = a
	l.LonLat[i] = view.FromUnit(orb.Point{a[0] - math.Floor(a[0]), a[1]})
}

// setAnchor places feature i at p.
func (l *Layer) setAnchor(i int, p orb.Point) {
	l.LonLat[i] = p
	l.Unit[i] = view.ToUnit(p)
}

// shapes returns the layer's geometry column, making it (every feature so
// far a Point) on first use; add keeps it as long as the layer after that.
func (l *Layer) shapes() *geom {
	if l.geom == nil {
		l.geom = &geom{types: make([]Type, l.Len(), cap(l.IDs)), spans: make([]partSpan, l.Len(), cap(l.IDs))}
	}
	return l.geom
}

func typeOf(g orb.Geometry) Type {
	switch g.(type) {
	case orb.MultiPoint:
		return MultiPoint
	case orb.LineString:
		return LineString
	case orb.MultiLineString:
		return MultiLineString
	case orb.Polygon, orb.Ring:
		return Polygon
	case orb.MultiPolygon:
		return MultiPolygon
	case orb.Collection:
		return Collection
	}
	return NoGeometry
}

// addParts appends g's parts, projected, skipping empty ones.
func addParts(gm *geom, g orb.Geometry) {
	switch g := g.(type) {
	case orb.Point:
		addPart(gm, MultiPoint, [][]orb.Point{{g}}, false)
	case orb.MultiPoint:
		addPart(gm, MultiPoint, [][]orb.Point{g}, false)
	case orb.LineString:
		addPart(gm, LineString, [][]orb.Point{g}, true)
	case orb.MultiLineString:
		for _, ls := range g {
			addPart(gm, LineString, [][]orb.Point{ls}, true)
		}
	case orb.Ring:
		addPart(gm, Polygon, [][]orb.Point{g}, true)
	case orb.Polygon:
		addPolygon(gm, g)
	case orb.MultiPolygon:
		for _, p := range g {
			addPolygon(gm, p)
		}
	case orb.Collection:
		for _, m := range g {
			addParts(gm, m)
		}
	}
}

func addPolygon(gm *geom, p orb.Polygon) {
	rings := make([][]orb.Point, len(p))
	for i, r := range p {
		rings[i] = r
	}
	addPart(gm, Polygon, rings, true)
}

// addPart projects rings (lon/lat) into one part. Lines and rings are
// unwrapped: a step of more than 180 degrees of longitude is taken as a
// crossing of the antimeridian, so the shape stays in one piece.
func addPart(gm *geom, kind Type, rings [][]orb.Point, unwrap bool) {
	if len(rings) == 0 || len(rings[0]) == 0 {
		return
	}
	n := 0
	for _, r := range rings {
		n += len(r)
	}
	flat := make([]orb.Point, 0, n)
	out := make([][]orb.Point, 0, len(rings))
	b := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	for ri, r := range rings {
		start := len(flat)
		shift := 0.0
		for j, p := range r {
			if unwrap && j > 0 {
				if d := p[0] - r[j-1][0]; d > 180 {
					shift -= 1
				} else if d < -180 {
					shift += 1
				}
			}
			u := view.ToUnit(orb.Point{p[0], p[1]})
			u[0] += shift
			flat = append(flat, u)
			b = b.Extend(u)
		}
		if ri > 0 && kind == Polygon && len(flat) == start {
			continue
		}
		r := flat[start:len(flat):len(flat)]
		if kind == Polygon && (ri == 0) != (area(r) < 0) {
			// Outer rings anticlockwise in lon/lat, holes clockwise, as
			// RFC 7946 advises: a nonzero fill leaves the holes empty.
			slices.Reverse(r)
		}
		out = append(out, r)
	}
	gm.parts = append(gm.parts, Part{Kind: kind, Rings: out, Bound: b})
}

// Bound returns feature i's bound in unit coordinates: its point's for a
// Point, empty at NaN for a feature with no place.
func (l *Layer) Bound(i int) orb.Bound {
	parts := l.Parts(i)
	if len(parts) == 0 {
		return orb.Bound{Min: l.Unit[i], Max: l.Unit[i]}
	}
	b := parts[0].Bound
	for _, p := range parts[1:] {
		b = b.Union(p.Bound)
	}
	return b
}

// Geometry returns feature i's geometry in lon/lat (longitudes in
// [-180, 180] only where the shape does not cross the antimeridian), or nil
// for NoGeometry. A GeometryCollection comes back as a Collection of its
// simple parts.
func (l *Layer) Geometry(i int) orb.Geometry {
	t := l.Type(i)
	switch t {
	case Point:
		return l.LonLat[i]
	case NoGeometry:
		return nil
	}
	var out orb.Collection
	for _, p := range l.Parts(i) {
		rings := make([][]orb.Point, len(p.Rings))
		for ri, r := range p.Rings {
			rings[ri] = toLonLat(r)
		}
		switch p.Kind {
		case MultiPoint:
			out = append(out, orb.MultiPoint(rings[0]))
		case LineString:
			out = append(out, orb.LineString(rings[0]))
		default:
			poly := make(orb.Polygon, len(rings))
			for ri, r := range rings {
				poly[ri] = r
			}
			out = append(out, poly)
		}
	}
	switch t {
	case MultiPoint:
		return out[0]
	case LineString, Polygon:
		return out[0]
	case MultiLineString:
		m := make(orb.MultiLineString, len(out))
		for k, g := range out {
			m[k] = g.(orb.LineString)
		}
		return m
	case MultiPolygon:
		m := make(orb.MultiPolygon, len(out))
		for k, g := range out {
			m[k] = g.(orb.Polygon)
		}
		return m
	}
	return out
}

// toLonLat unprojects unit coordinates; a ring shifted by whole worlds to
// stay continuous keeps its shift as longitudes beyond ±180.
func toLonLat(r []orb.Point) []orb.Point {
	out := make([]orb.Point, len(r))
	for i, u := range r {
		w := math.Floor(u[0])
		p := view.FromUnit(orb.Point{u[0] - w, u[1]})
		p[0] += w * 360
		out[i] = p
	}
	return out
}
