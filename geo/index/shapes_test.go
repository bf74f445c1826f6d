package index

import (
	"testing"

	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

// shapeLayer holds, in order: a big polygon with a hole, a small polygon
// inside the big one, a line across both, a point on the line, a
// MultiPoint, and a polygon across the antimeridian.
func shapeLayer() *layer.Layer {
	l := &layer.Layer{ID: "t"}
	add := func(id string, g orb.Geometry) {
		l.Add(id, id, "", "", orb.Point{}, nil, l.Len()+1)
		l.SetGeometry(g)
	}
	add("big", orb.Polygon{{{30, 39}, {34, 39}, {34, 42}, {30, 42}, {30, 39}}, {{32.5, 39.5}, {32.5, 40}, {33.5, 40}, {33.5, 39.5}, {32.5, 39.5}}})
	add("small", orb.Polygon{{{31, 40}, {32, 40}, {32, 41}, {31, 41}, {31, 40}}})
	add("line", orb.LineString{{29, 40.5}, {35, 40.5}})
	add("point", orb.Point{33, 40.5})
	add("wells", orb.MultiPoint{{30.5, 39.5}, {30.6, 39.6}})
	add("fiji", orb.Polygon{{{178, -16}, {-178, -16}, {-178, -19}, {178, -19}, {178, -16}}})
	return l
}

// TestLayerAt clicks around shapeLayer at zoom 8 and checks what a click
// picks first and what lies under it.
func TestLayerAt(t *testing.T) {
	l := shapeLayer()
	x := ForLayer(l)
	world := view.TileSize * 256.0 // zoom 8
	pointR, lineR := 8/world, 6/world
	px := func(lon, lat, dx, dy float64) orb.Point {
		u := view.ToUnit(orb.Point{lon, lat})
		return orb.Point{u[0] + dx/world, u[1] + dy/world}
	}
	tests := []struct {
		name string
		at   orb.Point
		want []string // ids, in pick order
	}{
		{"inside the big polygon only", px(33.5, 41.5, 0, 0), []string{"big"}},
		{"in the hole", px(33, 39.75, 0, 0), nil},
		{"the smallest polygon wins", px(31.5, 40.2, 0, 0), []string{"small", "big"}},
		{"a line within 6 px comes before polygons", px(31.5, 40.5, 0, 5), []string{"line", "small", "big"}},
		{"a line 7 px away is not hit", px(29.5, 40.5, 0, 7), nil},
		{"a marker on a line comes first, as it is drawn above", px(33, 40.5, 1, 0), []string{"point", "line", "big"}},
		{"a MultiPoint's point", px(30.6, 39.6, 3, 0), []string{"wells", "big"}},
		{"across the antimeridian, east", px(179, -17, 0, 0), []string{"fiji"}},
		{"across the antimeridian, west", px(-179, -17, 0, 0), []string{"fiji"}},
		{"nothing", px(0, 0, 0, 0), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, h := range x.At(tt.at, pointR, lineR) {
				got = append(got, l.IDs[h.Index])
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("got %q, want %q", got, tt.want)
				}
			}
		})
	}
}
