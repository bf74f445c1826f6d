package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

func synthetic(t *testing.T, n int) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "generated.geojson")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := data.WriteSynthetic(f, n, 7); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestAddLayerFileAndClusters(t *testing.T) {
	w, _ := newTestWindow(t)
	path := synthetic(t, 40_000)
	ld := w.AddLayerFile(path)
	if len(w.loads.Objects) != 1 {
		t.Fatal("no progress row while loading")
	}
	drainUntil(t, "the load", ld.Done)
	waitFrame(t, w.Map)
	if len(w.loads.Objects) != 0 {
		t.Error("progress row left after loading")
	}
	c := w.Layers.Check("generated")
	if c == nil || c.Text != "Generated sites (40000)" || !c.Checked {
		t.Fatalf("layer panel: %+v", c)
	}
	if !strings.Contains(w.status.Text, "generated.geojson: 40000 sites") {
		t.Errorf("status %q", w.status.Text)
	}
	if d, ok := w.cat.Details(layer.Site{Layer: "generated", Index: 5}); !ok || d.Operator != "Operator 5" {
		t.Errorf("details of an added site: %+v", d)
	}
	// Zoomed out, 40,000 sites are drawn as clusters; a click on one zooms in.
	w.Map.SetView(view.New(orb.Point{0, 20}, 2, 0, 0))
	waitFrame(t, w.Map)
	w.Map.mu.Lock()
	s := w.Map.scene
	w.Map.mu.Unlock()
	var clusters int
	for _, g := range s.Groups {
		clusters += len(g.Clusters)
	}
	if clusters == 0 {
		t.Fatal("no clusters at zoom 2")
	}
	cl := s.Groups[len(s.Groups)-1].Clusters[0]
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(w.Map)
	test.MoveMouse(w.Canvas(), fyne.NewPos(abs.X+float32(cl.X), abs.Y+float32(cl.Y)))
	r := test.WidgetRenderer(w.Map).(*mapRenderer)
	if want := fmt.Sprintf("%d sites: click to zoom in", cl.Count); r.tipText.Text != want || !r.tipText.Visible() || w.Map.Cursor() != desktop.PointerCursor {
		t.Errorf("tooltip over a cluster %q, want %q", r.tipText.Text, want)
	}
	before := w.Map.View().Zoom
	test.TapCanvas(w.Canvas(), fyne.NewPos(abs.X+float32(cl.X), abs.Y+float32(cl.Y)))
	waitFrame(t, w.Map)
	if z := w.Map.View().Zoom; z != before+clusterZoomStep {
		t.Errorf("zoom %g after clicking a cluster at %g", z, before)
	}
	if idOf(w, w.Map.Selected()) != "" {
		t.Errorf("a cluster click selected %q", idOf(w, w.Map.Selected()))
	}
}

func TestAddLayerFileCancel(t *testing.T) {
	w, _ := newTestWindow(t)
	path := synthetic(t, 200_000)
	ld := w.AddLayerFile(path)
	test.Tap(ld.Cancel)
	drainUntil(t, "the cancelled load", ld.Done)
	if !strings.Contains(w.status.Text, "stopped") && !strings.Contains(w.status.Text, "not loaded") {
		t.Errorf("status after cancel: %q", w.status.Text)
	}
	for _, l := range w.Map.Layers() {
		if l.ID == "generated" && l.Len() == 200_000 {
			t.Error("the whole file loaded despite Cancel")
		}
	}
}

func TestAddLayerBrokenFile(t *testing.T) {
	w, _ := newTestWindow(t)
	p := filepath.Join(t.TempDir(), "sites.csv")
	if err := os.WriteFile(p, []byte("lon,lat,name\n31,39,A\nx,1,B\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ld := w.AddLayerFile(p)
	drainUntil(t, "the load", ld.Done)
	if c := w.Layers.Check("sites"); c == nil || c.Text != "Sites (1)" { // titled by the file's name
		t.Errorf("the good row was not kept: %+v", c)
	}
	if !strings.Contains(w.status.Text, "1 site in") || !strings.Contains(w.status.Text, "1 problem") || strings.Contains(w.status.Text, "1 problems") {
		t.Errorf("status %q", w.status.Text)
	}
}

// TestSelectInFileStillLoading opens the window to select a feature of a
// layer file given with it (--add), which holds it only once loaded.
func TestSelectInFileStillLoading(t *testing.T) {
	tests := []struct {
		name, id   string
		want       string // the selected feature's id
		wantStatus string
	}{
		{"in the file", "site-b", "site-b", "2 sites in"},
		{"nowhere", "site-z", "", `no layer has a feature with the id "site-z" to select`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := test.NewTempApp(t)
			cat, err := data.Default()
			if err != nil {
				t.Fatal(err)
			}
			w := NewWindow(a, cat, cat.Home(800, 600), tt.id)
			t.Cleanup(w.Close)
			p := filepath.Join(t.TempDir(), "sites.csv")
			if err := os.WriteFile(p, []byte("id,lon,lat,name\nsite-a,31,39,A\nsite-b,32,40,B\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			drainUntil(t, "the load", w.AddLayerFile(p).Done)
			got := ""
			if sel := w.Map.Selected(); !sel.IsZero() {
				if r, ok := cat.FindID(tt.want); ok && r.Layer.ID == sel.Layer && r.Index == sel.Index {
					got = tt.want
				} else {
					got = fmt.Sprintf("%v", sel)
				}
			}
			if got != tt.want {
				t.Errorf("selected %q, want %q", got, tt.want)
			}
			if !strings.Contains(w.status.Text, tt.wantStatus) {
				t.Errorf("status %q, want it to say %q", w.status.Text, tt.wantStatus)
			}
		})
	}
}
