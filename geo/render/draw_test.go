package render_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"image/color"
	"io"
	"slices"
	"strings"
	"testing"

	"golang.org/x/image/font"

	"github.com/lodemap/lodemap/geo/index"
	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/render"
	"github.com/lodemap/lodemap/geo/render/pdf"
	"github.com/lodemap/lodemap/geo/render/raster"
	"github.com/lodemap/lodemap/geo/render/rendertest"
	"github.com/lodemap/lodemap/geo/render/svg"
	"github.com/paulmach/orb"
)

// recorder passes every call on to a backend and notes it, so a test sees
// what each backend was asked to draw, in order.
type recorder struct {
	render.Backend
	calls []string
}

func (r *recorder) BeginGroup(g render.GroupInfo) {
	r.calls = append(r.calls, fmt.Sprintf("group %d %s", g.Kind, g.ID))
	r.Backend.BeginGroup(g)
}

func (r *recorder) EndGroup() {
	r.calls = append(r.calls, "end")
	r.Backend.EndGroup()
}

func (r *recorder) Path(rings [][]orb.Point, p render.Paint) {
	r.calls = append(r.calls, fmt.Sprintf("path %d rings %v", len(rings), p))
	r.Backend.Path(rings, p)
}

func (r *recorder) Lines(lines [][]orb.Point, p render.Paint) {
	r.calls = append(r.calls, fmt.Sprintf("lines %d %v", len(lines), p))
	r.Backend.Lines(lines, p)
}

func (r *recorder) Symbol(sym render.Symbol, x, y float64, id string) {
	r.calls = append(r.calls, fmt.Sprintf("symbol %+v at %.1f,%.1f %s", sym, x, y, id))
	r.Backend.Symbol(sym, x, y, id)
}

func (r *recorder) Text(t render.Text) {
	r.calls = append(r.calls, "text "+t.Text)
	r.Backend.Text(t)
}

func (r *recorder) Image(img image.Image, x, y, w, h float64) {
	r.calls = append(r.calls, "image")
	r.Backend.Image(img, x, y, w, h)
}

// drawAll draws a scene through the raster, SVG and PDF backends, each
// behind a recorder, and returns the calls each got and the SVG and PDF
// documents written from them.
func drawAll(t *testing.T, s *render.Scene) (calls map[string][]string, svgDoc, pdfDoc []byte) {
	t.Helper()
	var sb, pb bytes.Buffer
	sc := svg.New(&sb, s.Width, s.Height, 1)
	pc := pdf.New(s, "test")
	rec := map[string]*recorder{
		"raster": {Backend: raster.New(image.NewRGBA(image.Rect(0, 0, int(s.Width), int(s.Height))), 1, nil)},
		"svg":    {Backend: sc},
		"pdf":    {Backend: pc},
	}
	calls = map[string][]string{}
	for name, r := range rec {
		if err := s.Draw(context.Background(), r, nil); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		calls[name] = r.calls
	}
	if err := sc.Close(); err != nil {
		t.Fatal(err)
	}
	if err := pc.Close(&pb); err != nil {
		t.Fatal(err)
	}
	return calls, sb.Bytes(), pb.Bytes()
}

// busyScene has every kind of item: land, a crowd as clusters, markers,
// labels, a selection inside the crowd and, with furniture, every piece of
// it. With covered, the selection is a site of an earlier layer under a
// later layer's markers instead.
func busyScene(t *testing.T, furniture, covered bool) *render.Scene {
	t.Helper()
	crowd := rendertest.Crowd(6000)
	in := rendertest.Furnished(960, 600)
	in.Selected = crowd.Site(17)
	if covered {
		crowd = &layer.Layer{ID: "cover", Title: "Cover"}
		for i := range 300 {
			p := orb.Point{31.3508 + float64(i%20-10)*0.02, 39.6194 + float64(i/20-7)*0.02}
			crowd.Add(fmt.Sprint("c", i), "Cover", "mine", "operating", p, nil, i+1)
		}
		in.Selected = rendertest.Site(in.Layers, "dep")
	}
	in.Layers = append(in.Layers, crowd)
	in.Grids = map[*layer.Layer]*index.Grid{crowd: index.New(crowd.Unit)}
	if !furniture {
		in.Furniture = render.Furniture{NoAttribution: true}
	}
	s, err := render.Build(in)
	if err != nil {
		t.Fatal(err)
	}
	if g := s.Groups[len(s.Groups)-1]; len(s.Land) == 0 || len(s.Labels) == 0 || s.Highlight == nil || len(s.Groups) != 3 || len(g.Clusters)+len(g.Markers) == 0 {
		t.Fatalf("the scene lacks something to draw: %d land, %d labels, highlight %v, %d groups", len(s.Land), len(s.Labels), s.Highlight, len(s.Groups))
	}
	return s
}

