package data

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"testing"
)

// BenchmarkGeoPackageOpen1M opens 1,000,000 points that GDAL wrote as a
// GeoPackage (from a generated CSV with the schema's columns; needs
// ogr2ogr, Debian gdal-bin). The fixture is made once: b.Loop runs the
// setup once.
func BenchmarkGeoPackageOpen1M(b *testing.B) {
	path := gdalGPKG(b, 1_000_000)
	st, _ := os.Stat(path)
	b.SetBytes(st.Size())
	for b.Loop() {
		ls, probs, err := LoadFile(context.Background(), path, nil)
		if err != nil || len(probs) > 0 || len(ls) != 1 || ls[0].Len() != 1_000_000 {
			b.Fatalf("%d layers, %v, %v", len(ls), probs, err)
		}
	}
	reportPeakRSS(b)
}

// gdalGPKG writes n generated point sites as CSV and has GDAL convert them
// to a GeoPackage in a temporary folder; it skips without ogr2ogr.
func gdalGPKG(tb testing.TB, n int) string {
	tb.Helper()
	return gdalConvert(tb, "sites.csv", "sites.gpkg", func(w *bufio.Writer) error {
		kinds := []string{"deposit", "mine", "refinery", "automaker_plant"}
		status := []string{"operating", "planned", "under_construction", "exploration"}
		fmt.Fprintln(w, "lon,lat,id,name,kind,status,operator,country,coord_precision")
		for i := range n {
			lon, lat := -180+360*float64(i%7919)/7919, -60+135*float64(i%6007)/6007
			fmt.Fprintf(w, "%.5f,%.5f,gen-%07d,Generated site %d,%s,%s,Operator %d,XX,site\n", lon, lat, i, i, kinds[i%4], status[i%4], i%997)
		}
		return nil
	}, "-f", "GPKG", "-a_srs", "EPSG:4326", "-oo", "X_POSSIBLE_NAMES=lon", "-oo", "Y_POSSIBLE_NAMES=lat",
		"-oo", "KEEP_GEOM_COLUMNS=NO", "-nln", "sites", "-gt", "65536")
}
