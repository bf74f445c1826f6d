package data

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lodemap/lodemap/geo/style"
)

// TestUSGSDefaultStyle: the USGS extract, which has no kinds, opens
// coloured by its first listed commodity, symbols and names as one ("Au"
// is "Gold"), not as 85,254 "Unspecified".
func TestUSGSDefaultStyle(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "testdata", "usgs-mineral-sites.csv.gz")
	if _, err := os.Stat(path); err != nil {
		t.Skip("no shared test data")
	}
	l, _, err := loadOne(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	st, err := DefaultStyle(context.Background(), l)
	if err != nil || st == nil {
		t.Fatalf("no default style (%v)", err)
	}
	if st.Mode != style.ByCategory || st.Field != "commodities" {
		t.Fatalf("style %v by %q, want by category of commodities", st.Mode, st.Field)
	}
	if len(st.Entries) != len(style.Palette)+1 || st.Entries[0].Value != "Gold" || st.Entries[len(st.Entries)-1].Value != "Other" {
		t.Fatalf("entries %v", st.Entries)
	}
	for _, e := range st.Entries {
		if e.Value == "Au" || e.Value == "Cu" || e.Value == "Cr" {
			t.Errorf("symbol %q kept apart from its name", e.Value)
		}
	}
	// Gold counts the 17,658 "Gold", the 2,004 "Au" and every list that
	// starts with gold.
	if st.Entries[0].Count < 17658+2004+2788 {
		t.Errorf("Gold has %d sites", st.Entries[0].Count)
	}
	if len(st.Codes) != l.Len() {
		t.Errorf("%d codes for %d sites", len(st.Codes), l.Len())
	}
}

func TestStyles(t *testing.T) {
	file := `{"type":"FeatureCollection","style":STYLE,"features":[
{"type":"Feature","geometry":{"type":"Point","coordinates":[1,1]},"properties":{"type":"mine","tonnes":10}},
{"type":"Feature","geometry":{"type":"Point","coordinates":[2,2]},"properties":{"type":"mine","tonnes":"1,000"}},
{"type":"Feature","geometry":{"type":"Point","coordinates":[3,3]},"properties":{"type":"plant"}}]}`
	tests := []struct {
		name, style string
		mode        style.Mode
		check       func(t *testing.T, st *style.Layer)
		problem     string
	}{
		{"by category", `{"color_by":"type"}`, style.ByCategory, func(t *testing.T, st *style.Layer) {
			if len(st.Entries) != 2 || st.Entries[0].Value != "mine" || st.Entries[0].Count != 2 || st.Codes[2] != 1 {
				t.Errorf("entries %v codes %v", st.Entries, st.Codes)
			}
		}, ""},
		{"by size", `{"size_by":"tonnes","color":"#0072B2"}`, style.BySize, func(t *testing.T, st *style.Layer) {
			if st.Min != 10 || st.Max != 1000 || st.Steps[0] != 1 || st.Steps[1] != style.SizeSteps || st.Steps[2] != 0 {
				t.Errorf("range %g-%g steps %v", st.Min, st.Max, st.Steps)
			}
			if m := st.Marker(1, "", ""); m.Color != style.Blue || m.Radius() <= style.MarkerSize/2 {
				t.Errorf("largest marker %+v radius %g", m, m.Radius())
			}
		}, ""},
		{"one colour", `{"color":"#D55E00"}`, style.Single, func(t *testing.T, st *style.Layer) {
			if st.Marker(0, "", "").Color != style.Vermillion {
				t.Errorf("colour %v", st.Marker(0, "", "").Color)
			}
		}, ""},
		{"bad colour", `{"color":"red"}`, style.ByKind, nil, `"style": colour "red": want #RRGGBB`},
		{"both", `{"color_by":"a","size_by":"b"}`, style.ByKind, nil, "choose one"},
		{"not an object", `"big"`, style.ByKind, nil, `"style" must be an object`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, probs := readGeoJSON(context.Background(), testSource([]byte(strings.Replace(file, "STYLE", tt.style, 1)), "x.geojson", false))
			if tt.problem != "" {
				if len(probs) != 1 || !strings.Contains(probs[0].Msg, tt.problem) {
					t.Fatalf("problems %v, want %q", probs, tt.problem)
				}
				return
			}
			if len(probs) > 0 || l.Style.Mode != tt.mode {
				t.Fatalf("style %+v, problems %v", l.Style, probs)
			}
			st, err := DefaultStyle(context.Background(), l)
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, st)
		})
	}
}
