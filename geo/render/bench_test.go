package render

import (
	"testing"

	"github.com/lodemap/lodemap/data"
)

// BenchmarkDefaultView1080p is one frame of the window's start view at
// 1920x1080: Scene build (basemap, markers, label placement) and raster
// render, from the embedded dataset.
func BenchmarkDefaultView1080p(b *testing.B) {
	cat, err := data.Default()
	if err != nil {
		b.Fatal(err)
	}
	benchFrame(b, Input{View: cat.Home(1920, 1080), Layers: cat.Layers, Selected: "tr-beylikova-ree-deposit", Attribution: cat.Attribution()})
}

// benchFrame times one frame, Scene build and raster, b.N times, after a
// first build that decodes the basemap, as the app does at start.
func benchFrame(b *testing.B, in Input) {
	if _, err := Build(in); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, err := Build(in)
		if err != nil {
			b.Fatal(err)
		}
		Raster(s, 1)
	}
}

// BenchmarkBuildDefaultView is the Scene build alone.
func BenchmarkBuildDefaultView(b *testing.B) {
	cat, err := data.Default()
	if err != nil {
		b.Fatal(err)
	}
	in := Input{View: cat.Home(1920, 1080), Layers: cat.Layers}
	if _, err := Build(in); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Build(in); err != nil {
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
	benchFrame(b, Input{View: v, Layers: cat.Layers})
}
