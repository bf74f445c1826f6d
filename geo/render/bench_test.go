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
	in := Input{View: cat.Home(1920, 1080), Layers: cat.Layers, Selected: "tr-beylikova-ree-deposit", Attribution: cat.Attribution()}
	if _, err := Build(in); err != nil { // decode the basemap once, as the app does at start
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, _ := Build(in)
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
	in := Input{View: v, Layers: cat.Layers}
	if _, err := Build(in); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, _ := Build(in)
		Raster(s, 1)
	}
}
