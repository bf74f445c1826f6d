package export

import (
	"encoding/json"
	"io"
	"math/rand"
	"testing"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/render"
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
	return render.Input{View: cat.Home(1000, 700), Layers: layers, Selected: "tr-manisa-byd", Attribution: cat.Attribution(),
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
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					s, err := render.Build(in)
					if err != nil {
						b.Fatal(err)
					}
					if err := Encode(io.Discard, job.f, s, job.size.Scale(), "bench", nil); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				reportPeakRSS(b)
			})
		}
	}
}
