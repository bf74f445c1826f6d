package data

import (
	"slices"
	"strings"
	"testing"
)

// TestJSONProblemsInWords checks that JSON syntax errors are told in words
// with the line and column of the character at fault, never in Go's terms.
func TestJSONProblemsInWords(t *testing.T) {
	head := "{\"type\":\"FeatureCollection\",\"features\":[\n"
	feature := func(geom string) string {
		return head + "{\"type\":\"Feature\",\"properties\":{\"id\":\"a\",\"name\":\"A\"},\n \"geometry\": " + geom + "}]}\n"
	}
	tests := []struct {
		name, file, want string
	}{
		{"a bare word", feature(`{"type":"Point","coordinates":[1, oops]}`), "x.geojson:3: column 48: expected a value, found 'o'"},
		{"a missing colon", feature(`{"type" "Point"}`), "x.geojson:3: column 22: expected ':', found '\"'"},
		{"a missing comma", feature(`{"type":"Point" "coordinates":[1,2]}`), "x.geojson:3: column 30: expected ',' or '}', found '\"'"},
		{"a misspelt null", feature(`nul`), "x.geojson:3: column 17: expected null, found '}'"},
		{"a cut file", head + `{"type":"Feature","properties":{"id":"a"`, "x.geojson:2: the file ends too soon: a value, ']' or '}' is missing"},
		{"after a byte-order mark", "\ufeff{\"type\" 1}", "x.geojson:1: column 9: expected ':', found '1'"},
		{"a truncated top level", "{\"type\":\"FeatureCollection\",\"features\":[", "x.geojson:1: the file ends too soon: a value, ']' or '}' is missing"},
		{"a stray character at the top", "{\"type\":\"FeatureCollection\",\n  ;\"features\":[]}", "x.geojson:2: column 3: expected a member name in double quotes, found ';'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, probs := readOne([]byte(tt.file), "x.geojson", "x.geojson")
			if !slices.ContainsFunc(probs, func(p Problem) bool { return p.String() == tt.want }) {
				t.Errorf("problems %q, want %q", probs, tt.want)
			}
			for _, p := range probs {
				if strings.Contains(p.Msg, "invalid character") || strings.Contains(p.Msg, "Go struct") {
					t.Errorf("a problem in Go's terms: %q", p)
				}
			}
		})
	}
}
