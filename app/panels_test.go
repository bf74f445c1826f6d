package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/lodemap/lodemap/data"
)

// TestMapFirstLayout opens the window at 1280x800: the map has at least
// 65% of the width; a click on a site opens the details beside it, and the
// site stays under the pointer.
func TestMapFirstLayout(t *testing.T) {
	w, cat := newTestWindow(t)
	if got, least := w.Map.Size().Width, 0.65*MinWindowSize.Width; got < least {
		t.Errorf("the map is %.0f px wide of %.0f, want at least %.0f", got, MinWindowSize.Width, least)
	}
	if w.Details.Visible() {
		t.Error("the details panel is open before anything is picked")
	}
	p := featurePos(t, w, cat, "tr-manisa-byd")
	test.TapCanvas(w.Canvas(), p)
	if !w.Details.Visible() {
		t.Fatal("picking a site did not open the details")
	}
	if q := featurePos(t, w, cat, "tr-manisa-byd"); abs(q.X-p.X) > 1 || abs(q.Y-p.Y) > 1 {
		t.Errorf("the site moved from %v to %v as the details opened", p, q)
	}
}

func abs(x float32) float32 { return max(x, -x) }

// TestPanelsCollapseAndAreRemembered hides the left panel and opens the
// details by their shortcuts, then opens a new window of the same app: it
// comes back as the first was left.
func TestPanelsCollapseAndAreRemembered(t *testing.T) {
	a := test.NewTempApp(t)
	cat, err := data.Default()
	if err != nil {
		t.Fatal(err)
	}
	open := func() *Window {
		w := NewWindow(a, cat, cat.Home(800, 600), "")
		w.Resize(MinWindowSize)
		w.Show()
		return w
	}
	w := open()
	before := w.Map.Size().Width
	sc := w.Canvas().(fyne.Shortcutable)
	sc.TypedShortcut(LeftPanelShortcut)
	if w.panels.main.Leading.Visible() {
		t.Error("Ctrl+B did not hide the layers and filter")
	}
	if w.Map.Size().Width <= before {
		t.Errorf("the map is %.0f px wide, no wider than %.0f", w.Map.Size().Width, before)
	}
	sc.TypedShortcut(DetailsShortcut)
	if !w.Details.Visible() {
		t.Error("Ctrl+I did not open the details")
	}
	w.panels.right.SetOffset(0.6)
	w.Close()

	w = open()
	t.Cleanup(w.Close)
	if w.panels.main.Leading.Visible() || !w.Details.Visible() || w.panels.right.Offset != 0.6 {
		t.Errorf("the new window's panels: left shown %v, details shown %v, divider at %.2f; want as left: hidden, shown, 0.60",
			w.panels.main.Leading.Visible(), w.Details.Visible(), w.panels.right.Offset)
	}
	w.ToggleLeftPanel()
	if !w.panels.main.Leading.Visible() {
		t.Error("the menu button did not bring the layers back")
	}
}
