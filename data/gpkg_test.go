package data

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/lodemap/lodemap/geo/layer"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// gpkgSources are the GeoJSON files the GeoPackage tests have GDAL convert,
// one table each: every geometry type, a null geometry, and each kind of
// attribute (text, integer, real, boolean, date, null).
var gpkgSources = map[string]string{
	"points": `{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Point","coordinates":[30.52,39.78]},"properties":{"name":"Beylikova","kind":"deposit","status":"exploration","tonnes":694,"grade":3.14,"open":true,"since":"2011-05-03","note":null}},
{"type":"Feature","geometry":{"type":"Point","coordinates":[-116.1,44.9]},"properties":{"name":"Stibnite \"Gold\"","kind":"mine","status":"planned","tonnes":12,"grade":0.5,"open":false,"since":null,"note":"ünïcode, quotes \" and \\ slashes"}},
{"type":"Feature","geometry":null,"properties":{"name":"Nowhere","kind":"refinery","status":null,"tonnes":null,"grade":null,"open":null,"since":null,"note":"no place"}},
{"type":"Feature","geometry":{"type":"MultiPoint","coordinates":[[28.9,41.01],[29.1,41.2]]},"properties":{"name":null,"kind":"mine","status":"operating","tonnes":1,"grade":1,"open":true,"since":"2020-01-01","note":""}}]}`,
	"lines": `{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"LineString","coordinates":[[30,39],[31,40],[32,39.5]]},"properties":{"Title":"pipeline","kind":"link"}},
{"type":"Feature","geometry":{"type":"MultiLineString","coordinates":[[[26,38],[27,38.5]],[[28,37],[29,37.5],[30,37]]]},"properties":{"Title":"rail","kind":"link"}}]}`,
	"polygons": `{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[30,39],[31,39],[31,40],[30,40],[30,39]],[[30.2,39.2],[30.4,39.2],[30.4,39.4],[30.2,39.2]]]},"properties":{"label":"licence with a hole"}},
{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[[[[26,38],[27,38],[27,39],[26,38]]],[[[28,36],[29,36],[29,37],[28,37],[28,36]],[[28.2,36.2],[28.5,36.2],[28.5,36.5],[28.2,36.2]]]]},"properties":{"label":"two licences"}}]}`,
}

// TestGeoPackageAgainstGDAL has GDAL write the sources as GeoPackage
// tables (one file with each of them, and one in EPSG:5254, TUREF / TM30)
// and reads them back: the feature count, geometry types, coordinates
// (within 1e-7 degrees of the GeoJSON, after reprojection) and attributes
// (in column order) must be the GeoJSON's.
func TestGeoPackageAgainstGDAL(t *testing.T) {
	needOgr2ogr(t)
	dir := t.TempDir()
	multi := filepath.Join(dir, "multi.gpkg")
	for _, table := range []string{"points", "lines", "polygons"} {
		gdalAppend(t, multi, table, gpkgSources[table], "-nln", table)
	}
	gdalAppend(t, multi, "tm30", gpkgSources["polygons"], "-nln", "tm30", "-t_srs", "EPSG:5254")
	wide := wideSource(120) // more columns than one SQLite function call takes
	gdalAppend(t, multi, "wide", wide, "-nln", "wide")
	one := filepath.Join(dir, "one.gpkg")
	gdalAppend(t, one, "points", gpkgSources["points"], "-nln", "points")

	ls, probs, err := LoadFile(context.Background(), multi, nil)
	if err != nil || len(probs) > 0 {
		t.Fatalf("problems %v, %v", probs, err)
	}
	if got := layerIDs(ls); !reflect.DeepEqual(got, []string{"multi-points", "multi-lines", "multi-polygons", "multi-tm30", "multi-wide"}) {
		t.Fatalf("layers %v", got)
	}
	for i, want := range []string{"", "", "", "TUREF / TM30 (EPSG:5254)", ""} {
		if ls[i].CRS != want {
			t.Errorf("%s: coordinate system %q, want %q", ls[i].ID, ls[i].CRS, want)
		}
	}
	for i, source := range []string{gpkgSources["points"], gpkgSources["lines"], gpkgSources["polygons"], gpkgSources["polygons"], wide} {
		t.Run(ls[i].Title, func(t *testing.T) { sameAsGeoJSON(t, ls[i], source) })
	}
	ls, probs, err = LoadFile(context.Background(), one, nil)
	if err != nil || len(probs) > 0 || len(ls) != 1 || ls[0].ID != "one" || ls[0].Title != "points" {
		t.Fatalf("one table: %v, %v, %v", layerIDs(ls), probs, err)
	}
	t.Run("one table, from bytes", func(t *testing.T) {
		b, _ := os.ReadFile(one)
		ls, probs := ReadLayers(b, "one.gpkg", "one.gpkg") // no path: read from a temporary copy
		if len(probs) > 0 || len(ls) != 1 {
			t.Fatalf("%v, %v", layerIDs(ls), probs)
		}
		sameAsGeoJSON(t, ls[0], gpkgSources["points"])
	})
	t.Run("tm30 by its WKT", func(t *testing.T) {
		// An organization PROJ does not know: the definition's WKT serves.
		sqlExec(t, multi, `UPDATE gpkg_spatial_ref_sys SET organization = 'LOCAL' WHERE srs_id = 5254`)
		ls, probs, err := LoadFile(context.Background(), multi, nil)
		if err != nil || len(probs) > 0 || len(ls) != 5 || ls[3].CRS != "TUREF / TM30" {
			t.Fatalf("%v, %v, %v", layerIDs(ls), probs, err)
		}
		sameAsGeoJSON(t, ls[3], gpkgSources["polygons"])
	})
}