// TestBackendsDrawTheSameSequence draws one Scene through the three
// backends and checks they are asked for the same groups and items in the
// same order, and that the SVG and PDF documents hold those groups.
func TestBackendsDrawTheSameSequence(t *testing.T) {
	s := busyScene(t, true, false)
	calls, svgDoc, pdfDoc := drawAll(t, s)
	for _, name := range []string{"svg", "pdf"} {
		if !slices.Equal(calls[name], calls["raster"]) {
			t.Errorf("%s got %d calls, raster %d; first difference: %s", name, len(calls[name]), len(calls["raster"]), firstDiff(calls[name], calls["raster"]))
		}
	}
	var groups []string
	for _, c := range calls["raster"] {
		if strings.HasPrefix(c, "group ") {
			groups = append(groups, c[strings.LastIndex(c, " ")+1:])
		}
	}
	wantGroups := []string{}
	for _, g := range s.GroupInfos() {
		wantGroups = append(wantGroups, g.ID)
	}
	if !slices.Equal(groups, wantGroups) {
		t.Errorf("Draw opened %v, GroupInfos lists %v", groups, wantGroups)
	}
	// The SVG's groups, in document order.
	dec := xml.NewDecoder(bytes.NewReader(svgDoc))
	var svgGroups []string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not XML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "g" {
			for _, a := range se.Attr {
				if a.Name.Local == "id" {
					svgGroups = append(svgGroups, strings.TrimPrefix(a.Value, "layer-"))
				}
			}
		}
	}
	if !slices.Equal(svgGroups, groups) {
		t.Errorf("SVG groups %v, drawn %v", svgGroups, groups)
	}
	// Every group is a PDF layer; the furniture shares one.
	layers := 1
	for _, g := range s.GroupInfos() {
		if g.Kind != render.GroupFurniture {
			layers++
		}
	}
	if n := bytes.Count(pdfDoc, []byte("/Type /OCG")); n != layers {
		t.Errorf("%d PDF layers, want %d", n, layers)
	}
}

func firstDiff(a, b []string) string {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return fmt.Sprintf("call %d: %q vs %q", i, a[i], b[i])
		}
	}
	return "one is a prefix of the other"
}

// TestHighlightDrawnLast checks that in every backend the selection is the
// last thing drawn of the map: over every marker and label (the selected
// site here lies under a later layer's markers).
func TestHighlightDrawnLast(t *testing.T) {
	s := busyScene(t, false, true)
	calls, svgDoc, pdfDoc := drawAll(t, s)
	for name, cs := range calls {
		t.Run(name, func(t *testing.T) {
			last := ""
			for _, c := range cs {
				if c != "end" && !strings.HasPrefix(c, "group ") {
					last = c
				}
			}
			if !strings.HasPrefix(last, "symbol ") || !strings.Contains(last, "Selected:true") {
				t.Errorf("last drawn: %q, want the selected site", last)
			}
		})
	}
	// In the pictures: where the highlight is opaque, the raster and the
	// PDF (drawn back by poppler) show it and nothing else.
	h := s.Highlight
	alone := image.NewRGBA(image.Rect(0, 0, int(s.Width), int(s.Height)))
	raster.New(alone, 1, nil).Symbol(h.Symbol(), h.X, h.Y, "")
	full, err := raster.Draw(context.Background(), s, 1, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	pictures := map[string][2]image.Image{"raster": {full, alone}}
	if page, ok := rendertest.PDFPage(t, pdfDoc); ok {
		// Poppler's anti-aliasing is its own: compare with the highlight
		// alone, drawn by poppler too.
		var doc bytes.Buffer
		if err := pdf.Write(context.Background(), &doc, &render.Scene{Width: s.Width, Height: s.Height, Highlight: h}, "", nil); err != nil {
			t.Fatal(err)
		}
		if ref, ok := rendertest.PDFPage(t, doc.Bytes()); ok {
			pictures["pdf"] = [2]image.Image{page, ref}
		}
	}
	for name, imgs := range pictures {
		covered, core := 0, 0
		b := alone.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				if alone.RGBAAt(x, y).A != 0xFF || !opaqueAround(alone, x, y) {
					continue
				}
				core++
				r, g, bl, _ := imgs[0].At(x, y).RGBA()
				wr, wg, wb, _ := imgs[1].At(x, y).RGBA()
				if absDiff(r>>8, wr>>8) > 40 || absDiff(g>>8, wg>>8) > 40 || absDiff(bl>>8, wb>>8) > 40 {
					covered++
				}
			}
		}
		if core < 50 || covered > core/50 {
			t.Errorf("%s: %d of the highlight's %d inner pixels are covered by something drawn later", name, covered, core)
		}
	}
	body := string(svgDoc[:bytes.LastIndex(svgDoc, []byte("<defs>"))])
	if i, j := strings.LastIndex(body, `class="highlight"`), strings.LastIndex(body, "<use "); i < 0 || i < j || strings.LastIndex(body, "<text") > i {
		t.Error("in the SVG, the highlight is not the last element drawn")
	}
}

