package render

import (
	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden images in testdata/")

// assertGolden compares img with testdata/name. Anti-aliasing may differ by
// a few levels between CPUs, so a pixel matches within 8 levels a channel
// and 0.1% of pixels may differ more. A failing image goes to
// testdata/failed/ for review; -update rewrites the reference.
func assertGolden(t *testing.T, name string, img *image.RGBA) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		writePNG(t, path, img)
		return
	}
	f, err := os.Open(path)
	if err != nil {
		writePNG(t, filepath.Join("testdata", "failed", name), img)
		t.Fatalf("no golden image %s (run go test -update): %v", path, err)
	}
	defer f.Close()
	want, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if want.Bounds() != img.Bounds() {
		writePNG(t, filepath.Join("testdata", "failed", name), img)
		t.Fatalf("%s: size %v, want %v", name, img.Bounds(), want.Bounds())
	}
	bad := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r1, g1, b1, a1 := img.At(x, y).RGBA()
			r2, g2, b2, a2 := want.At(x, y).RGBA()
			if diff(r1, r2) > 8 || diff(g1, g2) > 8 || diff(b1, b2) > 8 || diff(a1, a2) > 8 {
				bad++
			}
		}
	}
	if limit := b.Dx() * b.Dy() / 1000; bad > limit {
		writePNG(t, filepath.Join("testdata", "failed", name), img)
		t.Errorf("%s: %d pixels differ (limit %d); see testdata/failed/%s", name, bad, limit, name)
	}
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
