package app

import (
	"runtime"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

// heapAfterGC is the live heap once the collector has run.
func heapAfterGC() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestAddRemoveLayersFreesMemory loads and removes 20 layers of 100,000
// sites, drawing the world with each as clusters: the heap after GC comes
// back to within 10% of where it started (after one load and removal that
// warms what every frame uses: basemap, sprites, the tiles of the view).
func TestAddRemoveLayersFreesMemory(t *testing.T) {
	w, _ := newTestWindow(t)
	path := synthetic(t, 100_000)
	w.Map.SetView(view.New(orb.Point{10, 20}, 2.5, 0, 0))
	waitFrame(t, w.Map)
	cycle := func() {
		ld := w.AddLayerFile(path)
		drainUntil(t, "the load", ld.Done)
		waitFrame(t, w.Map)
		layers := w.Map.Layers()
		id := layers[len(layers)-1].ID
		// The user takes it off with the layer's remove button.
		if rm := removeButton(w.Layers, id); rm == nil {
			t.Fatalf("no remove button for %s", id)
		} else {
			test.Tap(rm)
		}
		drainUntil(t, "the search index", w.indexer.idle)
		if len(w.Map.Layers()) != len(layers)-1 || w.cat.Added(id) || w.Layers.Check(id) != nil {
			t.Fatalf("layer %s not removed everywhere", id)
		}
		waitFrame(t, w.Map)
	}
	cycle()
	before := heapAfterGC()

	for range 20 {
		cycle()
	}
	after := heapAfterGC()
	t.Logf("heap %.1f MB before, %.1f MB after 20 layers of 100,000 sites came and went", float64(before)/1e6, float64(after)/1e6)
	if float64(after) > 1.1*float64(before) {
		t.Errorf("the heap grew from %.1f MB to %.1f MB", float64(before)/1e6, float64(after)/1e6)
	}
}

// removeButton finds the remove button of a layer's row.
func removeButton(p *LayerPanel, id string) *widget.Button {
	r, ok := p.rows[id]
	if !ok {
		return nil
	}
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Button:
			found = v
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		}
	}
	walk(r.box)
	return found
}
