package main

import (
	"bytes"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/lodemap/lodemap/geo/tiles/tilestest"
)

// TestExportBasemapPackage exports over a tile package, MBTiles and
// PMTiles, of magenta tiles at zooms 0-4: the picture shows them under
// the sites and the package's credit is in the corner. The MBTiles
// package claims zoom 6, which it lacks: zoom 4's tiles stand in, and
// nothing is said to be missing, as nothing beyond a package's tiles is.
// A package of vector tiles is refused with the reason.
func TestExportBasemapPackage(t *testing.T) {
	magenta := tilestest.Solid(t, color.RGBA{255, 0, 255, 255})
	tiles := func(z, x, y int) []byte { return magenta }
	meta := map[string]string{"format": "png", "attribution": "Magenta tiles", "maxzoom": "6"}
	tests := []struct {
		name  string
		write func(tb testing.TB, path string, meta map[string]string, maxZoom int, tile func(z, x, y int) []byte)
	}{
		{"pack.mbtiles", tilestest.MBTiles},
		{"pack.pmtiles", tilestest.PMTiles},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			pack := filepath.Join(dir, tt.name)
			tt.write(t, pack, meta, 4, tiles)
			exportOverPackage(t, pack)
			vector := filepath.Join(dir, "vector"+filepath.Ext(tt.name))
			tt.write(t, vector, map[string]string{"format": "pbf"}, 1, tiles)
			var so, bad bytes.Buffer
			if code := run([]string{"export", "--basemap", vector, filepath.Join(dir, "map.png")}, &so, &bad); code == 0 || !strings.Contains(bad.String(), "vector tiles") {
				t.Errorf("a package of vector tiles: exit %d, %s", code, bad.String())
			}
		})
	}
}

// exportOverPackage exports a PNG at zoom 6 and an SVG at zoom 4 over the
// magenta package.
func exportOverPackage(t *testing.T, pack string) {
	t.Helper()
	dir := t.TempDir()
	out := filepath.Join(dir, "map.png")
	var so, se bytes.Buffer
	if code := run([]string{"export", "--basemap", pack, "--size", "640x400", "--zoom", "6", out}, &so, &se); code != 0 {
		t.Fatalf("exit %d: %s", code, se.String())
	}
	if strings.Contains(se.String(), "could not be had") {
		t.Errorf("tiles beyond the package are called missing: %s", se.String())
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	// The zoom 4 tiles stand in for zoom 6's.
	if r, g, b, _ := img.At(20, 20).RGBA(); r>>8 != 255 || g>>8 != 0 || b>>8 != 255 {
		t.Errorf("pixel (20, 20) is %d,%d,%d, want the package's magenta", r>>8, g>>8, b>>8)
	}
	var svg bytes.Buffer
	if code := run([]string{"export", "--basemap", pack, "--size", "640x400", "--zoom", "4", "--no-attribution", filepath.Join(dir, "map.svg")}, &so, &svg); code != 0 {
		t.Fatalf("svg: exit %d: %s", code, svg.String())
	}
	b, _ := os.ReadFile(filepath.Join(dir, "map.svg"))
	if !strings.Contains(string(b), "<image") || !strings.Contains(string(b), "Magenta tiles") {
		t.Error("the SVG lacks the tiles or their credit (shown even with --no-attribution)")
	}
}

// TestExportBasemapXYZ exports over tiles from a local server: they are
// in the picture with the server's credit, the request names Lodemap, and
// a second export of the view is drawn from the disk cache.
func TestExportBasemapXYZ(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	cyan := tilestest.Solid(t, color.RGBA{0, 255, 255, 255})
	var requests atomic.Int32
	var agent atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		agent.Store(r.UserAgent())
		w.Header().Set("Cache-Control", "max-age=3600")
		_, _ = w.Write(cyan)
	}))
	defer srv.Close()
	dir := t.TempDir()
	args := []string{"export", "--basemap", srv.URL + "/{z}/{x}/{y}.png", "--size", "320x200", filepath.Join(dir, "map.png")}
	var so, se bytes.Buffer
	if code := run(args, &so, &se); code != 0 {
		t.Fatalf("exit %d: %s", code, se.String())
	}
	first := requests.Load()
	if first == 0 || !strings.HasPrefix(agent.Load().(string), "Lodemap/") {
		t.Fatalf("%d requests, User-Agent %v", first, agent.Load())
	}
	f, err := os.Open(filepath.Join(dir, "map.png"))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if r, g, b, _ := img.At(5, 5).RGBA(); r>>8 != 0 || g>>8 != 255 || b>>8 != 255 {
		t.Errorf("pixel (5, 5) is %d,%d,%d, want the tiles' cyan", r>>8, g>>8, b>>8)
	}
	if code := run(args, &so, &se); code != 0 {
		t.Fatalf("second export: exit %d", code)
	}
	if requests.Load() != first {
		t.Errorf("the second export made %d requests; the cache should serve", requests.Load()-first)
	}
}

