package index_test

import (
	"math/rand"
	"testing"

	"github.com/lodemap/lodemap/geo/index"
	"github.com/lodemap/lodemap/geo/render/rendertest"
	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

// BenchmarkPolygonHit100k is a click on a layer of 100,000 generated
// 20-vertex polygons, the drawing benchmarks' (issue 9: at most 10 µs).
func BenchmarkPolygonHit100k(b *testing.B) {
	x := index.ForLayer(rendertest.Polygons(100_000))
	world := view.TileSize * 64.0 // zoom 6
	rng := rand.New(rand.NewSource(2))
	pts := make([]orb.Point, 1024)
	for i := range pts {
		pts[i] = view.ToUnit(orb.Point{-10 + rng.Float64()*55, 35 + rng.Float64()*25})
	}
	hits := 0
	for i := 0; b.Loop(); i++ {
		hits += len(x.At(pts[i%len(pts)], 8/world, 6/world))
	}
	b.ReportMetric(float64(hits)/float64(b.N), "hits/op")
}
