package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestSmallWindow checks an 800x600 window: everything fits, the map
// keeps half the width with a site's details open, and no toolbar button,
// layer name or status line is cut off.
func TestSmallWindow(t *testing.T) {
	w, cat := newTestWindow(t)
	size := fyne.NewSize(800, 600)
	if min := w.Content().MinSize(); min.Width > size.Width || min.Height > size.Height {
		t.Fatalf("the window cannot be %v: its content needs %v", size, min)
	}
	w.Resize(size)
	d := fyne.CurrentApp().Driver()
	inside := func(name string, o fyne.CanvasObject) {
		t.Helper()
		at, s := d.AbsolutePositionForObject(o), o.Size()
		if at.X < 0 || at.Y < 0 || at.X+s.Width > size.Width+0.5 || at.Y+s.Height > size.Height+0.5 {
			t.Errorf("%s at %v, %v: outside the window", name, at, s)
		}
		if m := o.MinSize(); s.Width+0.5 < m.Width || s.Height+0.5 < m.Height {
			t.Errorf("%s is %v, less than it needs (%v): cut off", name, s, m)
		}
	}
	inside("search box", w.Search)
	inside("status", w.coords)
	for _, l := range cat.Layers {
		inside("layer "+l.Title, w.Layers.Check(l.ID))
	}
	test.TapCanvas(w.Canvas(), featurePos(t, w, cat, "tr-manisa-byd"))
	if !w.Details.Visible() && !w.panels.right.Trailing.Visible() {
		t.Fatal("the details did not open")
	}
	if mw := w.Map.Size().Width; mw < size.Width/2 {
		t.Errorf("the map is %.0f px wide with the details open, under half of %.0f", mw, size.Width)
	}
	inside("details", w.Details)
}