// TestTilesPack packs a local server's tiles around Beylikova, then
// exports over the package; OpenStreetMap's servers are refused.
func TestTilesPack(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	yellow := tilestest.Solid(t, color.RGBA{255, 255, 0, 255})
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		_, _ = w.Write(yellow)
	}))
	defer srv.Close()
	dir := t.TempDir()
	pack := filepath.Join(dir, "beylikova.mbtiles")
	var so, se bytes.Buffer
	if code := run([]string{"tiles", "pack", "--url", srv.URL + "/{z}/{x}/{y}.png", "--bbox", "30.5,39.3,32,40", "--zoom", "5-8", pack}, &so, &se); code != 0 {
		t.Fatalf("exit %d: %s", code, se.String())
	}
	if !strings.Contains(so.String(), "wrote "+pack) || requests.Load() == 0 {
		t.Errorf("stdout %q, %d requests", so.String(), requests.Load())
	}
	so.Reset()
	if code := run([]string{"export", "--basemap", pack, "--center", "31.2,39.65", "--zoom", "7", "--size", "320x200", filepath.Join(dir, "map.png")}, &so, &se); code != 0 {
		t.Fatalf("export over the package: exit %d: %s", code, se.String())
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"osm", []string{"--url", "osm"}, "forbids bulk downloads"},
		{"osm by address", []string{"--url", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"}, "forbids bulk downloads"},
		{"bad box", []string{"--url", srv.URL + "/{z}/{x}/{y}.png", "--bbox", "32,39,30,40"}, "west < east"},
		{"too many", []string{"--url", srv.URL + "/{z}/{x}/{y}.png", "--zoom", "0-14"}, "more than one package holds"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"tiles", "pack", "--bbox", "25,35,45,42", "--zoom", "5-6"}, tt.args...)
			var so, se bytes.Buffer
			if code := run(append(args, filepath.Join(dir, "x.mbtiles")), &so, &se); code == 0 || !strings.Contains(se.String(), tt.want) {
				t.Errorf("exit %d, stderr %q, want %q", code, se.String(), tt.want)
			}
		})
	}
}

// TestExportBoundaries draws a province file with the basemap; a file
// that is not there is an error.
func TestExportBoundaries(t *testing.T) {
	dir := t.TempDir()
	prov := filepath.Join(dir, "provinces.geojson")
	if err := os.WriteFile(prov, []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"P"},"geometry":{"type":"Polygon","coordinates":[[[30,39],[32,39],[32,40.5],[30,40.5],[30,39]]]}}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	var so, se bytes.Buffer
	if code := run([]string{"export", "--boundaries", prov, "--size", "320x200", filepath.Join(dir, "map.svg")}, &so, &se); code != 0 {
		t.Fatalf("exit %d: %s", code, se.String())
	}
	if code := run([]string{"export", "--boundaries", filepath.Join(dir, "none.geojson"), filepath.Join(dir, "x.png")}, &so, &se); code == 0 || !strings.Contains(se.String(), "none.geojson") {
		t.Errorf("a missing file: exit %d, %s", code, se.String())
	}
}