// wideSource is a GeoJSON point with n properties.
func wideSource(n int) string {
	props := make([]string, n)
	for i := range props {
		props[i] = fmt.Sprintf(`"p%03d":%d`, i, i)
	}
	return `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{` +
		strings.Join(props, ",") + `}}]}`
}

// gdalAppend writes a GeoJSON source to dir and has ogr2ogr add it to the
// GeoPackage dst as a table (args name it, and may reproject it).
func gdalAppend(t *testing.T, dst, name, src string, args ...string) {
	t.Helper()
	in := filepath.Join(filepath.Dir(dst), name+".geojson")
	if err := os.WriteFile(in, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := append([]string{"-f", "GPKG"}, args...)
	if _, err := os.Stat(dst); err == nil {
		cmd = append(cmd, "-update")
	}
	ogr(t, append(cmd, dst, in)...)
}

func layerIDs(ls []*layer.Layer) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.ID)
	}
	return out
}

// sameAsGeoJSON compares a layer read from a GeoPackage with the GeoJSON
// GDAL made its table of (whose features GDAL numbers from 1).
func sameAsGeoJSON(t *testing.T, l *layer.Layer, src string) {
	t.Helper()
	fc, err := geojson.UnmarshalFeatureCollection([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if l.Len() != len(fc.Features) {
		t.Fatalf("%d features, want %d", l.Len(), len(fc.Features))
	}
	for i, f := range fc.Features {
		if want := strconv.Itoa(i + 1); l.IDs[i] != want {
			t.Errorf("feature %d: id %q, want %q", i, l.IDs[i], want)
		}
		sameGeometry(t, l, i, f.Geometry)
		props, err := l.Properties(i)
		if err != nil {
			t.Fatal(err)
		}
		sameProperties(t, l, i, props, f.Properties, orderedKeys(t, src, i))
	}
}

func sameGeometry(t *testing.T, l *layer.Layer, i int, want orb.Geometry) {
	t.Helper()
	if want == nil {
		if l.Type(i) != layer.NoGeometry || l.Located(i) {
			t.Errorf("feature %d: %s, located %v; want no geometry", i, l.Type(i), l.Located(i))
		}
		return
	}
	got := l.Geometry(i)
	if l.Type(i).String() != want.GeoJSONType() || got.GeoJSONType() != want.GeoJSONType() {
		t.Errorf("feature %d: %s, want %s", i, l.Type(i), want.GeoJSONType())
		return
	}
	if g, w := flatten(got), flatten(want); !near(g, w) {
		t.Errorf("feature %d: positions %v, want %v", i, g, w)
	}
}

// sameProperties checks a record: the GeoJSON's properties, in its order,
// and a name, kind and status taken from them (the name from "name",
// "Title" or "label", else the id).
func sameProperties(t *testing.T, l *layer.Layer, i int, rec []byte, want geojson.Properties, keys []string) {
	t.Helper()
	var got map[string]any
	if err := json.Unmarshal(rec, &got); err != nil {
		t.Fatalf("feature %d: record %s: %v", i, rec, err)
	}
	if !reflect.DeepEqual(got, map[string]any(want)) {
		t.Errorf("feature %d: properties\n%s\nwant %v", i, rec, want)
	}
	var order []string
	for _, f := range orderedObject(rec) {
		order = append(order, f.Key)
	}
	if !reflect.DeepEqual(order, keys) {
		t.Errorf("feature %d: keys in order %v, want %v", i, order, keys)
	}
	name := l.IDs[i]
	for _, k := range []string{"name", "Title", "label"} {
		if s, ok := want[k].(string); ok {
			name = s
		}
	}
	kind, _ := want["kind"].(string)
	status, _ := want["status"].(string)
	if l.Names[i] != name || l.Kinds[i] != kind || l.Status[i] != status {
		t.Errorf("feature %d: name, kind, status %q %q %q; want %q %q %q", i, l.Names[i], l.Kinds[i], l.Status[i], name, kind, status)
	}
}

// orderedKeys are the property names of feature i of a GeoJSON source, in
// order.
func orderedKeys(t *testing.T, src string, i int) []string {
	var fc struct {
		Features []struct{ Properties json.RawMessage }
	}
	if err := json.Unmarshal([]byte(src), &fc); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, f := range orderedObject(fc.Features[i].Properties) {
		keys = append(keys, f.Key)
	}
	return keys
}

// TestGeoPackageSniff: a GeoPackage is known by its SQLite header and
// application id whatever its name, and by its extension otherwise; another
// SQLite database (an MBTiles file) is not taken for one by content.
func TestGeoPackageSniff(t *testing.T) {
	needOgr2ogr(t)
	dir := t.TempDir()
	gpkg := filepath.Join(dir, "a.gpkg")
	gdalAppend(t, gpkg, "points", gpkgSources["points"], "-nln", "points")
	other := filepath.Join(dir, "tiles.mbtiles")
	sqlExec(t, other, "CREATE TABLE metadata (name TEXT, value TEXT)")
	head := func(path string) []byte {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return b[:min(len(b), 512)]
	}
	tests := []struct {
		name string
		head []byte
		want string // the format's name, "" for none
	}{
		{"sites.bin", head(gpkg), "GeoPackage"},
		{"sites.GPKG", []byte("not a database"), "GeoPackage"},
		{"tiles.mbtiles", head(other), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := FormatOf(tt.name, tt.head)
			if f.Name != tt.want || (err == nil) != (tt.want != "") {
				t.Errorf("format %q, %v; want %q", f.Name, err, tt.want)
			}
		})
	}
}
