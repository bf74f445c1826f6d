package pdf

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/render"
	"github.com/lodemap/lodemap/geo/render/raster"
	"github.com/lodemap/lodemap/geo/render/rendertest"
)

// TestPDFMatchesPNG renders the PDF back with poppler and compares it with
// the PNG export of the same scene.
func TestPDFMatchesPNG(t *testing.T) {
	for _, tool := range []string{"pdftoppm", "pdftotext", "pdffonts"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("CI must provide %s (poppler-utils)", tool)
			}
			t.Skipf("needs %s (poppler-utils)", tool)
		}
	}
	a4w, a4h := 297/25.4*96, 210/25.4*96
	s, err := render.Build(rendertest.Furnished(a4w, a4h))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, s, "Test map", nil); err != nil {
		t.Fatal(err)
	}
	got, _ := rendertest.PDFPage(t, buf.Bytes())
	file := filepath.Join(t.TempDir(), "map.pdf")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	want, err := raster.Draw(context.Background(), s, 1, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if d := got.Bounds().Size().Sub(want.Bounds().Size()); d.X > 1 || d.X < -1 || d.Y > 1 || d.Y < -1 {
		t.Fatalf("PDF page renders at %v, PNG is %v", got.Bounds().Size(), want.Bounds().Size())
	}
	rendertest.AssertLooksLike(t, "PDF", "pdf-furnished.png", got, want)
	text, err := exec.Command("pdftotext", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	// Each label is in the text once (its halo is an artifact), plus as
	// often as the furniture repeats it (a legend entry of the same name).
	for _, l := range s.Labels {
		want := 1
		for _, o := range s.Overlays {
			for _, tx := range o.Texts {
				want += strings.Count(tx.Text, l.Text)
			}
		}
		if n := strings.Count(string(text), l.Text); n != want {
			t.Errorf("label %q is %d times in the PDF's text, want %d", l.Text, n, want)
		}
	}
	if !strings.Contains(string(text), "Rare earths in Anatolia") {
		t.Error("title is not text in the PDF")
	}
	fonts, _ := exec.Command("pdffonts", file).Output()
	if lines := strings.Split(strings.TrimSpace(string(fonts)), "\n"); len(lines) < 4 || strings.Count(string(fonts), " yes ") < 2 {
		t.Errorf("fonts not embedded:\n%s", fonts)
	}
}

// TestPDFClustersMatchPNG draws a crowd as clusters, whose see-through
// discs are forms placed with their opacity, and compares the page with
// the PNG.
func TestPDFClustersMatchPNG(t *testing.T) {
	crowd := rendertest.Crowd(6000)
	s, err := render.Build(render.Input{View: rendertest.Anatolia(800, 500), Layers: []*layer.Layer{crowd}})
	if err != nil || len(s.Groups[0].Clusters) == 0 {
		t.Fatalf("no clusters (%v)", err)
	}
	looksLikePNG(t, s, "pdf-clusters.png")
}

// TestShapesMatchPNG draws the lines and polygons of every shape view as
// a PDF, draws it back with poppler and compares it with the PNG.
func TestShapesMatchPNG(t *testing.T) {
	for _, sv := range rendertest.ShapeViews() {
		t.Run(sv.Name, func(t *testing.T) {
			s, err := render.Build(sv.In)
			if err != nil {
				t.Fatal(err)
			}
			looksLikePNG(t, s, sv.Name+"-pdf.png")
		})
	}
}

// looksLikePNG writes s as a PDF, draws it back with poppler and compares
// it with the PNG of s.
func looksLikePNG(t *testing.T, s *render.Scene, name string) {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, s, "", nil); err != nil {
		t.Fatal(err)
	}
	got, ok := rendertest.PDFPage(t, buf.Bytes())
	if !ok {
		t.Skip("needs pdftoppm (poppler-utils)")
	}
	want, err := raster.Draw(context.Background(), s, 1, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	rendertest.AssertLooksLike(t, "PDF", name, got, want)
}
