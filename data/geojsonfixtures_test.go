package data

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestGeoJSONSchemaFixtures reads the geojson/schema project's published
// fixtures: every valid file loads without a problem; every invalid one
// gives at least one problem, and nothing panics.
func TestGeoJSONSchemaFixtures(t *testing.T) {
	for _, set := range []string{"valid", "invalid"} {
		files, err := filepath.Glob(filepath.Join("testdata", "geojson-schema", set, "*", "*.json"))
		if err != nil || len(files) < 30 {
			t.Fatalf("%s fixtures: %d files, %v", set, len(files), err)
		}
		for _, f := range files {
			name := set + "/" + filepath.Base(filepath.Dir(f)) + "/" + filepath.Base(f)
			t.Run(name, func(t *testing.T) {
				b, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				l, probs := readGeoJSON(context.Background(), testSource(b, filepath.Base(f), false))
				switch {
				case set == "valid" && len(probs) > 0:
					t.Errorf("a valid file has problems: %v", probs)
				case set == "valid" && l == nil:
					t.Error("a valid file gave no layer")
				case set == "invalid" && len(probs) == 0:
					t.Errorf("an invalid file gave no problem (%d features)", l.Len())
				}
			})
		}
	}
}
