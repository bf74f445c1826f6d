package data

import (
	"context"
	"io/fs"
	"strings"
	"testing"
)

// feature is one GeoJSON Feature with the given geometry and properties.
func feature(geometry, props string) string {
	return `{"type":"Feature","geometry":` + geometry + `,"properties":{` + props + `}}`
}

// collection is a FeatureCollection of the features, one a line.
func collection(features ...string) string {
	return "{\"type\":\"FeatureCollection\",\"features\":[\n" + strings.Join(features, ",\n") + "\n]}\n"
}

const (
	pt    = `{"type":"Point","coordinates":[30,40]}`
	props = `"id":"a","name":"A","kind":"mine","status":"operating"`
)

// geoJSONFixtures are files both GeoJSON readers are run over.
var geoJSONFixtures = map[string]string{
	"valid":                collection(feature(pt, props), feature(pt, `"id":"b","name":"B","kind":"deposit","status":"planned","coord_precision":"city"`)),
	"feature-level id":     collection(`{"type":"Feature","id":"f","geometry":` + pt + `,"properties":{"name":"F","kind":"mine","status":"operating"}}`),
	"numeric ids":          collection(`{"type":"Feature","id":42,"geometry":`+pt+`,"properties":{"name":"F","kind":"mine","status":"operating"}}`, feature(pt, `"id":1.5,"name":"G","kind":"mine","status":"operating"`)),
	"byte-order mark":      "\xEF\xBB\xBF" + collection(feature(pt, props)),
	"no id":                collection(feature(pt, `"name":"A","kind":"mine","status":"operating"`)),
	"null id":              collection(feature(pt, `"id":null,"name":"A","kind":"mine","status":"operating"`)),
	"boolean id":           collection(feature(pt, `"id":true,"name":"A","kind":"mine","status":"operating"`)),
	"no name":              collection(feature(pt, `"id":"a","kind":"mine","status":"operating"`)),
	"unknown kind":         collection(feature(pt, `"id":"a","name":"A","kind":"smelter","status":"operating"`)),
	"unknown precision":    collection(feature(pt, props+`,"coord_precision":"town"`)),
	"no schema fields":     collection(feature(pt, `"id":"a","name":"A"`)),
	"out of range":         collection(feature(`{"type":"Point","coordinates":[30,95]}`, props)),
	"one coordinate":       collection(feature(`{"type":"Point","coordinates":[30]}`, props)),
	"line":                 collection(feature(`{"type":"LineString","coordinates":[[30,40],[31,41]]}`, props)),
	"null geometry":        collection(feature(`null`, props)),
	"text coordinates":     collection(feature(`{"type":"Point","coordinates":["30","40"]}`, props)),
	"number name":          collection(feature(pt, `"id":"a","name":5,"kind":"mine","status":"operating"`)),
	"list status":          collection(feature(pt, `"id":"a","name":"A","kind":"mine","status":["operating"]`)),
	"text properties":      collection(`{"type":"Feature","id":"a","geometry":` + pt + `,"properties":"x"}`),
	"not a Feature":        collection(`{"type":"Point","coordinates":[30,40]}`),
	"syntax error":         collection(feature(pt, props), `{"type":"Feature" "x"}`),
	"not a collection":     `{"type":"Feature","features":[]}`,
	"number element":       `{"features":[1]}`,
	"name after features":  `{"type":"FeatureCollection","features":[` + feature(pt, props) + `],"name":"Late"}`,
	"no type":              `{"features":[` + feature(pt, props) + `]}`,
	"escapes in strings":   collection(feature(pt, `"id":"a\"b","name":"A {x} [y]","kind":"mine","status":"operating"`)),
	"three-dimensional":    collection(feature(`{"type":"Point","coordinates":[30,40,100]}`, props)),
	"empty":                collection(),
	"unknown members":      collection(`{"type":"Feature","bbox":[1,2,3,4],"geometry":` + pt + `,"properties":{` + props + `,"extra":{"deep":[1,2]}}}`),
	"text order":           `{"type":"FeatureCollection","order":"first","features":[` + feature(pt, props) + `]}`,
	"properties.id and id": collection(`{"type":"Feature","id":"outer","geometry":` + pt + `,"properties":{` + props + `}}`),
}

