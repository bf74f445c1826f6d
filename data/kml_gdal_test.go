package data

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/lodemap/lodemap/geo/layer"
	"github.com/paulmach/orb/geojson"
)

// TestKMLAgainstGDAL reads KML and KMZ files that GDAL writes (its KML and
// LIBKML drivers, from the GeoJSON in testdata/kml), and a hand-written
// Google Earth file, and compares what Lodemap reads with what GDAL reads
// from the same file: layers, features, geometry types, coordinates
// (within 1e-7 degrees), names and attributes.
func TestKMLAgainstGDAL(t *testing.T) {
	needOgr2ogr(t)
	dir := t.TempDir()
	two := filepath.Join(dir, "two.gpkg")
	ogr(t, "-f", "GPKG", two, "testdata/kml/sites.geojson", "-nln", "sites")
	ogr(t, "-update", "-append", two, "testdata/kml/shapes.geojson", "-nln", "shapes")
	tests := []struct {
		name, file string
		args       []string // ogr2ogr's, writing file; none for a file of testdata
		ids        []string // the layers' ids
		html       bool     // descriptions are HTML: GDAL keeps the tags
	}{
		{"KML driver, one layer", "one.kml", []string{"-f", "KML", "testdata/kml/sites.geojson"}, []string{"one"}, false},
		{"KML driver, two folders", "two.kml", []string{"-f", "KML", two}, []string{"two-sites", "two-shapes"}, false},
		{"LIBKML driver, two documents", "lib.kml", []string{"-f", "LIBKML", two}, []string{"lib-sites", "lib-shapes"}, false},
		{"LIBKML driver, KMZ with network links", "lib.kmz", []string{"-f", "LIBKML", two}, []string{"lib-sites", "lib-shapes"}, false},
		{"Google Earth file", "testdata/kml/earth.kml", nil, []string{"earth-rare-earths-turkey", "earth-mines", "earth-mines-active"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.file
			if tt.args != nil {
				path = filepath.Join(dir, tt.file)
				ogr(t, append([]string{path}, tt.args...)...)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			ls, probs := readKML(context.Background(), testSource(b, path, false))
			if len(probs) > 0 {
				t.Fatal(probs)
			}
			names, want := gdalLayers(t, path)
			if len(ls) != len(want) || len(ls) != len(tt.ids) {
				t.Fatalf("%d layers, GDAL reads %d (%q), want ids %q", len(ls), len(want), names, tt.ids)
			}
			for k, l := range ls {
				if l.ID != tt.ids[k] || !strings.HasSuffix(l.Title, names[k]) {
					t.Errorf("layer %d: id %q title %q, want %q and GDAL's %q", k, l.ID, l.Title, tt.ids[k], names[k])
				}
				sameAsGDAL(t, l, want[k], tt.html)
			}
		})
	}
}

// ogrLayer matches a layer in ogrinfo -q's list: "1: name" or
// "1: name (Point)".
var ogrLayer = regexp.MustCompile(`(?m)^\d+: (.*?)(?: \([A-Za-z ]+\))?$`)

// gdalLayers reads a file with GDAL: its layers' names and features.
func gdalLayers(t *testing.T, path string) ([]string, []*geojson.FeatureCollection) {
	t.Helper()
	out, err := exec.Command("ogrinfo", "-ro", "-q", path).Output()
	if err != nil {
		t.Fatalf("ogrinfo: %v", err)
	}
	var names []string
	var fcs []*geojson.FeatureCollection
	for _, m := range ogrLayer.FindAllStringSubmatch(string(out), -1) {
		js, err := exec.Command("ogr2ogr", "-f", "GeoJSON", "/vsistdout/", path, m[1]).Output()
		if err != nil {
			t.Fatalf("ogr2ogr %s: %v", m[1], err)
		}
		fc, err := geojson.UnmarshalFeatureCollection(js)
		if err != nil {
			t.Fatalf("GDAL's GeoJSON of %s: %v", m[1], err)
		}
		names, fcs = append(names, m[1]), append(fcs, fc)
	}
	return names, fcs
}

// gdalOwn are the fields GDAL's KML drivers add of their own.
var gdalOwn = map[string]bool{"Name": true, "description": true, "timestamp": true, "begin": true, "end": true,
	"altitudeMode": true, "tessellate": true, "extrude": true, "visibility": true, "drawOrder": true, "icon": true, "snippet": true}

// sameAsGDAL compares a layer with GDAL's reading of it, feature by feature.
func sameAsGDAL(t *testing.T, l *layer.Layer, fc *geojson.FeatureCollection, html bool) {
	t.Helper()
	if l.Len() != len(fc.Features) {
		t.Fatalf("%s: %d features, GDAL reads %d", l.ID, l.Len(), len(fc.Features))
	}
	for i, f := range fc.Features {
		if got, want := l.Type(i).String(), f.Geometry.GeoJSONType(); got != want {
			t.Errorf("%s %d: %s, GDAL reads a %s", l.ID, i, got, want)
		}
		if got, want := flatten(l.Geometry(i)), flatten(f.Geometry); !near(got, want) {
			t.Errorf("%s %d: positions %v, GDAL reads %v", l.ID, i, got, want)
		}
		if name, _ := f.Properties["Name"].(string); name != "" && name != l.Names[i] {
			t.Errorf("%s %d: name %q, GDAL reads %q", l.ID, i, l.Names[i], name)
		}
		rec, err := l.Properties(i)
		var ours map[string]any
		if err == nil {
			err = json.Unmarshal(rec, &ours)
		}
		if err != nil {
			t.Fatalf("%s %d: %v", l.ID, i, err)
		}
		if d, ok := f.Properties["description"]; ok && !html && fmt.Sprint(d) != fmt.Sprint(ours["description"]) {
			t.Errorf("%s %d: description %q, GDAL reads %q", l.ID, i, ours["description"], d)
		}
		for k, v := range f.Properties {
			if gdalOwn[k] || v == nil {
				continue
			}
			if fmt.Sprint(ours[k]) != fmt.Sprint(v) {
				t.Errorf("%s %d: %s is %v, GDAL reads %v", l.ID, i, k, ours[k], v)
			}
		}
	}
}
