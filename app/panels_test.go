package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/geo/render"
	"github.com/lodemap/lodemap/geo/style"
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
	if q := featurePos(t, w, cat, "tr-manisa-byd"); abs32(q.X-p.X) > 1 || abs32(q.Y-p.Y) > 1 {
		t.Errorf("the site moved from %v to %v as the details opened", p, q)
	}
}

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

// TestLayerKeyOnBothThemes checks that every swatch of the layer panel
// lies on a tile of the map's land colour (a black star would vanish on
// the dark panel), and that a hidden layer's key is greyed until it is
// shown again.
func TestLayerKeyOnBothThemes(t *testing.T) {
	w, _ := newTestWindow(t)
	r := w.Layers.rows["processing"]
	if len(r.entries) == 0 || len(r.keys.Objects) != len(r.entries) {
		t.Fatalf("%d key rows shown for %d entries", len(r.keys.Objects), len(r.entries))
	}
	greyed := func() (n int) {
		for _, e := range r.entries {
			if e.tile.FillColor != style.Land {
				t.Errorf("a swatch lies on %v, not the land colour", e.tile.FillColor)
			}
			if e.img.Translucency > 0 && e.label.Importance == widget.LowImportance {
				n++
			}
		}
		return n
	}
	if n := greyed(); n != 0 {
		t.Errorf("%d rows greyed while the layer is shown", n)
	}
	test.Tap(r.check)
	if n := greyed(); n != len(r.keys.Objects) {
		t.Errorf("%d of %d rows greyed once the layer is hidden", n, len(r.keys.Objects))
	}
	test.Tap(r.check)
	if n := greyed(); n != 0 {
		t.Errorf("%d rows still greyed once shown again", n)
	}
}

// TestStartViewLabelsTheDeposit builds the start view's scene: the
// Beylikova deposit, which shares its point with two plants, is labelled.
func TestStartViewLabelsTheDeposit(t *testing.T) {
	w, cat := newTestWindow(t)
	s, err := render.Build(w.Map.SceneInput())
	if err != nil {
		t.Fatal(err)
	}
	r, _ := cat.Feature(deposit)
	want := render.ShortLabel(r.Layer.Names[r.Index])
	for _, l := range s.Labels {
		if l.Text == want {
			return
		}
	}
	t.Errorf("no label %q at the start view among %v", want, s.Labels)
}

// TestSpiderfyBeylikova clicks where the three Beylikova sites share a
// point: they fan out, each with its own marker, and each can be picked;
// moving the map closes the fan.
func TestSpiderfyBeylikova(t *testing.T) {
	w, cat := newTestWindow(t)
	test.TapCanvas(w.Canvas(), featurePos(t, w, cat, deposit))
	sp := w.Map.Spider()
	if sp == nil || len(sp.Sites) != 3 {
		t.Fatalf("fanned out %v, want the 3 Beylikova sites", sp)
	}
	s, err := render.Build(w.Map.SceneInput())
	if err != nil {
		t.Fatal(err)
	}
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(w.Map)
	for k, site := range sp.Sites {
		r, _ := cat.Ref(site)
		p := featurePos(t, w, cat, r.ID())
		dx, dy := render.SpiderSpot(k, len(sp.Sites))
		spot := fyne.NewPos(p.X+float32(dx), p.Y+float32(dy))
		drawn := false
		for _, g := range s.Groups {
			for _, m := range g.Markers {
				drawn = drawn || (m.Site == site && abs32(float32(m.X)-(spot.X-abs.X)) < 1 && abs32(float32(m.Y)-(spot.Y-abs.Y)) < 1)
			}
		}
		if !drawn {
			t.Errorf("%s is not drawn at its spot in the fan", r.ID())
		}
		test.TapCanvas(w.Canvas(), spot)
		if got := w.Map.Selected(); got != site {
			t.Errorf("tapping %s's spot selected %v", r.ID(), got)
		}
		if w.Map.Spider() == nil {
			t.Fatal("picking a fanned site closed the fan")
		}
	}
	w.Map.PanBy(10, 0)
	if w.Map.Spider() != nil {
		t.Error("the fan stays open after the map moved")
	}
}
