package app

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/lodemap/lodemap/data"
)

// settle runs the UI callbacks until at most want goroutines run, and says
// how many do.
func settle(want int) int {
	deadline := time.After(10 * time.Second)
	for {
		n := runtime.NumGoroutine()
		if n <= want {
			return n
		}
		select {
		case f := <-uiQueue:
			f()
		case <-time.After(20 * time.Millisecond):
		case <-deadline:
			return n
		}
	}
}

// TestWindowCloseEndsItsGoroutines opens the window, loads a large layer
// and opens the export dialog with its preview, then closes the window
// while the load runs: nothing it started is left behind.
func TestWindowCloseEndsItsGoroutines(t *testing.T) {
	a := test.NewTempApp(t)
	cat, err := data.Default()
	if err != nil {
		t.Fatal(err)
	}
	path := synthetic(t, 300_000)
	before := runtime.NumGoroutine()
	w := NewWindow(a, cat, cat.Home(800, 600), "")
	w.Resize(MinWindowSize)
	w.Show()
	waitFrame(t, w.Map)
	w.OpenExport()
	ld := w.AddLayerFile(path)
	if w.jobs.running() != 2 || w.Map.stop == nil { // the load and the search indexer
		t.Fatalf("%d jobs running (want the load and the indexer), render loop running %v", w.jobs.running(), w.Map.stop != nil)
	}
	w.Close()
	if n := settle(before); n > before {
		buf := make([]byte, 1<<20)
		t.Fatalf("%d goroutines after closing the window, %d before:\n%s", n, before, buf[:runtime.Stack(buf, true)])
	}
	drainUntil(t, "the load to end", ld.Done)
	if !strings.Contains(w.status.Text, "stopped") && !strings.Contains(w.status.Text, "not loaded") {
		t.Errorf("the load ran on after the window closed: %q", w.status.Text)
	}
	if w.Map.stop != nil || w.jobs.running() != 0 || w.Export.jobs.running() != 0 {
		t.Error("the window's work was not cancelled")
	}
}

// TestMapRendererDestroyEndsRenderLoop checks that the map's render loop
// belongs to its renderer: destroyed, the loop ends; made again, it runs.
func TestMapRendererDestroyEndsRenderLoop(t *testing.T) {
	w, _ := newTestWindow(t)
	before := runtime.NumGoroutine()
	test.WidgetRenderer(w.Map).Destroy()
	if n := settle(before - 1); n != before-1 {
		t.Errorf("%d goroutines after the renderer was destroyed, want %d", n, before-1)
	}
	w.Map.CreateRenderer()
	w.Map.ZoomBy(1)
	waitFrame(t, w.Map)
}

// TestExportPreviewReplacesThePrevious types into the export dialog: each
// keystroke's preview cancels the one before, so at most one is drawn.
func TestExportPreviewReplacesThePrevious(t *testing.T) {
	_, p := openExportByShortcut(t)
	for i := range 20 {
		test.Type(p.Title, fmt.Sprint(i%10))
		if n := p.jobs.running(); n > 1 {
			t.Fatalf("%d previews running after keystroke %d", n, i)
		}
	}
	drainUntil(t, "the last preview", func() bool { return p.jobs.running() == 0 })
	p.Close()
	p.update()
	if p.jobs.running() != 0 {
		t.Error("a preview started after the dialog closed")
	}
}
