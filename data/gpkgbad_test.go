package data

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lodemap/lodemap/geo/layer"
)

// TestGeoPackageBad reads broken files: each gives a problem in words and
// no panic; a table in a coordinate system that cannot be resolved is left
// out, and a feature with a broken geometry is listed without a place.
func TestGeoPackageBad(t *testing.T) {
	needOgr2ogr(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.gpkg")
	// Without the spatial index, whose triggers call functions only GDAL has.
	gdalAppend(t, good, "points", gpkgSources["points"], "-nln", "points", "-lco", "SPATIAL_INDEX=NO")
	gdalAppend(t, good, "lines", gpkgSources["lines"], "-nln", "lines", "-lco", "SPATIAL_INDEX=NO")
	goodBytes, _ := os.ReadFile(good)
	tests := []struct {
		name   string
		make   func(t *testing.T, path string)       // writes the file
		want   string                                // in the problems
		layers int                                   // how many layers still load
		check  func(ls []*layer.Layer, probs string) // optional
	}{
		{"not SQLite", func(t *testing.T, p string) { os.WriteFile(p, []byte("hello, world, not a database"), 0o644) },
			"not a GeoPackage: the file is not an SQLite database", 0, nil},
		{"empty", func(t *testing.T, p string) { os.WriteFile(p, nil, 0o644) }, "the file is not an SQLite database", 0, nil},
		{"no gpkg_contents", func(t *testing.T, p string) { sqlExec(t, p, "CREATE TABLE sites (id INTEGER PRIMARY KEY, name TEXT)") },
			"not a GeoPackage: the database has no gpkg_contents table", 0, nil},
		{"no feature tables", func(t *testing.T, p string) {
			copyFile(t, p, goodBytes)
			sqlExec(t, p, "DELETE FROM gpkg_contents")
		}, "the GeoPackage has no feature tables", 0, nil},
		{"truncated", func(t *testing.T, p string) { os.WriteFile(p, goodBytes[:len(goodBytes)/2], 0o644) }, "the GeoPackage is damaged or cut short (database disk image is malformed)", 0, nil},
		{"unknown coordinate system", func(t *testing.T, p string) {
			copyFile(t, p, goodBytes)
			sqlExec(t, p, `INSERT INTO gpkg_spatial_ref_sys VALUES ('Nowhere Grid', 99999, 'EPSG', 99999, 'undefined', '')`,
				`UPDATE gpkg_geometry_columns SET srs_id = 99999 WHERE table_name = 'lines'`)
		}, `table lines: unknown coordinate system "EPSG:99999" (Nowhere Grid, srs_id 99999); the table is not shown`, 1, func(ls []*layer.Layer, probs string) {
			if ls[0].Title != "points" {
				t.Errorf("layer %s loaded", ls[0].Title)
			}
		}},
		{"binary data", func(t *testing.T, p string) {
			copyFile(t, p, goodBytes)
			sqlExec(t, p, `ALTER TABLE points ADD COLUMN pic BLOB`, `UPDATE points SET pic = x'0102' WHERE fid = 1`,
				`UPDATE points SET note = x'00ff0a' WHERE fid = 1`) // binary data in a TEXT column
		}, "", 2, func(ls []*layer.Layer, probs string) {
			rec, _ := ls[0].Properties(0)
			if !strings.HasSuffix(string(rec), `"note":"3 bytes of binary data","pic":"2 bytes of binary data"}`) || probs != "" {
				t.Errorf("record %s, problems %s", rec, probs)
			}
		}},
		{"keys far apart", func(t *testing.T, p string) {
			copyFile(t, p, goodBytes)
			sqlExec(t, p, `UPDATE points SET fid = 1000000000000 WHERE fid = 4`)
		}, "", 2, func(ls []*layer.Layer, probs string) {
			if got := strings.Join(ls[0].IDs, " "); got != "1 2 3 1000000000000" || probs != "" {
				t.Errorf("ids %s, problems %s", got, probs)
			}
		}},
		{"broken geometry", func(t *testing.T, p string) {
			copyFile(t, p, goodBytes)
			sqlExec(t, p, `UPDATE points SET geom = x'47500001E6100000010700' WHERE fid = 2`,
				`UPDATE lines SET geom = x'0102' WHERE fid = 1`)
		}, "table points: feature \"2\": geometry: unexpected EOF\n", 2, func(ls []*layer.Layer, probs string) {
			if !strings.HasSuffix(probs, `table lines: feature "1": geometry is not a GeoPackage geometry (no GP header)`) {
				t.Errorf("problems %s", probs)
			}
			if ls[0].Len() != 4 || ls[0].Type(1) != layer.NoGeometry || ls[1].Len() != 2 || ls[1].Type(0) != layer.NoGeometry {
				t.Errorf("%d and %d features; types %s, %s", ls[0].Len(), ls[1].Len(), ls[0].Type(1), ls[1].Type(0))
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".gpkg")
			tt.make(t, path)
			ls, probs, err := LoadFile(context.Background(), path, nil)
			if err != nil || len(ls) != tt.layers || !strings.Contains(probs.Error(), tt.want) {
				t.Fatalf("%d layers, problems:\n%v\nwant %d layers and %q (%v)", len(ls), probs, tt.layers, tt.want, err)
			}
			if tt.check != nil {
				tt.check(ls, probs.Error())
			}
		})
	}
}

// TestGeoPackageCancel: a load whose context is done stops and returns
// without a panic.
func TestGeoPackageCancel(t *testing.T) {
	path := gdalGPKG(t, 200_000)
	ctx, cancel := context.WithCancel(context.Background())
	var seen int
	ls, _, err := LoadFile(ctx, path, &Progress{Report: func(done, total int64, n int) {
		seen = n
		cancel()
	}})
	if err != context.Canceled || seen == 0 || len(ls) != 1 || ls[0].Len() >= 200_000 {
		t.Fatalf("%d layers, %d features reported, %v", len(ls), seen, err)
	}
}

func copyFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// sqlExec runs SQL statements on an SQLite database, made when missing.
func sqlExec(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}
