package layer

import (
	"math"
	"testing"

	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

func TestSetGeometry(t *testing.T) {
	square := orb.Polygon{{{30, 39}, {32, 39}, {32, 41}, {30, 41}, {30, 39}}, {{30.5, 39.5}, {30.5, 40.5}, {31.5, 40.5}, {31.5, 39.5}, {30.5, 39.5}}}
	tests := []struct {
		name  string
		g     orb.Geometry
		typ   Type
		parts int
		// the anchor must lie on or in the geometry
		check func(t *testing.T, a orb.Point)
	}{
		{"point", orb.Point{31, 40}, Point, 0, nil},
		{"null", nil, NoGeometry, 0, nil},
		{"empty multipolygon", orb.MultiPolygon{}, NoGeometry, 0, nil},
		{"multipoint", orb.MultiPoint{{1, 2}, {3, 4}}, MultiPoint, 1, func(t *testing.T, a orb.Point) {
			if math.Abs(a[0]-1) > 1e-9 || math.Abs(a[1]-2) > 1e-9 {
				t.Errorf("anchor %v, want the first point", a)
			}
		}},
		{"line", orb.LineString{{30, 40}, {32, 40}}, LineString, 1, func(t *testing.T, a orb.Point) {
			if math.Abs(a[0]-31) > 1e-9 {
				t.Errorf("anchor %v, want the middle", a)
			}
		}},
		{"polygon with hole", square, Polygon, 1, func(t *testing.T, a orb.Point) {
			if !planar.PolygonContains(square, a) {
				t.Errorf("anchor %v is not inside the polygon (hole excluded)", a)
			}
		}},
		{"multipolygon", orb.MultiPolygon{square, {{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}}, MultiPolygon, 2, func(t *testing.T, a orb.Point) {
			if !planar.PolygonContains(square, a) {
				t.Errorf("anchor %v is not in the largest polygon", a)
			}
		}},
		{"collection", orb.Collection{orb.Point{1, 1}, orb.LineString{{0, 0}, {2, 0}}}, Collection, 2, nil},
	}
	l := &Layer{ID: "t"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l.Add(tt.name, tt.name, "", "", orb.Point{}, nil, 1)
			l.SetGeometry(tt.g)
			i := l.Len() - 1
			if got := l.Type(i); got != tt.typ {
				t.Errorf("Type = %v, want %v", got, tt.typ)
			}
			if got := len(l.Parts(i)); got != tt.parts {
				t.Errorf("%d parts, want %d", got, tt.parts)
			}
			if got := l.Located(i); got != (tt.typ != NoGeometry) {
				t.Errorf("Located = %v", got)
			}
			if tt.check != nil {
				tt.check(t, l.LonLat[i])
			}
			if tt.typ != NoGeometry && tt.typ != Collection {
				back := l.Geometry(i)
				if back.GeoJSONType() != tt.g.GeoJSONType() {
					t.Errorf("Geometry is a %s, want a %s", back.GeoJSONType(), tt.g.GeoJSONType())
				}
				if !orb.Equal(roundGeom(back), roundGeom(tt.g)) {
					t.Errorf("Geometry = %v, want %v", back, tt.g)
				}
			}
		})
	}
	if l.Type(0) != Point {
		t.Errorf("the first feature, added before any shape, is a %v", l.Type(0))
	}
}

// roundGeom rounds coordinates to 1e-9 degrees, past the projection's
// round trip error.
func roundGeom(g orb.Geometry) orb.Geometry {
	return orb.Round(orb.Clone(g), 1e9)
}

func TestAntimeridianLineStaysWhole(t *testing.T) {
	l := &Layer{ID: "t"}
	l.Add("fiji", "", "", "", orb.Point{}, nil, 1)
	l.SetGeometry(orb.LineString{{178, -17}, {-179, -17}, {-178, -18}})
	r := l.Parts(0)[0].Rings[0]
	for i := 1; i < len(r); i++ {
		if d := math.Abs(r[i][0] - r[i-1][0]); d > 0.5 {
			t.Fatalf("step %d jumps %.3f of the world: the line is cut at the antimeridian", i, d)
		}
	}
	if b := l.Bound(0); b.Max[0] <= 1 {
		t.Errorf("bound %v does not reach past the antimeridian", b)
	}
	back := l.Geometry(0).(orb.LineString)
	if math.Abs(back[1][0]-181) > 1e-9 {
		t.Errorf("lon/lat back = %v, want the crossing kept as 181", back)
	}
	if u := view.ToUnit(l.LonLat[0]); math.Abs(u[0]-l.Unit[0][0]+math.Floor(l.Unit[0][0])) > 1e-9 && math.Abs(u[0]-l.Unit[0][0]) > 1e-9 {
		t.Errorf("anchor %v and unit %v disagree", l.LonLat[0], l.Unit[0])
	}
}

