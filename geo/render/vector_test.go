package render

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"image"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// svgNode is a generic XML element.
type svgNode struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []svgNode  `xml:",any"`
	Text    string     `xml:",chardata"`
}

func (n svgNode) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (n svgNode) walk(fn func(n svgNode, parent svgNode), parent svgNode) {
	fn(n, parent)
	for _, c := range n.Nodes {
		c.walk(fn, n)
	}
}

func TestSVG(t *testing.T) {
	in := furnished(960, 600)
	s, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteSVG(&buf, s, 1, nil); err != nil {
		t.Fatal(err)
	}
	var root svgNode
	if err := xml.Unmarshal(buf.Bytes(), &root); err != nil {
		t.Fatalf("not XML: %v", err)
	}
	markers := map[string]int{} // by layer group
	labels, paths, fonts := 0, 0, strings.Count(buf.String(), "@font-face")
	var labelTexts []string
	root.walk(func(n, parent svgNode) {
		switch {
		case n.XMLName.Local == "use" && n.attr("class") == "marker":
			markers[parent.attr("data-title")]++
		case n.XMLName.Local == "text" && n.attr("class") == "label":
			labels++
			labelTexts = append(labelTexts, n.Text)
		case n.XMLName.Local == "path" && parent.attr("id") == "basemap":
			paths++
		}
	}, svgNode{})
	for _, g := range s.Groups {
		if markers[g.Title] != len(g.Markers)+len(g.Dots) {
			t.Errorf("layer %q: %d marker elements, want one per visible feature (%d)", g.Title, markers[g.Title], len(g.Markers)+len(g.Dots))
		}
	}
	if labels != len(s.Labels) || labels == 0 {
		t.Errorf("%d label text elements, want %d", labels, len(s.Labels))
	}
	for i, l := range s.Labels {
		if labelTexts[i] != l.Text {
			t.Errorf("label %d = %q, want %q", i, labelTexts[i], l.Text)
		}
	}
	if paths != len(s.Land) {
		t.Errorf("%d country paths, want %d", paths, len(s.Land))
	}
	if fonts != 2 {
		t.Errorf("%d embedded fonts, want regular and bold", fonts)
	}
	if root.attr("viewBox") != "0 0 960 600" {
		t.Errorf("viewBox %q", root.attr("viewBox"))
	}
}

func TestCancel(t *testing.T) {
	s, _ := Build(furnished(960, 600))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	k := &Sink{Ctx: ctx}
	if _, err := RasterTo(s, 1, k); !errors.Is(err, context.Canceled) {
		t.Errorf("raster: %v", err)
	}
	if err := WriteSVG(&bytes.Buffer{}, s, 1, k); !errors.Is(err, context.Canceled) {
		t.Errorf("svg: %v", err)
	}
	if err := WritePDF(&bytes.Buffer{}, s, "", k); !errors.Is(err, context.Canceled) {
		t.Errorf("pdf: %v", err)
	}
	var last, total int
	if _, err := RasterTo(s, 1, &Sink{Progress: func(d, n int) { last, total = d, n }}); err != nil || last != total || total != s.Items() {
		t.Errorf("progress ended at %d of %d (%d items), err %v", last, total, s.Items(), err)
	}
}

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
	s, err := Build(furnished(a4w, a4h))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	pdf := filepath.Join(dir, "map.pdf")
	var buf bytes.Buffer
	if err := WritePDF(&buf, s, "Test map", nil); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pdf, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-r", "96", "-png", "-singlefile", pdf, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	f, err := os.Open(filepath.Join(dir, "page.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	want := Raster(s, 1)
	if d := got.Bounds().Size().Sub(want.Bounds().Size()); abs(float64(d.X)) > 1 || abs(float64(d.Y)) > 1 {
		t.Fatalf("PDF page renders at %v, PNG is %v", got.Bounds().Size(), want.Bounds().Size())
	}
	mean, far := compareImages(got, want)
	t.Logf("PDF vs PNG: mean difference %.2f levels, %.2f%% of pixels differ by more than 64", mean, far*100)
	if mean > 4 || far > 0.02 {
		t.Errorf("PDF differs from PNG: mean %.2f levels, %.2f%% far pixels", mean, far*100)
	}
	text, err := exec.Command("pdftotext", pdf, "-").Output()
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
	fonts, _ := exec.Command("pdffonts", pdf).Output()
	if lines := strings.Split(strings.TrimSpace(string(fonts)), "\n"); len(lines) < 4 || strings.Count(string(fonts), " yes ") < 2 {
		t.Errorf("fonts not embedded:\n%s", fonts)
	}
}

// compareImages returns the mean per-channel difference in levels and the
// share of pixels that differ by more than 64 levels in some channel.
func compareImages(a, b image.Image) (mean, far float64) {
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
