package app

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/lodemap/lodemap/geo/export"
	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/view"
)

// repeatedIDs writes a CSV whose 120 rows share 4 ids, each with a name
// and a place of its own.
func repeatedIDs(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("id,name,lon,lat\n")
	for i := range 120 {
		fmt.Fprintf(&b, "site-%d,Repeated %03d,%.4f,%.4f\n", i%4, i, 26+float64(i%12)*0.9, 36+float64(i/12)*0.6)
	}
	p := filepath.Join(t.TempDir(), "repeated.csv")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestClickedSiteIsItsOwnRecord adds the USGS extract (whose record ids
// repeat) and a file of deliberately repeated ids, clicks up to 1,000 of
// their sites at random, and checks that each click selects that site, the
// details panel shows its own name and position, and an export of the
// view highlights the same site.
func TestClickedSiteIsItsOwnRecord(t *testing.T) {
	usgs := filepath.Join("..", "..", "shared", "testdata", "usgs-mineral-sites.csv.gz")
	if _, err := os.Stat(usgs); err != nil {
		t.Skipf("the USGS extract is not beside the repository: %v", err)
	}
	w, _ := newTestWindow(t)
	for _, path := range []string{usgs, repeatedIDs(t)} {
		ld := w.AddLayerFile(path)
		drainUntil(t, "the load of "+path, ld.Done)
		// Repeated ids are reported once, with a count; the user closes
		// the report.
		if !strings.Contains(w.status.Text, "repeated ids") {
			t.Errorf("after loading %s: %q", filepath.Base(path), w.status.Text)
		}
		for o := w.Canvas().Overlays().Top(); o != nil; o = w.Canvas().Overlays().Top() {
			t.Logf("report: %s", strings.SplitN(texts(o), "\n", 3)[:2])
			w.Canvas().Overlays().Remove(o)
		}
	}
	layers := w.Map.Layers()
	added := layers[len(layers)-2:]
	rng := rand.New(rand.NewSource(8))
	clicks, picks := 0, 0
	for li, l := range added {
		budget := []int{880, 120}[li] // 1,000 clicks in all
		for _, i := range rng.Perm(l.Len())[:budget] {
			if clickSite(t, w, l, i) {
				picks++
			}
			clicks++
		}
	}
	t.Logf("%d sites clicked, %d of them picked from the list of sites under the pointer", clicks, picks)
}

// clickSite centres the map on feature i of l, clicks it, picks it from
// the list of sites under the pointer when it shares the spot with others
// (and says so), and checks what the user sees.
func clickSite(t *testing.T, w *Window, l *layer.Layer, i int) (picked bool) {
	t.Helper()
	w.Map.SetView(view.New(l.LonLat[i], 15, 0, 0))
	waitFrame(t, w.Map)
	x, y := w.Map.View().ToPixel(l.LonLat[i])
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(w.Map)
	test.TapCanvas(w.Canvas(), fyne.NewPos(abs.X+float32(x), abs.Y+float32(y)))
	want := l.Site(i)
	if under := w.Details.under; len(under) > 1 {
		for k, r := range under {
			if r.Site() == want {
				w.Details.pick.Select(k)
				picked = true
			}
		}
		if !picked {
			t.Fatalf("%s (%s) is not in the list of the %d sites under the pointer", l.Names[i], l.IDs[i], len(under))
		}
	}
	if got := w.Map.Selected(); got != want {
		t.Fatalf("clicking %s (%s) selected %v, want %v", l.Names[i], l.IDs[i], got, want)
	}
	if got := w.Details.Feature(); got != want {
		t.Fatalf("the details panel shows %v, want %v", got, want)
	}
	shown := texts(w.Details)
	pos := fmt.Sprintf("%.4f, %.4f", l.LonLat[i][0], l.LonLat[i][1])
	if !strings.Contains(shown, l.Names[i]) || !strings.Contains(shown, pos) {
		t.Fatalf("details of %s (%s at %s) show:\n%s", l.Names[i], l.IDs[i], pos, shown)
	}
	size, _ := export.Pixels(800, 600, 96)
	s, err := export.Options{Size: size}.Scene(w.Map.SceneInput())
	if err != nil {
		t.Fatal(err)
	}
	if s.Highlight == nil || s.Highlight.Site != want {
		t.Fatalf("the export highlights %+v, want %v", s.Highlight, want)
	}
	return picked
}
