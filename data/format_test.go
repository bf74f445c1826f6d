package data

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestFormatOf(t *testing.T) {
	fgb, err := os.ReadFile("testdata/fgb/deposits.fgb")
	if err != nil {
		t.Fatal(err)
	}
	gz := []byte{0x1f, 0x8b, 8, 0}
	kmzHead := zipOf(t, "doc.kml", []byte("<kml/>"))
	tests := []struct {
		name, file string
		head       []byte
		want       string // "" for no format
	}{
		{"GeoJSON by extension and content", "a.geojson", []byte(`{"type":"FeatureCollection"}`), "GeoJSON"},
		{"GeoJSON without extension", "sites", []byte("\n  {\"features\":[]}"), "GeoJSON"},
		{"GeoJSON with a byte-order mark", "a.txt", []byte("\xEF\xBB\xBF{}"), "GeoJSON"},
		{"GeoJSON named .csv", "a.csv", []byte(`{"features":[]}`), "GeoJSON"},
		{"FlatGeobuf named .geojson", "a.geojson", fgb[:16], "FlatGeobuf"},
		{"FlatGeobuf without extension", "a", fgb[:16], "FlatGeobuf"},
		{"gzipped CSV named .gz", "a.gz", gz, "CSV"},
		{"gzipped CSV named .csv", "a.csv", gz, "CSV"},
		{"CSV by extension", "a.CSV", []byte("lon,lat\n1,2\n"), "CSV"},
		{"CSV with an unknown extension", "a.dat", []byte("lon,lat\n1,2\n"), ""},
		{"KML by content", "a.xml", []byte("<kml xmlns=\"http://www.opengis.net/kml/2.2\">"), "KML"},
		{"KML after a declaration", "a", []byte("\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- x -->\n<kml>"), "KML"},
		{"KML by extension", "a.KML", []byte("<?xml version=\"1.0\"?>"), "KML"},
		{"other XML", "a.xml", []byte("<?xml version=\"1.0\"?><gpx>"), ""},
		{"KMZ by content", "a.zip", kmzHead, "KML"},
		{"KMZ by extension", "a.kmz", []byte("PK\x03\x04"), "KML"},
		{"zip without a KML first, by extension", "a.zip", append([]byte("PK\x03\x04"), make([]byte, 40)...), "Shapefile"},
		{"zip of a Shapefile by content", "a.bin", zipOf(t, "roads.dbf", []byte{}), "Shapefile"},
		{"other zip", "a.bin", zipOf(t, "readme.txt", []byte{}), ""},
		{"Shapefile by content", "a", shpBytes(1, [4]float64{}), "Shapefile"},
		{"Shapefile by extension", "a.SHP", []byte("broken"), "Shapefile"},
		{"empty file", "a", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := FormatOf(tt.file, tt.head)
			if f.Name != tt.want || (err != nil) != (tt.want == "") {
				t.Errorf("format %q, %v; want %q", f.Name, err, tt.want)
			}
		})
	}
}

func TestLayerID(t *testing.T) {
	tests := []struct{ name, want string }{
		{"deposits.geojson", "deposits"},
		{"dir/usgs-mineral-sites.csv.gz", "usgs-mineral-sites"},
		{"Sites.CSV.GZ", "Sites"},
		{"a.fgb", "a"},
		{"notes.tar.gz", "notes.tar"},
		{"plain", "plain"},
		{"roads.shp.zip", "roads"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LayerID(tt.name); got != tt.want {
				t.Errorf("LayerID = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestDatasetLayersByRegistry loads a dataset whose layers come in every
// registered format, one with a misleading extension.
func TestDatasetLayersByRegistry(t *testing.T) {
	geo, _ := os.ReadFile("layers/deposits.geojson")
	fgb, _ := os.ReadFile("testdata/fgb/automakers-noindex.fgb")
	csv := "id,name,kind,status,lon,lat\nx-1,X One,mine,operating,30,40\n"
	fsys := fstest.MapFS{
		"layers/a.geojson": {Data: geo},
		"layers/b.fgb":     {Data: fgb},
		"layers/c.csv":     {Data: []byte(csv)},
		"layers/d.csv.gz":  {Data: gzipped(t, strings.ReplaceAll(csv, "x-1", "x-2"))},
		"layers/e.csv":     {Data: bytes.ReplaceAll(geo, []byte(`"id": "`), []byte(`"id": "e-`))}, // GeoJSON, misnamed
		"layers/f.shp": {Data: shpBytes(1, [4]float64{30, 40, 30, 40}, binary.LittleEndian.AppendUint64(binary.LittleEndian.AppendUint64(
			[]byte{1, 0, 0, 0}, math.Float64bits(30)), math.Float64bits(40)))},
		"layers/f.dbf": {Data: dbfBytes(0, []testField{{"id", 'C', 3, 0}, {"name", 'C', 5, 0}, {"kind", 'C', 4, 0}, {"status", 'C', 9, 0}},
			" x-3X Tremineoperating")},
		"layers/notes.txt":  {Data: []byte("not a layer")},
		"articles/.gitkeep": {},
	}
	c, err := Load(context.Background(), fsys, "ds")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Problems) > 0 {
		t.Fatal(c.Problems)
	}
	if len(c.Layers) != 6 {
		t.Errorf("%d layers, want a to f", len(c.Layers))
	}
	for _, id := range []string{"x-1", "x-2", "x-3", "tr-manisa-byd", "e-tr-beylikova-ree-deposit"} {
		r, ok := c.Feature(id)
		if !ok {
			t.Errorf("no feature %s", id)
			continue
		}
		if _, err := r.Layer.Properties(r.Index); err != nil {
			t.Errorf("%s: %v", id, err)
		}
	}
}

func gzipped(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestFileTypes checks the file dialog's filter holds every format's last
// extension, once.
func TestFileTypes(t *testing.T) {
	got := FileTypes()
	for _, want := range []string{".geojson", ".json", ".csv", ".gz", ".fgb"} {
		t.Run(want, func(t *testing.T) {
			if n := slices.Index(got, want); n < 0 || slices.Index(got[n+1:], want) >= 0 {
				t.Errorf("FileTypes() = %v: want %s once", got, want)
			}
		})
	}
}