func TestSnapshotAndRemoveKeepShapes(t *testing.T) {
	l := &Layer{ID: "t"}
	for i, g := range []orb.Geometry{orb.Point{1, 1}, orb.LineString{{0, 0}, {1, 1}}, orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}} {
		l.Add(string(rune('a'+i)), "", "", "", orb.Point{}, nil, i+1)
		l.SetGeometry(g)
	}
	snap := l.Snapshot()
	l.Add("d", "", "", "", orb.Point{}, nil, 4)
	l.SetGeometry(orb.MultiPoint{{2, 2}})
	if snap.Type(1) != LineString || snap.Len() != 3 || len(snap.Parts(2)) != 1 {
		t.Errorf("the snapshot changed as the layer grew: %v, len %d", snap.Type(1), snap.Len())
	}
	l.Remove(1)
	if got := []Type{l.Type(0), l.Type(1), l.Type(2)}; got[0] != Point || got[1] != Polygon || got[2] != MultiPoint {
		t.Errorf("after Remove(1) types = %v", got)
	}
	if p := l.Parts(1); len(p) != 1 || p[0].Kind != Polygon {
		t.Errorf("after Remove(1) the polygon's parts are %v", p)
	}
}

// TestPolygonWinding: whatever way a file winds them, outer rings and
// holes come out wound against each other, so a nonzero fill leaves the
// holes empty.
func TestPolygonWinding(t *testing.T) {
	ccw := orb.Ring{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}}
	cw := orb.Ring{{1, 1}, {1, 2}, {2, 2}, {2, 1}, {1, 1}}
	rev := func(r orb.Ring) orb.Ring { c := orb.Clone(r).(orb.Ring); c.Reverse(); return c }
	tests := []struct {
		name        string
		outer, hole orb.Ring
	}{
		{"as RFC 7946 advises", ccw, cw},
		{"both anticlockwise", ccw, rev(cw)},
		{"both clockwise", rev(ccw), cw},
		{"against the advice", rev(ccw), rev(cw)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := &Layer{ID: "t"}
			l.Add("p", "", "", "", orb.Point{}, nil, 1)
			l.SetGeometry(orb.Polygon{tt.outer, tt.hole})
			rings := l.Parts(0)[0].Rings
			if a, h := area(rings[0]), area(rings[1]); a >= 0 || h <= 0 {
				t.Errorf("outer ring area %g, hole %g: want them of opposite signs, outer anticlockwise in lon/lat", a, h)
			}
		})
	}
}

// TestPointsAfterShapes adds points, with and without SetGeometry, after
// the layer holds a shape.
func TestPointsAfterShapes(t *testing.T) {
	l := &Layer{ID: "t"}
	l.Add("line", "", "", "", orb.Point{}, nil, 1)
	l.SetGeometry(orb.LineString{{0, 0}, {1, 1}})
	l.Add("plain", "", "", "", orb.Point{5, 5}, nil, 2)
	l.Add("set", "", "", "", orb.Point{}, nil, 3)
	l.SetGeometry(orb.Point{6, 6})
	for i, want := range []Type{LineString, Point, Point} {
		if got := l.Type(i); got != want || (i > 0 && len(l.Parts(i)) != 0) {
			t.Errorf("feature %d is a %v with %d parts, want a %v", i, got, len(l.Parts(i)), want)
		}
	}
	if l.LonLat[2] != (orb.Point{6, 6}) {
		t.Errorf("the point set after a shape is at %v", l.LonLat[2])
	}
}

// TestMeasure checks lengths and areas on the sphere against known
// figures: a degree of the equator, and a 1x1 degree cell at the equator
// (R² Δλ (sin φ₂ − sin φ₁) = 12,391 km² on orb's sphere of radius 6,378,137 m).
func TestMeasure(t *testing.T) {
	tests := []struct {
		name                  string
		g                     orb.Geometry
		length, area, outline float64 // km, km², km
	}{
		{"point", orb.Point{1, 1}, 0, 0, 0},
		{"a degree of the equator", orb.LineString{{0, 0}, {1, 0}}, 111.32, 0, 0},
		{"across the antimeridian", orb.LineString{{179.5, 0}, {-179.5, 0}}, 111.32, 0, 0},
		{"a degree cell", orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}}, 0, 12391.4, 445.26},
		{"a cell with a quarter hole", orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}, {{0, 0}, {0, 0.5}, {0.5, 0.5}, {0.5, 0}, {0, 0}}}, 0, 12391.4 - 3098.0, 445.26 + 222.6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := &Layer{ID: "t"}
			l.Add("f", "", "", "", orb.Point{}, nil, 1)
			l.SetGeometry(tt.g)
			length, area, outline := l.Measure(0)
			near := func(what string, got, want float64) {
				if math.Abs(got-want) > want*0.002+1e-9 {
					t.Errorf("%s %.2f, want %.2f", what, got, want)
				}
			}
			near("length km", length/1e3, tt.length)
			near("area km²", area/1e6, tt.area)
			near("outline km", outline/1e3, tt.outline)
		})
	}
}

// TestPointAfterShape: a Point set after a line (a GeoPackage table of
// mixed geometries) is a Point with no parts.
func TestPointAfterShape(t *testing.T) {
	l := &Layer{ID: "t"}
	for i, g := range []orb.Geometry{orb.LineString{{0, 0}, {1, 1}}, orb.Point{5, 6}, nil} {
		l.Add(string(rune('a'+i)), "", "", "", orb.Point{}, nil, i+1)
		l.SetGeometry(g)
	}
	if got := []Type{l.Type(0), l.Type(1), l.Type(2)}; got[0] != LineString || got[1] != Point || got[2] != NoGeometry {
		t.Errorf("types = %v", got)
	}
	if len(l.Parts(1)) != 0 || l.LonLat[1] != (orb.Point{5, 6}) || l.Located(2) {
		t.Errorf("the point has parts %v at %v; the null is located: %v", l.Parts(1), l.LonLat[1], l.Located(2))
	}
}
