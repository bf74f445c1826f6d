package data

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkLoadGeoJSON1M opens a generated 1,000,000-point GeoJSON layer
// (about 288 MB, eight properties a point) as the app does, from a warm
// page cache: mapped, split on one goroutine, decoded on the others.
func BenchmarkLoadGeoJSON1M(b *testing.B) {
	dir := b.TempDir()
	path := filepath.Join(dir, "generated.geojson")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := WriteSynthetic(f, 1_000_000, 1); err != nil {
		b.Fatal(err)
	}
	f.Close()
	st, _ := os.Stat(path)
	b.SetBytes(st.Size())
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		l, probs, err := loadOne(context.Background(), path, nil)
		if err != nil || len(probs) > 0 || l.Len() != 1_000_000 {
			b.Fatalf("%d features, %d problems, %v", l.Len(), len(probs), err)
		}
	}
	b.StopTimer()
	reportPeakRSS(b)
}

// BenchmarkLoadUSGSCSV opens the real 85,254-site USGS extract (gzipped CSV)
// from the shared test data.
func BenchmarkLoadUSGSCSV(b *testing.B) {
	path := filepath.Join("..", "..", "shared", "testdata", "usgs-mineral-sites.csv.gz")
	if _, err := os.Stat(path); err != nil {
		b.Skip("no shared test data")
	}
	for i := 0; i < b.N; i++ {
		if _, _, err := loadOne(context.Background(), path, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadFGB1M opens 1,000,000 generated sites as a FlatGeobuf file
// that GDAL writes (needs ogr2ogr, Debian gdal-bin).
func BenchmarkLoadFGB1M(b *testing.B) {
	dst := gdalFGB(b, 1_000_000, 1)
	st, _ := os.Stat(dst)
	b.SetBytes(st.Size())
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		l, probs, err := loadOne(context.Background(), dst, nil)
		if err != nil || len(probs) > 0 || l.Len() != 1_000_000 {
			b.Fatalf("%d sites, %d problems, %v", l.Len(), len(probs), err)
		}
	}
	b.StopTimer()
	reportPeakRSS(b)
}
