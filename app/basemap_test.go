package app

import (
	"fmt"
	"image/color"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/lodemap/lodemap/geo/tiles/tilestest"
)

// TestWindowBasemap switches the window to tiles from a local server that
// holds them back: frames keep coming with the offline basemap meanwhile;
// once let through, the tiles show, the choice is remembered and checked
// in View > Basemap; a package that does not open is refused.
func TestWindowBasemap(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	w, _ := newTestWindow(t)
	cyan := tilestest.Solid(t, color.RGBA{0, 255, 255, 255})
	release := make(chan struct{})
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		<-release
		rw.Header().Set("Cache-Control", "max-age=3600")
		_, _ = rw.Write(cyan)
	}))
	defer srv.Close()
	defer func() {
		select {
		case <-release:
		default:
			close(release)
		}
	}()
	spec := srv.URL + "/{z}/{x}/{y}.png"
	if err := w.SetBasemap(spec); err != nil {
		t.Fatal(err)
	}
	// While every tile is held back, the map still draws.
	drainUntil(t, "the tile requests", func() bool { return requests.Load() > 0 })
	w.Map.PanBy(30, 0)
	waitFrame(t, w.Map)
	corner := func() color.RGBA {
		w.Map.mu.Lock()
		defer w.Map.mu.Unlock()
		return w.Map.frame.RGBAAt(5, 5)
	}
	if c := corner(); c == (color.RGBA{0, 255, 255, 255}) {
		t.Fatal("tiles shown before any came")
	}
	close(release)
	drainUntil(t, "the tiles", func() bool { waitFrame(t, w.Map); return corner() == color.RGBA{0, 255, 255, 255} })
	if got := w.App.Preferences().String(prefBasemap); got != spec {
		t.Errorf("remembered %q", got)
	}
	if checked := checkedBasemap(w); checked != "Tiles from a URL…" {
		t.Errorf("View > Basemap checks %q", checked)
	}
	// A PMTiles package of magenta tiles, every other row of them
	// missing: the offline basemap shows there, and that is no failure.
	pack := filepath.Join(t.TempDir(), "magenta.pmtiles")
	magenta := tilestest.Solid(t, color.RGBA{255, 0, 255, 255})
	tilestest.PMTiles(t, pack, map[string]string{"format": "png"}, 5, func(z, x, y int) []byte {
		if z == 5 && y%2 == 1 {
			return nil
		}
		return magenta
	})
	if err := w.SetBasemap(pack); err != nil {
		t.Fatal(err)
	}
	drainUntil(t, "the package's tiles", func() bool {
		waitFrame(t, w.Map)
		w.Map.mu.Lock()
		defer w.Map.mu.Unlock()
		pix := w.Map.frame.Pix
		for i := 0; i < len(pix); i += 4 {
			if [4]uint8(pix[i:i+4]) == [4]uint8{255, 0, 255, 255} {
				return len(w.Map.loading) == 0
			}
		}
		return false
	})
	if strings.Contains(w.status.Text, "could not be had") {
		t.Errorf("tiles beyond the package called failures: %q", w.status.Text)
	}
	if got := checkedBasemap(w); got != "Tile package (MBTiles, PMTiles)…" {
		t.Errorf("View > Basemap checks %q", got)
	}
	// A tile package that is not one is refused, and the basemap stays.
	if err := w.SetBasemap("/no/such.mbtiles"); err == nil || w.Map.Basemap() == nil {
		t.Errorf("a missing package: %v", err)
	}
	if err := w.SetBasemap("offline"); err != nil || w.Map.Basemap() != nil {
		t.Errorf("offline: %v", err)
	}
}

// checkedBasemap is the item View > Basemap checks.
func checkedBasemap(w *Window) string {
	for _, m := range w.MainMenu().Items {
		for _, it := range m.Items {
			if it.Label == "Basemap" {
				for _, c := range it.ChildMenu.Items {
					if c.Checked {
						return c.Label
					}
				}
			}
		}
	}
	return ""
}

