package rendertest

import (
	"bytes"
	"compress/gzip"
	"io"
	"math"
	"math/rand"
	"testing"

	"github.com/lodemap/lodemap/assets"
	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/geo/layer"
	"github.com/paulmach/orb"
)

// Countries10m is Natural Earth's 1:10m countries as a polygon layer (255
// countries, 544,862 vertices), read from the embedded basemap's file.
func Countries10m(tb testing.TB) *layer.Layer {
	zr, err := gzip.NewReader(bytes.NewReader(assets.Countries10m))
	if err != nil {
		tb.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		tb.Fatal(err)
	}
	ls, probs := data.ReadLayers(b, "countries-10m.geojson", "countries-10m.geojson")
	if len(ls) != 1 || ls[0].Len() != 255 {
		tb.Fatalf("%d layers, %v", len(ls), probs)
	}
	return ls[0]
}

// Polygons is n generated 20-vertex polygons, 2 to 12 km across, spread
// over Europe and Anatolia.
func Polygons(n int) *layer.Layer {
	rng := rand.New(rand.NewSource(1))
	l := &layer.Layer{ID: "polygons", Title: "Polygons"}
	l.Grow(n)
	for i := range n {
		cx, cy := -10+rng.Float64()*55, 35+rng.Float64()*25
		r := 0.01 + rng.Float64()*0.05
		ring := make(orb.Ring, 21)
		for k := range 20 {
			a := float64(k) / 20 * 2 * math.Pi
			f := 0.7 + 0.3*rng.Float64()
			ring[k] = orb.Point{cx + r*f*math.Cos(a), cy + r*f*math.Sin(a)}
		}
		ring[20] = ring[0]
		l.Add("", "", "", "", orb.Point{}, nil, i+1)
		l.SetGeometry(orb.Polygon{ring})
	}
	return l
}

// Lines is a layer of lines of 100 vertices each, a random walk of about
// 1 km a step, vertices in all, over the same area.
func Lines(vertices int) *layer.Layer {
	rng := rand.New(rand.NewSource(2))
	l := &layer.Layer{ID: "lines", Title: "Lines"}
	for i := 0; i < vertices/100; i++ {
		ls := make(orb.LineString, 100)
		p := orb.Point{-10 + rng.Float64()*55, 35 + rng.Float64()*25}
		for k := range ls {
			p = orb.Point{p[0] + (rng.Float64()-0.5)*0.02, p[1] + (rng.Float64()-0.5)*0.02}
			ls[k] = p
		}
		l.Add("", "", "", "", orb.Point{}, nil, i+1)
		l.SetGeometry(ls)
	}
	return l
}
