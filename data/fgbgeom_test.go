package data

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// shapesGeoJSON has one feature of every geometry type, a polygon with a
// hole, and a null geometry, all with ids and names.
const shapesGeoJSON = `{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Point","coordinates":[30.5,39.6]},"properties":{"id":"p","name":"Point"}},
{"type":"Feature","geometry":{"type":"MultiPoint","coordinates":[[30,39],[31,40]]},"properties":{"id":"mp","name":"Wells"}},
{"type":"Feature","geometry":{"type":"LineString","coordinates":[[29,40],[30,40.5],[31.25,41.125]]},"properties":{"id":"ls","name":"Rail"}},
{"type":"Feature","geometry":{"type":"MultiLineString","coordinates":[[[29,38],[30,38]],[[30,38.5],[31,38.5],[31,39]]]},"properties":{"id":"mls","name":"Pipes"}},
{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[30,39],[32,39],[32,41],[30,41],[30,39]],[[30.5,39.5],[30.5,40.5],[31.5,40.5],[31.5,39.5],[30.5,39.5]]]},"properties":{"id":"poly","name":"Licence"}},
{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[2,2],[3,2],[3,3],[2,2]]]]},"properties":{"id":"mpoly","name":"Blocks"}},
{"type":"Feature","geometry":{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[5,5]},{"type":"LineString","coordinates":[[5,5],[6,6]]}]},"properties":{"id":"gc","name":"Mixed"}},
{"type":"Feature","geometry":null,"properties":{"id":"none","name":"Office"}}
]}`

// TestFlatGeobufGeometries has GDAL write every geometry type as
// FlatGeobuf, with and without its spatial index (which reorders the
// features), and checks Lodemap reads what it reads from the GeoJSON, but
// the feature without a geometry, which GDAL leaves out.
func TestFlatGeobufGeometries(t *testing.T) {
	needOgr2ogr(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "shapes.geojson")
	if err := os.WriteFile(src, []byte(shapesGeoJSON), 0o644); err != nil {
		t.Fatal(err)
	}
	want, probs := readGeoJSON(context.Background(), testSource([]byte(shapesGeoJSON), "shapes.geojson", false))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	for _, index := range []string{"YES", "NO"} {
		t.Run("spatial index "+index, func(t *testing.T) {
			dst := filepath.Join(dir, "shapes-"+index+".fgb")
			ogr(t, "-f", "FlatGeobuf", "-lco", "SPATIAL_INDEX="+index, dst, src)
			got, probs, err := loadOne(context.Background(), dst, nil)
			if err != nil || len(probs) > 0 {
				t.Fatalf("%v %v", probs, err)
			}
			// GDAL writes no feature of a null geometry to a FlatGeobuf.
			if got.Len() != want.Len()-1 {
				t.Fatalf("%d features, want %d", got.Len(), want.Len()-1)
			}
			for i, id := range want.IDs {
				j := got.Index(id)
				if j < 0 && want.Located(i) {
					t.Fatalf("no feature %q", id)
				}
				if j < 0 {
					continue
				}
				if got.Names[j] != want.Names[i] || got.Type(j) != want.Type(i) {
					t.Errorf("%s: %q a %v, want %q a %v", id, got.Names[j], got.Type(j), want.Names[i], want.Type(i))
					continue
				}
				if want.Located(i) && !near(flatten(got.Geometry(j)), flatten(want.Geometry(i))) {
					t.Errorf("%s: geometry %v, want %v", id, got.Geometry(j), want.Geometry(i))
				}
			}
		})
	}
}

// TestFlatGeobufProjected has GDAL write the shapes in TUREF / TM30
// (EPSG:5254) and in UTM 36N (EPSG:32636): Lodemap must take them back to
// the same lon/lat within 1e-7 degrees, and name the system.
func TestFlatGeobufProjected(t *testing.T) {
	needOgr2ogr(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "shapes.geojson")
	// Features near Turkey, where both systems are defined.
	body := strings.NewReplacer("[0,0],[1,0],[1,1],[0,0]", "[29,37],[29.5,37],[29.5,37.5],[29,37]",
		"[2,2],[3,2],[3,3],[2,2]", "[33,38],[33.5,38],[33.5,38.5],[33,38]", "[5,5]", "[30,38]", "[6,6]", "[31,38.5]").Replace(shapesGeoJSON)
	if err := os.WriteFile(src, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	want, _ := readGeoJSON(context.Background(), testSource([]byte(body), "shapes.geojson", false))
	for _, epsg := range []string{"EPSG:5254", "EPSG:32636"} {
		t.Run(epsg, func(t *testing.T) {
			dst := filepath.Join(dir, strings.ReplaceAll(epsg, ":", "")+".fgb")
			ogr(t, "-f", "FlatGeobuf", "-t_srs", epsg, dst, src)
			got, probs, err := loadOne(context.Background(), dst, nil)
			if err != nil || len(probs) > 0 {
				t.Fatalf("%v %v", probs, err)
			}
			if got.CRS == "" {
				t.Error("the layer does not name its coordinate system")
			}
			for i, id := range want.IDs {
				j := got.Index(id)
				if j < 0 || !want.Located(i) {
					continue
				}
				if !near(flatten(got.Geometry(j)), flatten(want.Geometry(i))) {
					t.Errorf("%s: %v, want %v", id, got.Geometry(j), want.Geometry(i))
				}
			}
		})
	}
}