// TestExportDialogBasemap exports from the dialog over tiles of which the
// server has only some: the picture is saved, with the tiles it had, and
// the dialog says which could not be had, and why.
func TestExportDialogBasemap(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	w, p := openExportByShortcut(t)
	cyan := tilestest.Solid(t, color.RGBA{0, 255, 255, 255})
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		var z, x, y int
		if _, err := fmt.Sscanf(r.URL.Path, "/%d/%d/%d.png", &z, &x, &y); err != nil || x%2 == 1 {
			http.NotFound(rw, r) // every other column is missing
			return
		}
		_, _ = rw.Write(cyan)
	}))
	defer srv.Close()
	if err := w.SetBasemap(srv.URL + "/{z}/{x}/{y}.png"); err != nil {
		t.Fatal(err)
	}
	p.source = w.Map.SceneInput() // as a dialog opened now would
	dir := t.TempDir()
	p.Folder.SetText(dir)
	p.Format.SetSelected("PNG")
	p.FileName.SetText("tiles")
	p.Preset.SetSelected("1920 x 1080 (Full HD slide)")
	test.Tap(p.ExportButton)
	drainUntil(t, "the export", func() bool {
		return strings.HasPrefix(p.Status.Text, "Saved") || strings.HasPrefix(p.Status.Text, "Export failed")
	})
	// Which tiles, and why: the first is in an odd column.
	var z, x, y int
	i := strings.Index(p.Status.Text, "could not be had: ")
	if i < 0 || !strings.Contains(p.Status.Text, "404 Not Found") {
		t.Fatalf("status %q", p.Status.Text)
	}
	if _, err := fmt.Sscanf(p.Status.Text[i+len("could not be had: "):], "%d/%d/%d", &z, &x, &y); err != nil || x%2 != 1 {
		t.Errorf("the first tile named is %d/%d/%d (%v): %q", z, x, y, err, p.Status.Text)
	}
	if _, err := os.Stat(filepath.Join(dir, "tiles.png")); err != nil {
		t.Error(err)
	}
}

// TestWindowBoundaries draws a province file with the basemap from the
// window, checked in View > Basemap and remembered; "No boundaries" takes
// it off.
func TestWindowBoundaries(t *testing.T) {
	w, _ := newTestWindow(t)
	path := filepath.Join(t.TempDir(), "provinces.geojson")
	if err := os.WriteFile(path, []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"P"},"geometry":{"type":"Polygon","coordinates":[[[30,39],[32,39],[32,40.5],[30,40.5],[30,39]]]}}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	w.SetBoundaries(path)
	drainUntil(t, "the boundaries", func() bool { return len(w.Map.SceneInput().Boundaries) == 1 })
	if w.App.Preferences().String(prefBoundaries) != path || w.boundaries != path {
		t.Error("not remembered")
	}
	w.SetBoundaries("")
	if len(w.Map.SceneInput().Boundaries) != 0 {
		t.Error("No boundaries left them")
	}
}

// TestBasemapHiDPI asks for tiles a zoom higher on a screen of twice the
// pixels, so they are not scaled up.
func TestBasemapHiDPI(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	w, _ := newTestWindow(t)
	if err := w.SetBasemap("http://127.0.0.1:1/{z}/{x}/{y}.png"); err != nil {
		t.Fatal(err)
	}
	if z := w.Map.SceneInput().Tiles.Zoom(6.2); z != 6 {
		t.Errorf("zoom %d at a pixel ratio of 1", z)
	}
	w.Map.mu.Lock()
	w.Map.scale, w.Map.shownTiles = 2, nil // as a HiDPI screen's Resize sets them
	w.Map.mu.Unlock()
	if z := w.Map.SceneInput().Tiles.Zoom(6.2); z != 7 {
		t.Errorf("zoom %d at a pixel ratio of 2, want 7", z)
	}
}
