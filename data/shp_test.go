package data

import (
	"archive/zip"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"github.com/lodemap/lodemap/geo/layer"
	"github.com/paulmach/orb/geojson"
)

// shpSources are the GeoJSON files the Shapefile tests have GDAL convert:
// every shape type, a null geometry, Turkish text, and each dBase type
// GDAL writes (text, integer, 64-bit integer, real, date; nulls). Field
// names fit dBase's 10 characters, and no value is an empty string or a
// boolean, which a .dbf cannot hold apart from null and 0/1.
var shpSources = map[string]string{
	"points": `{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Point","coordinates":[30.52,39.78]},"properties":{"name":"Beylikova, Eskişehir: ğüşıİöç ĞÜŞÖÇ","kind":"deposit","status":"exploration","tonnes":694,"grade":3.14,"since":"2011-05-03","note":null,"big":12345678901}},
{"type":"Feature","geometry":{"type":"Point","coordinates":[-116.1,44.9]},"properties":{"name":"Stibnite \"Gold\"","kind":"mine","status":"planned","tonnes":-12,"grade":0.5,"since":null,"note":"quotes \" and \\ slashes","big":null}},
{"type":"Feature","geometry":null,"properties":{"name":"Nowhere","kind":"refinery","status":null,"tonnes":null,"grade":null,"since":null,"note":"no place","big":0}}]}`,
	"multipoints": `{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"MultiPoint","coordinates":[[28.9,41.01],[29.1,41.2]]},"properties":{"label":"two wells"}}]}`,
	"lines": `{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"LineString","coordinates":[[30,39],[31,40],[32,39.5]]},"properties":{"id":"pipe-1","name":"pipeline"}},
{"type":"Feature","geometry":{"type":"MultiLineString","coordinates":[[[26,38],[27,38.5]],[[28,37],[29,37.5],[30,37]]]},"properties":{"id":"rail-2","name":"rail"}}]}`,
	"polygons": `{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[30,39],[31,39],[31,40],[30,40],[30,39]],[[30.2,39.2],[30.2,39.4],[30.4,39.4],[30.2,39.2]]]},"properties":{"ad":"Ruhsat, delikli","area":12.5}},
{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[[[[26,38],[27,38],[27,39],[26,38]]],[[[28,36],[29,36],[29,37],[28,37],[28,36]],[[28.2,36.2],[28.5,36.5],[28.5,36.2],[28.2,36.2]]]]},"properties":{"ad":"iki ruhsat","area":3}}]}`,
}

// TestShapefileAgainstGDAL has GDAL write the sources as Shapefiles (in
// code pages, coordinate systems and archives) and reads them back: the
// feature count, geometry types, coordinates (within 1e-7 degrees of the
// GeoJSON, after reprojection) and attributes (in field order) must be
// the GeoJSON's.
func TestShapefileAgainstGDAL(t *testing.T) {
	needOgr2ogr(t)
	dir := t.TempDir()
	tests := []struct {
		name, source string
		args         []string
		// edit changes the written files (dir and base name) before reading.
		edit func(t *testing.T, dir, base string)
	}{
		{"points in CP1254, by .cpg", "points", []string{"-lco", "ENCODING=CP1254"}, nil},
		{"points in CP1254, by language driver", "points", []string{"-lco", "ENCODING=CP1254"}, func(t *testing.T, dir, base string) {
			os.Remove(filepath.Join(dir, base+".cpg"))
			setLDID(t, filepath.Join(dir, base+".dbf"), 0xCA)
		}},
		{"points in UTF-8", "points", []string{"-lco", "ENCODING=UTF-8"}, nil},
		{"points without a .prj", "points", []string{"-lco", "ENCODING=UTF-8"}, func(t *testing.T, dir, base string) {
			os.Remove(filepath.Join(dir, base+".prj"))
		}},
		{"upper-case extensions", "points", []string{"-lco", "ENCODING=UTF-8"}, func(t *testing.T, dir, base string) {
			for _, ext := range []string{".dbf", ".prj", ".cpg", ".shx"} {
				os.Rename(filepath.Join(dir, base+ext), filepath.Join(dir, base+".TMP"))
				os.Rename(filepath.Join(dir, base+".TMP"), filepath.Join(dir, base+ext[:1]+string(ext[1]-32)+string(ext[2]-32)+string(ext[3]-32)))
			}
		}},
		{"multipoints", "multipoints", nil, nil},
		{"lines", "lines", nil, nil},
		{"polygons", "polygons", nil, nil},
		{"polygons in TUREF / TM30 (EPSG:5254)", "polygons", []string{"-t_srs", "EPSG:5254"}, nil},
		{"polygons in UTM 36N (EPSG:32636)", "polygons", []string{"-t_srs", "EPSG:32636"}, nil},
		{"points in UTM 36N, 3D", "points", []string{"-t_srs", "EPSG:32636", "-dim", "XYZ", "-lco", "ENCODING=UTF-8"}, nil},
		{"lines with measures", "lines", []string{"-dim", "XYM"}, nil},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := "layer" + strconv.Itoa(i)
			shp := ogrShapefile(t, dir, base, shpSources[tt.source], tt.args...)
			if tt.edit != nil {
				tt.edit(t, dir, base)
			}
			ls, probs, err := LoadFile(context.Background(), shp, nil)
			if err != nil || len(probs) > 0 || len(ls) != 1 {
				t.Fatalf("%d layers, problems %v, %v", len(ls), probs, err)
			}
			if title := "Layer" + strconv.Itoa(i); ls[0].ID != base || ls[0].Title != title {
				t.Errorf("layer %q titled %q, want %q titled %q", ls[0].ID, ls[0].Title, base, title)
			}
			sameAsShapefileSource(t, ls[0], shpSources[tt.source])
		})
	}
}

