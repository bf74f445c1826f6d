package export

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math/rand"
	"testing"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/render"
	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

// The export benchmarks build the Scene of the window's start view at the
// output's logical size, with full furniture, and encode it to io.Discard.
// Run one at a time (-bench 'Export/PNG-4K/default$') to read peak-RSS-MB as
// that export's peak; B/op is what it allocates.

func benchInput(b *testing.B, extra int) render.Input {
	cat, err := data.Default()
	if err != nil {
		b.Fatal(err)
	}
	layers := cat.Layers
	if extra > 0 {
		rng := rand.New(rand.NewSource(1))
		l := &layer.Layer{ID: "generated", Title: "Generated sites"}
		kinds := []string{"deposit", "mine", "refinery", "automaker_plant"}
		status := []string{"operating", "planned", "under_construction"}
		for i := 0; i < extra; i++ {
			// Spread over the start view's frame and a margin around it.
			p := orb.Point{24 + 13*rng.Float64(), 35.5 + 7.5*rng.Float64()}
			l.Add("g"+string(rune(i)), "Generated site", kinds[i%4], status[i%3], p, json.RawMessage(`{}`), i+2)
		}
		layers = append(layers, l)
	}
	r, _ := cat.Feature("tr-manisa-byd")
	return render.Input{View: cat.Home(1000, 700), Layers: layers, Selected: r.Layer.Site(r.Index), Attribution: cat.Attribution(),
		Furniture: render.Furniture{Title: "Rare earths in Anatolia", Subtitle: "Deposits, refineries and automaker plants",
			Legend: true, ScaleBar: true, NorthArrow: true, Footnote: "Made with Lodemap · Data: USGS, GeoNames, news reports"}}
}

func BenchmarkExport(b *testing.B) {
	a4, _ := Paper("a4", true, 300)
	uhd, _ := Pixels(3840, 2160, 192)
	for _, data := range []struct {
		name  string
		extra int
	}{{"default", 0}, {"100k", 100_000}} {
		in := benchInput(b, data.extra)
		for _, job := range []struct {
			name string
			f    Format
			size Size
		}{{"PNG-4K", PNG, uhd}, {"PDF-A4-300dpi", PDF, a4}, {"SVG-A4-300dpi", SVG, a4}} {
			b.Run(job.name+"/"+data.name, func(b *testing.B) {
				w, h := job.size.Logical()
				in := in
				in.View = in.View.Reframe(w, h)
				if _, err := render.Build(in); err != nil { // basemap decoded once, as in the app
					b.Fatal(err)
				}
				b.ResetTimer()
				benchExport(b, in, job.f, job.size)
			})
		}
	}
}

// BenchmarkExport1M exports 1,000,000 generated sites over the world (zoom
// 3 on screen, reframed to each output): A4 300-dpi PDF and SVG, and a
// 7680x4320 PNG at screen density (96 dpi) and at four times it (markers
// 56 px across); clustered as on screen, and with every site drawn.
func BenchmarkExport1M(b *testing.B) {
	var buf bytes.Buffer
	if err := data.WriteSynthetic(&buf, 1_000_000, 1); err != nil {
		b.Fatal(err)
	}
	ls, probs := data.ReadLayers(buf.Bytes(), "generated.geojson", "generated.geojson")
	if len(probs) > 0 || len(ls) != 1 {
		b.Fatal(probs)
	}
	l := ls[0]
	buf = bytes.Buffer{}
	screen := view.New(orb.Point{10, 20}, 3, 1920, 1080)
	a4, _ := Paper("a4", true, 300)
	big, _ := Pixels(7680, 4320, 96)
	big4x, _ := Pixels(7680, 4320, 384)
	for _, job := range []struct {
		name string
		f    Format
		size Size
	}{{"PDF-A4-300dpi", PDF, a4}, {"SVG-A4-300dpi", SVG, a4}, {"PNG-7680x4320", PNG, big}, {"PNG-7680x4320-4x", PNG, big4x}} {
		for _, every := range []bool{false, true} {
			name := job.name + "/clustered"
			if every {
				name = job.name + "/every-site"
			}
			b.Run(name, func(b *testing.B) {
				w, h := job.size.Logical()
				in := render.Input{View: screen.Reframe(w, h), Layers: []*layer.Layer{l}, NoClusters: every,
					Furniture: render.Furniture{Title: "A million sites", Legend: true, ScaleBar: true, NorthArrow: true}}
				benchExport(b, in, job.f, job.size)
			})
		}
	}
}

// benchExport times building the scene and encoding it, b.N times.
func benchExport(b *testing.B, in render.Input, f Format, size Size) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		s, err := render.Build(in)
		if err != nil {
			b.Fatal(err)
		}
		if err := Encode(context.Background(), io.Discard, f, s, size.Scale(), "bench", nil); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	reportPeakRSS(b)
}
