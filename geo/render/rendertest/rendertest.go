// Package rendertest holds what the tests of geo/render and its backends
// share: a small fixed dataset, the views they draw, a crowd of generated
// sites, a million-site layer for benchmarks, and golden-image checks.
package rendertest

import (
	"bytes"
	"encoding/json"
	"flag"
	"image"
	"image/png"
	"math"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/render"
	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

// Update rewrites the golden images instead of comparing with them.
var Update = flag.Bool("update", false, "rewrite the golden images in testdata/")

// Layers is a small fixed dataset: every kind and fill, two overlapping
// sites and one across the antimeridian. Layer "a" holds dep, mine, fiji;
// layer "b" holds ref, byd, hq, pilot, mag, bat, odd.
func Layers() []*layer.Layer {
	a := &layer.Layer{ID: "a", Title: "Deposits"}
	a.Add("dep", "Beylikova deposit", "deposit", "planned", orb.Point{31.3508, 39.6194}, json.RawMessage(`{}`), 1)
	a.Add("mine", "Some mine (district)", "mine", "operating", orb.Point{29.0, 41.0}, json.RawMessage(`{}`), 2)
	a.Add("fiji", "Fiji mine", "mine", "exploration", orb.Point{179.5, -17.5}, json.RawMessage(`{}`), 3)
	b := &layer.Layer{ID: "b", Title: "Plants"}
	b.Add("ref", "Beylikova refinery", "refinery", "planned", orb.Point{31.3833, 39.6333}, json.RawMessage(`{}`), 1)
	b.Add("byd", "BYD Manisa, Akgedik", "automaker_plant", "under_construction", orb.Point{27.2794, 38.6399}, json.RawMessage(`{}`), 2)
	b.Add("hq", "Headquarters", "headquarters", "operating", orb.Point{33.0, 37.5}, json.RawMessage(`{}`), 3)
	b.Add("pilot", "Pilot plant", "pilot_plant", "commissioning", orb.Point{30.0, 37.8}, json.RawMessage(`{}`), 4)
	b.Add("mag", "Magnet plant", "magnet_plant", "proposed", orb.Point{26.0, 40.2}, json.RawMessage(`{}`), 5)
	b.Add("bat", "Battery plant", "battery_plant", "announced", orb.Point{34.5, 39.0}, json.RawMessage(`{}`), 6)
	b.Add("odd", "Odd kind", "smelter", "operating", orb.Point{28.5, 37.2}, json.RawMessage(`{}`), 7)
	return []*layer.Layer{a, b}
}

// Site finds the feature of a record id in layers.
func Site(layers []*layer.Layer, id string) layer.Site {
	for _, l := range layers {
		if i := l.Index(id); i >= 0 {
			return l.Site(i)
		}
	}
	return layer.Site{}
}

// Anatolia is the start view's framing of the test layers.
func Anatolia(w, h float64) view.Viewport { return view.New(orb.Point{30.2, 39.6}, 6.2, w, h) }

// Furnished is the test layers of Anatolia with every piece of furniture
// and "byd" selected, reframed to w x h.
func Furnished(w, h float64) render.Input {
	ls := Layers()
	// Without the basemap's place names, tested on their own: the
	// furniture's tests read every label back from the PDF's text.
	return render.Input{View: Anatolia(1000, 700).Reframe(w, h), Layers: ls, Selected: Site(ls, "byd"), NoPlaces: true,
		Attribution: []string{"Data: test"},
		Furniture: render.Furniture{Title: "Rare earths in Anatolia", Subtitle: "Deposits, plants and a planned refinery",
			Legend: true, ScaleBar: true, NorthArrow: true, Footnote: "Made with Lodemap on 27 November 2026 · Data: test"}}
}

// Crowd is n generated mines spread over western Anatolia.
func Crowd(n int) *layer.Layer {
	rng := rand.New(rand.NewSource(5))
	l := &layer.Layer{ID: "crowd", Title: "Crowd"}
	for i := 0; i < n; i++ {
		l.Add(string(rune('a'+i%26))+string(rune(i)), "Site", "mine", "operating", orb.Point{26 + 19*rng.Float64(), 36 + 6*rng.Float64()}, json.RawMessage(`{}`), i+2)
	}
	return l
}

var (
	millionOnce sync.Once
	million     *layer.Layer
)

// Million is 1,000,000 generated sites, read once per test binary.
func Million(tb testing.TB) *layer.Layer {
	millionOnce.Do(func() {
		var buf bytes.Buffer
		if err := data.WriteSynthetic(&buf, 1_000_000, 1); err != nil {
			tb.Fatal(err)
		}
		ls, probs := data.ReadLayers(buf.Bytes(), "generated.geojson", "generated.geojson")
		if len(probs) > 0 || len(ls) != 1 || ls[0].Len() != 1_000_000 {
			tb.Fatalf("%d layers, %v", len(ls), probs)
		}
		million = ls[0]
	})
	return million
}

// AssertGolden compares img with testdata/name. Anti-aliasing may differ
// by a few levels between CPUs, so a pixel matches within 8 levels a
// channel and 0.1% of pixels may differ more. A failing image goes to
// testdata/failed/ (never committed) for review; -update rewrites the
// reference.
func AssertGolden(t *testing.T, name string, img *image.RGBA) {
	t.Helper()
	path := filepath.Join("testdata", name)
	failed := filepath.Join("testdata", "failed", fileName(name))
	if *Update {
		writePNG(t, path, img)
		return
	}
	f, err := os.Open(path)
	if err != nil {
		writePNG(t, failed, img)
		t.Fatalf("no golden image %s (run go test -update): %v", path, err)
	}
	defer f.Close()
	want, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if want.Bounds() != img.Bounds() {
		writePNG(t, failed, img)
		t.Fatalf("%s: size %v, want %v", name, img.Bounds(), want.Bounds())
	}
	if bad, limit := differ(img, want, 8), img.Bounds().Dx()*img.Bounds().Dy()/1000; bad > limit {
		writePNG(t, failed, img)
		t.Errorf("%s: %d pixels differ (limit %d); see %s", name, bad, limit, failed)
	}
}

// differ counts the pixels of a and b that differ by more than tol levels
// in a channel.
func differ(a, b image.Image, tol uint32) int {
	bad := 0
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, a1 := a.At(x, y).RGBA()
			r2, g2, b2, a2 := b.At(x, y).RGBA()
			if diff(r1, r2) > tol || diff(g1, g2) > tol || diff(b1, b2) > tol || diff(a1, a2) > tol {
				bad++
			}
		}
	}
	return bad
}