// TestGeoJSONReadersAgree runs the fast and the careful reader over the
// same files, with and without the dataset schema: the fast reader
// succeeds exactly where the careful one finds nothing to report, and then
// both read the same layer.
func TestGeoJSONReadersAgree(t *testing.T) {
	files := map[string]string{}
	for name, in := range geoJSONFixtures {
		files[name] = in
	}
	embeddedFiles, _ := fs.Glob(embedded, "layers/*.geojson")
	for _, name := range embeddedFiles {
		b, _ := fs.ReadFile(embedded, name)
		files[name] = string(b)
	}
	for name, in := range files {
		for _, schema := range []bool{true, false} {
			t.Run(name+map[bool]string{true: ", schema", false: ", added file"}[schema], func(t *testing.T) {
				fast, ok := readGeoJSONFast(context.Background(), testSource([]byte(in), "x.geojson", schema))
				careful, probs := readGeoJSONCareful(testSource([]byte(in), "x.geojson", schema))
				if t := rootType([]byte(in)); t != "FeatureCollection" && t != "" {
					probs = append(probs, Problem{Msg: "the fast reader reads FeatureCollections only"})
				}
				if ok != (len(probs) == 0) {
					t.Fatalf("fast reader ok %v, careful reader's problems %v", ok, probs)
				}
				if ok {
					sameLayer(t, fast, careful)
				}
				if name == "name after features" && (!ok || fast.Title != "Late") {
					t.Errorf("title after the features not read")
				}
			})
		}
	}
}

func TestGeoJSONProblems(t *testing.T) {
	tests := []struct {
		fixture string
		ids     []string // kept features
		probs   []string // problems, in order
	}{
		{"valid", []string{"a", "b"}, nil},
		{"feature-level id", []string{"f"}, nil},
		{"numeric ids", []string{"42", "1.5"}, nil},
		{"properties.id and id", []string{"a"}, nil},
		{"byte-order mark", []string{"a"}, nil},
		{"no id", []string{"x-1"}, []string{`x.geojson:2: feature "x-1" has no id; it was given this one`}},
		{"null id", []string{"x-1"}, []string{`x.geojson:2: feature "x-1" has no id; it was given this one`}},
		// The decoder stops at a bad id: what follows it is not read.
		{"boolean id", []string{"x-1"}, []string{"x.geojson:2: feature: the id is neither text nor a number", `x.geojson:2: feature "x-1" has no id; it was given this one`,
			`x.geojson:2: feature "x-1" has no name`, `x.geojson:2: feature "x-1": unknown kind`, `x.geojson:2: feature "x-1": unknown status`}},
		{"no name", []string{"a"}, []string{`x.geojson:2: feature "a" has no name`}},
		{"unknown precision", []string{"a"}, []string{`x.geojson:2: feature "a": unknown coord_precision "town" (known: site, site_approx, district, city)`}},
		{"no schema fields", []string{"a"}, []string{`x.geojson:2: feature "a": unknown kind ""`, `x.geojson:2: feature "a": unknown status ""`}},
		{"out of range", nil, []string{`x.geojson:2: feature "a": coordinates (30, 95) out of range`}},
		{"one coordinate", []string{"a"}, []string{`x.geojson:2: feature "a": a position has one number; it needs longitude and latitude`}},
		{"line", []string{"a"}, nil},
		{"null geometry", []string{"a"}, nil},
		{"text coordinates", []string{"a"}, []string{`x.geojson:2: feature "a": a position holds "\"30\"", not a number`}},
		{"number name", []string{"a"}, []string{`x.geojson:2: feature "a": "name" is a number; it must be text`, `x.geojson:2: feature "a" has no name`}},
		{"list status", []string{"a"}, []string{`x.geojson:2: feature "a": "status" is a list; it must be text`, `x.geojson:2: feature "a": unknown status ""`}},
		{"text properties", []string{"a"}, []string{`x.geojson:2: feature "a": "properties" is text; it must be an object`,
			`x.geojson:2: feature "a" has no name`, `x.geojson:2: feature "a": unknown kind ""`, `x.geojson:2: feature "a": unknown status ""`}},
		{"not a Feature", nil, []string{`x.geojson:2: feature "x-1": type is "Point", want "Feature"`}},
		{"text order", []string{"a"}, []string{"x.geojson:1: order must be an integer"}},
		{"syntax error", []string{"a"}, []string{`x.geojson:3: column 19: expected ',' or '}', found '"'`}},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			l, probs := readGeoJSONCareful(testSource([]byte(geoJSONFixtures[tt.fixture]), "x.geojson", true))
			var ids []string
			if l != nil {
				ids = l.IDs
			}
			if strings.Join(ids, ",") != strings.Join(tt.ids, ",") {
				t.Errorf("kept %q, want %q", ids, tt.ids)
			}
			if len(probs) != len(tt.probs) {
				t.Fatalf("problems:\n%v\nwant:\n%s", probs, strings.Join(tt.probs, "\n"))
			}
			for i, p := range probs {
				if !strings.HasPrefix(p.String(), tt.probs[i]) {
					t.Errorf("problem %q, want %q", p, tt.probs[i])
				}
				for _, internal := range []string{"Go struct", "unmarshal", "geoFeature", "featureID"} {
					if strings.Contains(p.Msg, internal) {
						t.Errorf("problem %q shows Go internals (%s)", p, internal)
					}
				}
			}
		})
	}
}
