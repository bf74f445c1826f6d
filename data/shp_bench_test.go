package data

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"testing"
)

// BenchmarkShapefileOpen100k opens 100,000 polygons (a square with a hole
// each, and four attributes) that GDAL wrote as a Shapefile, in WGS 84 and
// reprojected to TUREF / TM30 (EPSG:5254); needs ogr2ogr (Debian
// gdal-bin). The fixture is made once: b.Loop runs the setup once.
func BenchmarkShapefileOpen100k(b *testing.B) {
	for _, srs := range []string{"EPSG:4326", "EPSG:5254"} {
		b.Run(srs, func(b *testing.B) {
			path := gdalPolygons(b, 100_000, srs)
			var size int64
			for _, ext := range []string{".shp", ".dbf"} {
				st, _ := os.Stat(path[:len(path)-4] + ext)
				size += st.Size()
			}
			b.SetBytes(size)
			for b.Loop() {
				ls, probs, err := LoadFile(context.Background(), path, nil)
				if err != nil || len(probs) > 0 || len(ls) != 1 || ls[0].Len() != 100_000 {
					b.Fatalf("%d layers, %v, %v", len(ls), probs, err)
				}
			}
			reportPeakRSS(b)
		})
	}
}

// gdalPolygons writes n generated polygons around Turkey as GeoJSON and has
// GDAL convert them to a Shapefile in srs, in a temporary folder; it skips
// without ogr2ogr.
func gdalPolygons(tb testing.TB, n int, srs string) string {
	tb.Helper()
	return gdalConvert(tb, "p.geojson", "p.shp", func(w *bufio.Writer) error {
		kinds := []string{"deposit", "mine", "refinery", "automaker_plant"}
		fmt.Fprint(w, `{"type":"FeatureCollection","features":[`)
		for i := range n {
			x, y := 26+18*float64(i%997)/997, 36+6*float64(i%991)/991
			if i > 0 {
				w.WriteByte(',')
			}
			fmt.Fprintf(w, `{"type":"Feature","properties":{"name":"Ruhsat %d","kind":"%s","area":%.2f,"since":"2020-01-%02d"},`+
				`"geometry":{"type":"Polygon","coordinates":[[[%[5]g,%[6]g],[%[7]g,%[6]g],[%[7]g,%[8]g],[%[5]g,%[8]g],[%[5]g,%[6]g]],`+
				`[[%[9]g,%[10]g],[%[9]g,%[11]g],[%[12]g,%[11]g],[%[9]g,%[10]g]]]}}`,
				i, kinds[i%4], float64(i%1000)/7, 1+i%28, x, y, x+0.01, y+0.01, x+0.002, y+0.002, y+0.008, x+0.008)
		}
		fmt.Fprint(w, "]}")
		return nil
	}, "-f", "ESRI Shapefile", "-t_srs", srs, "-lco", "ENCODING=UTF-8")
}
