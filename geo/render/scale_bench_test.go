package render

import (
	"bytes"
	"image"
	"testing"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/geo/basemap"
	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

var million *layer.Layer

// millionLayer is 1,000,000 generated sites, read once.
func millionLayer(b *testing.B) *layer.Layer {
	if million == nil {
		var buf bytes.Buffer
		if err := data.WriteSynthetic(&buf, 1_000_000, 1); err != nil {
			b.Fatal(err)
		}
		l, probs := data.ReadLayer(buf.Bytes(), "generated.geojson", "generated.geojson")
		if len(probs) > 0 || l.Len() != 1_000_000 {
			b.Fatalf("%d sites, %v", l.Len(), probs)
		}
		million = l
	}
	return million
}

// BenchmarkRender1M is a full re-render of 1,000,000 sites over the world
// at 1920x1080 (zoom 3): Scene build (projection, clustering, labels) and
// anti-aliased raster, basemap included.
func BenchmarkRender1M(b *testing.B) {
	benchFrame(b, Input{View: view.New(orb.Point{10, 20}, 3, 1920, 1080), Layers: []*layer.Layer{millionLayer(b)}})
}

// BenchmarkRender1MEverySite is the same frame with clustering off: all
// 1,000,000 anti-aliased markers stamped one by one.
func BenchmarkRender1MEverySite(b *testing.B) {
	benchFrame(b, Input{View: view.New(orb.Point{10, 20}, 3, 1920, 1080), Layers: []*layer.Layer{millionLayer(b)}, NoClusters: true})
}

// BenchmarkBasemap1080p draws the country basemap alone at 1920x1080: the
// world at zoom 3 (1:110m) and Anatolia at zoom 6.2 (1:50m).
func BenchmarkBasemap1080p(b *testing.B) {
	for _, c := range []struct {
		name string
		v    view.Viewport
	}{
		{"world-110m", view.New(orb.Point{10, 20}, 3, 1920, 1080)},
		{"anatolia-50m", view.New(orb.Point{30.2, 39.6}, 6.2, 1920, 1080)},
	} {
		b.Run(c.name, func(b *testing.B) {
			bm, err := basemap.ForZoom(c.v.Zoom)
			if err != nil {
				b.Fatal(err)
			}
			img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				drawLand(img, landPolygons(bm, c.v), 1)
			}
		})
	}
}
