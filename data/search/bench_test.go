package search

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/lodemap/lodemap/data"
)

// BenchmarkSearch1M types queries a keystroke at a time into an index of
// the embedded dataset and 1,000,000 generated sites (issue 10: a
// keystroke at most 30 ms to results; the index at most 150 MB).
func BenchmarkSearch1M(b *testing.B) {
	path := filepath.Join(b.TempDir(), "generated.geojson")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := data.WriteSynthetic(f, 1_000_000, 1); err != nil {
		b.Fatal(err)
	}
	f.Close()
	ls, _, err := data.LoadFile(context.Background(), path, nil)
	if err != nil || len(ls) != 1 {
		b.Fatalf("%d layers: %v", len(ls), err)
	}
	base, _ := datasetIndex(b)
	before := heap()
	ix, err := base.With(context.Background(), ls[0])
	if err != nil {
		b.Fatal(err)
	}
	indexMB := float64(heap()-before) / (1 << 20)
	for _, typed := range []string{"generated site 4242", "refinery", "operator 99", "genrated", "beylikova"} {
		b.Run(typed, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				for n := 1; n <= len(typed); n++ {
					ix.Search(typed[:n], 50, nil)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(typed))/1e6, "ms/keystroke")
			b.ReportMetric(indexMB, "index-MB")
		})
	}
	runtime.KeepAlive(ix)
}

// heap is the live heap after a collection.
func heap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
