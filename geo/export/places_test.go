package export

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lodemap/lodemap/geo/render"
	"github.com/lodemap/lodemap/geo/render/pdf"
	"github.com/lodemap/lodemap/geo/render/rendertest"
	"github.com/lodemap/lodemap/geo/render/svg"
	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

// TestPlacesInExports checks the basemap's place names, and their
// credit, are text in an SVG and a PDF of the map at zoom 9 around
// Beylikova.
func TestPlacesInExports(t *testing.T) {
	s, err := render.Build(render.Input{View: view.New(orb.Point{31.0, 39.7}, 9, 1280, 800), Layers: rendertest.Layers()})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Eskişehir", "Sivrihisar", "Alpu", "GeoNames"}
	var b bytes.Buffer
	if err := svg.Write(context.Background(), &b, s, 1, nil); err != nil {
		t.Fatal(err)
	}
	for _, w := range want {
		if !strings.Contains(b.String(), w) {
			t.Errorf("the SVG lacks %q", w)
		}
	}
	b.Reset()
	if err := pdf.Write(context.Background(), &b, s, "Beylikova", nil); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "map.pdf")
	if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	text, err := exec.Command("pdftotext", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	for _, w := range want {
		if !strings.Contains(string(text), w) {
			t.Errorf("the PDF's text lacks %q", w)
		}
	}
}