// AssertLooksLike fails the test when got, a vector output (what names it:
// "PDF", "SVG") drawn back, differs from want, the PNG of the same scene,
// by more than anti-aliasing and font hinting do: a mean of 4 levels, or
// 2% of pixels far apart. A failed picture goes to testdata/failed/name.
func AssertLooksLike(t *testing.T, what, name string, got, want image.Image) {
	t.Helper()
	mean, far := Compare(got, want)
	t.Logf("%s vs PNG: mean difference %.2f levels, %.2f%% of pixels differ by more than 64", what, mean, far*100)
	if mean > 4 || far > 0.02 {
		WriteFailed(t, name, got)
		t.Errorf("%s differs from PNG: mean %.2f levels, %.2f%% far pixels", what, mean, far*100)
	}
}

// Compare returns the mean per-channel difference in levels and the
// share of pixels that differ by more than 64 levels in some channel.
func Compare(a, b image.Image) (mean, far float64) {
	r := a.Bounds().Intersect(b.Bounds())
	var sum float64
	n, bad := 0, 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			d := []float64{math.Abs(float64(r1>>8) - float64(r2>>8)), math.Abs(float64(g1>>8) - float64(g2>>8)), math.Abs(float64(b1>>8) - float64(b2>>8))}
			sum += d[0] + d[1] + d[2]
			if d[0] > 64 || d[1] > 64 || d[2] > 64 {
				bad++
			}
			n++
		}
	}
	return sum / float64(3*n), float64(bad) / float64(n)
}

// PDFPage draws a one-page PDF at 96 dpi with poppler's pdftoppm. Without
// pdftoppm it says so and returns false, except in CI, which must have it
// (poppler-utils): there the test fails.
func PDFPage(t *testing.T, doc []byte) (image.Image, bool) {
	t.Helper()
	return drawBack(t, doc, "page.pdf", "pdftoppm (poppler-utils)", "pdftoppm", "-r", "96", "-png", "-singlefile", "page.pdf", "page")
}

// SVGPage draws an SVG document at its size with librsvg's rsvg-convert,
// as PDFPage draws a PDF.
func SVGPage(t *testing.T, doc []byte) (image.Image, bool) {
	t.Helper()
	return drawBack(t, doc, "page.svg", "rsvg-convert (librsvg2-bin)", "rsvg-convert", "-o", "page.png", "page.svg")
}

// drawBack writes doc to a temporary folder as name and runs a tool there
// that draws it into page.png.
func drawBack(t *testing.T, doc []byte, name, pkg, tool string, args ...string) (image.Image, bool) {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI must provide %s", pkg)
		}
		t.Logf("no %s: the document is not drawn back", pkg)
		return nil, false
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, name), doc, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(tool, args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", tool, err, out)
	}
	f, err := os.Open(filepath.Join(dir, "page.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img, true
}

// WriteFailed writes an image a test found wrong to testdata/failed/, for
// review; that folder is never committed.
func WriteFailed(t *testing.T, name string, img image.Image) {
	t.Helper()
	writePNG(t, filepath.Join("testdata", "failed", fileName(name)), img)
}

// fileName makes a test's name a file name without spaces or slashes.
func fileName(name string) string {
	return strings.NewReplacer(" ", "-", "/", "-", "\\", "-", ":", "-").Replace(name)
}

func diff(a, b uint32) uint32 {
	a, b = a>>8, b>>8
	if a > b {
		return a - b
	}
	return b - a
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}
