package data

import (
	"strings"
	"testing"

	"github.com/lodemap/lodemap/geo/layer"
)

// TestGeoJSONGeometries reads every kind of GeoJSON root and geometry, as
// an added file (no schema): what RFC 7946 allows loads without a problem,
// what it forbids is a problem on the feature's line, and the feature
// stays listed.
func TestGeoJSONGeometries(t *testing.T) {
	poly := `[[[30,39],[32,39],[32,41],[30,41],[30,39]],[[30.5,39.5],[31.5,39.5],[31.5,40.5],[30.5,40.5],[30.5,39.5]]]`
	tests := []struct {
		name  string
		file  string
		types []layer.Type
		ids   []string
		probs []string
	}{
		{"a bare Point", `{"type":"Point","coordinates":[30,40]}`, []layer.Type{layer.Point}, []string{"x-1"}, nil},
		{"a bare Polygon with a hole", `{"type":"Polygon","coordinates":` + poly + `}`, []layer.Type{layer.Polygon}, []string{"x-1"}, nil},
		{"a single Feature", `{"type":"Feature","id":7,"geometry":{"type":"LineString","coordinates":[[30,40],[31,41,120]]},"properties":null}`,
			[]layer.Type{layer.LineString}, []string{"7"}, nil},
		{"a collection without ids", collection(feature(pt, ``), feature(`{"type":"MultiPoint","coordinates":[[1,2],[3,4]]}`, ``)),
			[]layer.Type{layer.Point, layer.MultiPoint}, []string{"x-1", "x-2"}, nil},
		{"every type", collection(
			feature(`{"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[[2,2],[3,3]]]}`, `"id":"mls"`),
			feature(`{"type":"MultiPolygon","coordinates":[`+poly+`,[[[0,0],[1,0],[1,1],[0,0]]]]}`, `"id":"mp"`),
			feature(`{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,1]},{"type":"GeometryCollection","geometries":[{"type":"LineString","coordinates":[[0,0],[1,1]]}]}]}`, `"id":"gc"`),
			feature(`null`, `"id":"office"`),
			feature(`{"type":"Polygon","coordinates":[]}`, `"id":"empty"`)),
			[]layer.Type{layer.MultiLineString, layer.MultiPolygon, layer.Collection, layer.NoGeometry, layer.NoGeometry},
			[]string{"mls", "mp", "gc", "office", "empty"}, nil},
		{"bbox and foreign members", `{"type":"FeatureCollection","bbox":[0,0,1,1],"crs":null,"title":"t","features":[{"type":"Feature","bbox":[1,2,1,2],"geometry":` + pt + `,"properties":{},"extra":[1]}]}`,
			[]layer.Type{layer.Point}, []string{"x-1"}, nil},
		{"an unclosed ring is closed", collection(feature(`{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}`, `"id":"a"`)),
			[]layer.Type{layer.Polygon}, []string{"a"}, []string{`x.geojson:2: feature "a": a polygon ring is not closed`}},
		{"a ring of three positions", collection(feature(`{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}`, `"id":"a"`)),
			[]layer.Type{layer.NoGeometry}, []string{"a"}, []string{`x.geojson:2: feature "a": a polygon ring has 3 positions; it needs at least four`}},
		{"a line of one position", collection(feature(`{"type":"LineString","coordinates":[[0,0]]}`, `"id":"a"`)),
			[]layer.Type{layer.NoGeometry}, []string{"a"}, []string{`x.geojson:2: feature "a": a line has 1 position; it needs at least two`}},
		{"an unknown type", collection(feature(`{"type":"Circle","coordinates":[0,0]}`, `"id":"a"`)),
			[]layer.Type{layer.NoGeometry}, []string{"a"}, []string{`x.geojson:2: feature "a": unknown geometry type "Circle"`}},
		{"coordinates of the wrong depth", collection(feature(`{"type":"Polygon","coordinates":[[0,0],[1,1]]}`, `"id":"a"`)),
			[]layer.Type{layer.NoGeometry}, []string{"a"}, []string{`x.geojson:2: feature "a": a Polygon's coordinates must be a list of lists of positions`}},
		{"coordinates that are text", collection(feature(`{"type":"Point","coordinates":"30,40"}`, `"id":"a"`)),
			[]layer.Type{layer.NoGeometry}, []string{"a"}, []string{`x.geojson:2: feature "a": coordinates must be a list`}},
		{"a geometry that is a number", collection(feature(`5`, `"id":"a"`)),
			[]layer.Type{layer.NoGeometry}, []string{"a"}, []string{`x.geojson:2: feature "a": "geometry" is a number; it must be an object`}},
		{"a root that is a list", `[1,2]`, nil, nil, []string{`x.geojson:1: not a GeoJSON object`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, probs := readGeoJSON(t.Context(), testSource([]byte(tt.file), "x.geojson", false))
			var got []layer.Type
			var ids []string
			if l != nil {
				ids = l.IDs
				for i := range l.Len() {
					got = append(got, l.Type(i))
				}
			}
			if strings.Join(ids, ",") != strings.Join(tt.ids, ",") || len(got) != len(tt.types) {
				t.Fatalf("ids %q types %v, want %q %v (problems %v)", ids, got, tt.ids, tt.types, probs)
			}
			for i := range got {
				if got[i] != tt.types[i] {
					t.Errorf("feature %d is a %v, want %v", i, got[i], tt.types[i])
				}
			}
			if len(probs) != len(tt.probs) {
				t.Fatalf("problems %v, want %q", probs, tt.probs)
			}
			for i, p := range probs {
				if !strings.HasPrefix(p.String(), tt.probs[i]) {
					t.Errorf("problem %q, want %q", p, tt.probs[i])
				}
			}
		})
	}
}