// TestShapefileZip reads zip archives: one Shapefile (GDAL's own .shp.zip)
// is one layer named after the archive; several are a layer each, named
// after the archive and the Shapefile.
func TestShapefileZip(t *testing.T) {
	needOgr2ogr(t)
	dir := t.TempDir()
	one := filepath.Join(dir, "one.shp.zip")
	in := filepath.Join(dir, "src.geojson")
	os.WriteFile(in, []byte(shpSources["polygons"]), 0o644)
	ogr(t, "-f", "ESRI Shapefile", "-t_srs", "EPSG:5254", "-nln", "licences", one, in)
	several := filepath.Join(dir, "several.zip")
	var names []string
	for _, name := range []string{"lines", "points"} {
		ogrShapefile(t, dir, name, shpSources[name], "-lco", "ENCODING=CP1254")
		for _, ext := range shpParts {
			names = append(names, name+ext)
		}
	}
	writeZip(t, several, dir, names)
	tests := []struct {
		path    string
		ids     []string
		sources []string
	}{
		{one, []string{"one"}, []string{"polygons"}},
		{several, []string{"several-lines", "several-points"}, []string{"lines", "points"}},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.path), func(t *testing.T) {
			ls, probs, err := LoadFile(context.Background(), tt.path, nil)
			if err != nil || len(probs) > 0 || len(ls) != len(tt.ids) {
				t.Fatalf("%d layers, problems %v, %v", len(ls), probs, err)
			}
			for i, l := range ls {
				if l.ID != tt.ids[i] {
					t.Errorf("layer %d: id %q, want %q", i, l.ID, tt.ids[i])
				}
				sameAsShapefileSource(t, l, shpSources[tt.sources[i]])
			}
		})
	}
}

// ogrShapefile writes a GeoJSON source to dir and has ogr2ogr convert it
// to dir/base.shp (args may reproject it or set its encoding).
func ogrShapefile(t *testing.T, dir, base, src string, args ...string) string {
	t.Helper()
	in, out := filepath.Join(dir, base+".geojson"), filepath.Join(dir, base+".shp")
	if err := os.WriteFile(in, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := append([]string{"-f", "ESRI Shapefile"}, args...)
	ogr(t, append(cmd, out, in)...)
	return out
}

// writeZip archives the named files of dir (those that exist) as path.
func writeZip(t *testing.T, path, dir string, names []string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, name := range names {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			continue // a .cpg GDAL did not write
		}
		w, _ := zw.Create(name)
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// setLDID sets a .dbf's language driver id.
func setLDID(t *testing.T, path string, ldid byte) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[29] = ldid
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// sameAsShapefileSource compares a layer read from a Shapefile with the
// GeoJSON GDAL made it of: features in order, with their records' numbers;
// ids from an "id" field, else made of the layer's id and the record
// number; names from "name", "ad" or "label", else the id; attributes
// equal and in order.
func sameAsShapefileSource(t *testing.T, l *layer.Layer, src string) {
	t.Helper()
	fc, err := geojson.UnmarshalFeatureCollection([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if l.Len() != len(fc.Features) {
		t.Fatalf("%d features, want %d", l.Len(), len(fc.Features))
	}
	for i, f := range fc.Features {
		id, ok := f.Properties["id"].(string)
		if !ok {
			id = l.ID + "-" + strconv.Itoa(i+1)
		}
		name := id
		for _, k := range []string{"label", "ad", "name"} {
			if s, ok := f.Properties[k].(string); ok {
				name = s
			}
		}
		kind, _ := f.Properties["kind"].(string)
		status, _ := f.Properties["status"].(string)
		if got, want := [...]string{l.IDs[i], l.Names[i], l.Kinds[i], l.Status[i]}, [...]string{id, name, kind, status}; got != want || l.Lines[i] != i+1 {
			t.Errorf("feature %d: id, name, kind, status %q at record %d, want %q at %d", i, got, l.Lines[i], want, i+1)
		}
		sameGeometry(t, l, i, f.Geometry)
		rec, err := l.Properties(i)
		if err != nil {
			t.Fatal(err)
		}
		var got map[string]any
		if err := json.Unmarshal(rec, &got); err != nil {
			t.Fatalf("feature %d: record %s: %v", i, rec, err)
		}
		if !reflect.DeepEqual(got, map[string]any(f.Properties)) {
			t.Errorf("feature %d: attributes\n%s\nwant %v", i, rec, f.Properties)
		}
		var order []string
		for _, kv := range orderedObject(rec) {
			order = append(order, kv.Key)
		}
		if want := orderedKeys(t, src, i); !reflect.DeepEqual(order, want) {
			t.Errorf("feature %d: fields in order %v, want %v", i, order, want)
		}
	}
}
