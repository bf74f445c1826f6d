package raster

import (
	"context"
	"image"
	"testing"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/geo/index"
	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/render"
	"github.com/lodemap/lodemap/geo/render/rendertest"
	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

// site is the feature of a dataset id.
func site(cat *data.Catalog, id string) layer.Site {
	r, ok := cat.Feature(id)
	if !ok {
		return layer.Site{}
	}
	return r.Layer.Site(r.Index)
}

// BenchmarkDefaultView1080p is one frame of the window's start view at
// 1920x1080: render.Scene build (basemap, markers, label placement) and raster
// render, from the embedded dataset.
func BenchmarkDefaultView1080p(b *testing.B) {
	cat, err := data.Default()
	if err != nil {
		b.Fatal(err)
	}
	benchFrame(b, render.Input{View: cat.Home(1920, 1080), Layers: cat.Layers, Selected: site(cat, "tr-beylikova-ree-deposit"), Attribution: cat.Attribution()})
}

// benchFrame times one frame, render.Scene build and raster, b.N times, after a
// first build that decodes the basemap, as the app does at start.
func benchFrame(b *testing.B, in render.Input) {
	if _, err := render.Build(in); err != nil {
		b.Fatal(err)
	}
	sprites := NewSprites(0) // kept between frames, as the window keeps them
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, err := render.Build(in)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Draw(context.Background(), s, 1, sprites, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWorldView1080p renders the whole world (1:110m basemap, every
// feature) at 1920x1080.
func BenchmarkWorldView1080p(b *testing.B) {
	cat, err := data.Default()
	if err != nil {
		b.Fatal(err)
	}
	v := cat.Home(1920, 1080)
	v.Zoom = 2.9
	benchFrame(b, render.Input{View: v, Layers: cat.Layers})
}

// BenchmarkRender1M is a full re-render of 1,000,000 sites over the world
// at 1920x1080 (zoom 3): render.Scene build (projection, clustering, labels) and
// anti-aliased raster, basemap included.
func BenchmarkRender1M(b *testing.B) {
	benchFrame(b, render.Input{View: view.New(orb.Point{10, 20}, 3, 1920, 1080), Layers: []*layer.Layer{rendertest.Million(b)}})
}

// BenchmarkRender1MEverySite is the same frame with clustering off: all
// 1,000,000 anti-aliased markers stamped one by one.
func BenchmarkRender1MEverySite(b *testing.B) {
	benchFrame(b, render.Input{View: view.New(orb.Point{10, 20}, 3, 1920, 1080), Layers: []*layer.Layer{rendertest.Million(b)}, NoClusters: true})
}

// BenchmarkBasemap1080p draws the basemap alone at 1920x1080, sea and
// countries, render.Scene build included: the world at zoom 3 (1:110m) and
// Anatolia at zoom 6.2 (1:50m).
func BenchmarkBasemap1080p(b *testing.B) {
	for _, c := range []struct {
		name string
		v    view.Viewport
	}{
		{"world-110m", view.New(orb.Point{10, 20}, 3, 1920, 1080)},
		{"anatolia-10m", view.New(orb.Point{30.2, 39.6}, 6.2, 1920, 1080)},
		{"beylikova-z9-10m", view.New(orb.Point{31.0, 39.7}, 9, 1920, 1080)},
	} {
		b.Run(c.name, func(b *testing.B) {
			in := render.Input{View: c.v, Furniture: render.Furniture{NoAttribution: true}}
			img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
			if _, err := render.Build(in); err != nil { // decodes the basemap
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				s, err := render.Build(in)
				if err != nil {
					b.Fatal(err)
				}
				if err := s.Draw(context.Background(), New(img, 1, nil), nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPanFrame1M is one frame of a pan over 1,000,000 sites at
// 1920x1080 (zoom 3, clustered): the tiles already drawn are reused, the
// ones coming into view drawn, and the frame's markers, labels and furniture
// drawn over them.
func BenchmarkPanFrame1M(b *testing.B) {
	l := rendertest.Million(b)
	in := render.Input{View: view.New(orb.Point{10, 20}, 3, 1920, 1080), Layers: []*layer.Layer{l},
		Grids: map[*layer.Layer]*index.Grid{l: index.New(l.Unit)}}
	c := NewTileCache()
	// Two frame buffers take turns, as in the window: one shown, one drawn.
	shown, _, err := c.Frame(context.Background(), in, 1, nil)
	if err != nil {
		b.Fatal(err)
	}
	var spare *image.RGBA
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		in.View = in.View.Pan(-8, 3) // a drag step
		img, _, err := c.Frame(context.Background(), in, 1, spare)
		if err != nil {
			b.Fatal(err)
		}
		shown, spare = img, shown
	}
}

// BenchmarkFirstFrame1M is a frame with no tiles cached.
func BenchmarkFirstFrame1M(b *testing.B) {
	l := rendertest.Million(b)
	in := render.Input{View: view.New(orb.Point{10, 20}, 3, 1920, 1080), Layers: []*layer.Layer{l},
		Grids: map[*layer.Layer]*index.Grid{l: index.New(l.Unit)}}
	for i := 0; i < b.N; i++ {
		if _, _, err := NewTileCache().Frame(context.Background(), in, 1, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkShapes1080p draws a layer of lines or polygons alone (no
// basemap) at 1920x1080, Scene build and raster, at three framings: the
// world, Europe and Anatolia (issue 9: each at most 40 ms).
func BenchmarkShapes1080p(b *testing.B) {
	layers := []struct {
		name string
		make func() *layer.Layer
	}{
		{"countries-10m", func() *layer.Layer { return rendertest.Countries10m(b) }},
		{"polygons-100k", func() *layer.Layer { return rendertest.Polygons(100_000) }},
		{"lines-1M-vertices", func() *layer.Layer { return rendertest.Lines(1_000_000) }},
	}
	views := []struct {
		name string
		v    view.Viewport
	}{
		{"world", view.New(orb.Point{15, 30}, 2.5, 1920, 1080)},
		{"europe", view.New(orb.Point{18, 47}, 4.5, 1920, 1080)},
		{"anatolia", view.New(orb.Point{32, 39}, 7, 1920, 1080)},
	}
	for _, lt := range layers {
		l := lt.make()
		for _, vt := range views {
			b.Run(lt.name+"/"+vt.name, func(b *testing.B) {
				benchFrame(b, render.Input{View: vt.v, Layers: []*layer.Layer{l}, NoBasemap: true, NoLabels: true})
			})
		}
	}
}