// TestDrawCancelAndProgress draws 9,000 sites one by one in every backend:
// progress is reported along the way and ends at the total, and a
// cancelled drawing stops with the context's error.
// opaqueAround reports whether a pixel's neighbours are opaque too: the
// inside of a shape, away from its anti-aliased edge.
func opaqueAround(img *image.RGBA, x, y int) bool {
	for dy := -1; dy <= 1; dy++ {
		for dx := -1; dx <= 1; dx++ {
			if img.RGBAAt(x+dx, y+dy).A != 0xFF {
				return false
			}
		}
	}
	return true
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

func TestDrawCancelAndProgress(t *testing.T) {
	crowd := rendertest.Crowd(9000)
	s, err := render.Build(render.Input{View: rendertest.Anatolia(960, 600), Layers: []*layer.Layer{crowd}, NoClusters: true})
	if err != nil || len(s.Groups[0].Dots) < 2*2048 {
		t.Fatalf("%d dots, %v", len(s.Groups[0].Dots), err)
	}
	writers := map[string]func(ctx context.Context, progress func(int, int)) error{
		"raster": func(ctx context.Context, p func(int, int)) error {
			_, err := raster.Draw(ctx, s, 1, nil, p)
			return err
		},
		"svg": func(ctx context.Context, p func(int, int)) error { return svg.Write(ctx, io.Discard, s, 1, p) },
		"pdf": func(ctx context.Context, p func(int, int)) error { return pdf.Write(ctx, io.Discard, s, "", p) },
	}
	for name, write := range writers {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			if err := write(ctx, nil); !errors.Is(err, context.Canceled) {
				t.Errorf("cancelled: %v", err)
			}
			var last, total, reports int
			if err := write(context.Background(), func(d, n int) { last, total, reports = d, n, reports+1 }); err != nil || last != total || total != s.Items() || reports < 3 {
				t.Errorf("progress ended at %d of %d (%d items) after %d reports, err %v", last, total, s.Items(), reports, err)
			}
			// A small scene reports after the basemap, the labels and each
			// piece of furniture too.
			small, err := render.Build(rendertest.Furnished(960, 600))
			if err != nil {
				t.Fatal(err)
			}
			reports = 0
			if err := small.Draw(context.Background(), nopBackend{}, func(int, int) { reports++ }); err != nil || reports < 3+len(small.Overlays) {
				t.Errorf("a small scene reported progress %d times (%d pieces of furniture), err %v", reports, len(small.Overlays), err)
			}
		})
	}
}

// TestImage draws an image through each backend.
func TestImage(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	for i := range img.Pix {
		img.Pix[i] = 0xFF // opaque white
	}
	s := &render.Scene{Width: 40, Height: 20}
	t.Run("raster", func(t *testing.T) {
		dst := image.NewRGBA(image.Rect(0, 0, 40, 20))
		raster.New(dst, 1, nil).Image(img, 10, 5, 8, 8)
		if got := dst.RGBAAt(14, 9); got != (color.RGBA{255, 255, 255, 255}) {
			t.Errorf("inside the image: %v", got)
		}
		if got := dst.RGBAAt(2, 2); got.A != 0 {
			t.Errorf("outside the image: %v", got)
		}
	})
	t.Run("svg", func(t *testing.T) {
		var b bytes.Buffer
		c := svg.New(&b, s.Width, s.Height, 1)
		c.Image(img, 10, 5, 8, 8)
		if err := c.Close(); err != nil || !strings.Contains(b.String(), `<image x="10" y="5" width="8" height="8"`) {
			t.Errorf("no image element (%v):\n%s", err, b.String())
		}
	})
	t.Run("pdf", func(t *testing.T) {
		var b bytes.Buffer
		c := pdf.New(s, "")
		c.Image(img, 10, 5, 8, 8)
		if err := c.Close(&b); err != nil || !bytes.Contains(b.Bytes(), []byte("/Subtype /Image")) {
			t.Errorf("no image XObject (%v)", err)
		}
	})
}

// TestMeasureText checks the concurrency-safe measure against a face's.
func TestMeasureText(t *testing.T) {
	for _, text := range []string{"Beylikova", "Eskişehir İzmir ığüşöç", "AV Wa To", "1.2k", ""} {
		for _, size := range []float64{11, 12, 37.5} {
			for _, bold := range []bool{false, true} {
				want := float64(font.MeasureString(render.NewFace(size, bold), text)) / 64
				if got := render.MeasureText(text, size, bold); got != want {
					t.Errorf("MeasureText(%q, %g, %v) = %g, a face measures %g", text, size, bold, got, want)
				}
			}
		}
	}
}

// nopBackend draws nothing.
type nopBackend struct{}

func (nopBackend) BeginGroup(render.GroupInfo)                           {}
func (nopBackend) EndGroup()                                             {}
func (nopBackend) Path([][]orb.Point, render.Paint)                      {}
func (nopBackend) Lines([][]orb.Point, render.Paint)                     {}
func (nopBackend) Symbol(render.Symbol, float64, float64, string)        {}
func (nopBackend) Text(render.Text)                                      {}
func (nopBackend) Image(image.Image, float64, float64, float64, float64) {}
