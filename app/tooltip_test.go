package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestTooltipGoesWhenTheMapMoves hovers a site, then moves the map under
// the pointer by each way a user can: the tooltip goes.
func TestTooltipGoesWhenTheMapMoves(t *testing.T) {
	moves := []struct {
		name string
		move func(w *Window)
	}{
		{"zoom", func(w *Window) { w.Map.ZoomBy(1) }},
		{"pan", func(w *Window) { w.Map.PanBy(40, 0) }},
		{"home", func(w *Window) { w.Map.ZoomBy(1); w.Map.Home() }},
		{"arrow key", func(w *Window) { w.Map.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft}) }},
	}
	for _, tt := range moves {
		t.Run(tt.name, func(t *testing.T) {
			w, cat := newTestWindow(t)
			abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(w.Map)
			p := featurePos(t, w, cat, "tr-manisa-byd").Subtract(abs)
			w.Map.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}})
			if w.Map.hoverTip == "" {
				t.Fatal("no tooltip over the BYD plant")
			}
			tt.move(w)
			if w.Map.hoverTip != "" || !w.Map.Hovered().IsZero() {
				t.Errorf("tooltip %q stays after the map moved", w.Map.hoverTip)
			}
		})
	}
}

// TestPickListStartsWithMostQuoted clicks where the Beylikova sites share
// a point: the site the articles quote most comes first, then the others
// by how much they are quoted.
func TestPickListStartsWithMostQuoted(t *testing.T) {
	w, cat := newTestWindow(t)
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(w.Map)
	under := w.Map.FeaturesAt(featurePos(t, w, cat, deposit).Subtract(abs))
	if len(under) < 3 {
		t.Fatalf("%d sites under the pointer, want the 3 Beylikova sites", len(under))
	}
	for i := 1; i < len(under); i++ {
		a, b := len(cat.Excerpts(under[i-1].Layer.Site(under[i-1].Index))), len(cat.Excerpts(under[i].Layer.Site(under[i].Index)))
		if a < b {
			t.Errorf("%s (%d excerpts) comes before %s (%d)", under[i-1].ID(), a, under[i].ID(), b)
		}
	}
}

// TestDetailsGivePositionOnce adds a table whose position is in lon and
// lat columns: the details give the position once, not again as Lon and
// Lat.
func TestDetailsGivePositionOnce(t *testing.T) {
	w, _ := newTestWindow(t)
	addFile(t, w, "mines.csv", "id,name,lon,lat,owner\nm1,Kestanelik,26.93,40.28,Acme\n")
	l := w.Map.Layers()[len(w.Map.Layers())-1]
	w.Details.SetFeature(l.Site(0), nil)
	shown := texts(w.Details)
	for _, line := range strings.Split(shown, "\n") {
		switch strings.TrimSpace(line) {
		case "Lon", "Lat", "26.93", "40.28":
			t.Errorf("details give the position again: %q", line)
		}
	}
	if !strings.Contains(shown, "26.9300, 40.2800 (lon, lat)") || !strings.Contains(shown, "Acme") {
		t.Errorf("the position or the owner is missing:\n%s", shown)
	}
}

// TestToolbarTooltips rests the pointer on each toolbar button: each says
// what it does, and the tip goes when the pointer leaves.
func TestToolbarTooltips(t *testing.T) {
	w, _ := newTestWindow(t)
	var buttons []*tipButton
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if b, ok := o.(*tipButton); ok {
			buttons = append(buttons, b)
		}
		switch o := o.(type) {
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
		case *container.Split, *widget.Toolbar:
			for _, c := range test.WidgetRenderer(o.(fyne.Widget)).Objects() {
				walk(c)
			}
		}
	}
	walk(w.Canvas().Content())
	if len(buttons) < 6 {
		t.Fatalf("%d toolbar buttons with tooltips, want 6", len(buttons))
	}
	for _, b := range buttons {
		b.MouseIn(&desktop.MouseEvent{})
		if w.tips.Text() != b.tip || b.tip == "" {
			t.Errorf("the %s button says %q", b.Icon.Name(), w.tips.Text())
		}
		b.MouseOut()
		if w.tips.Text() != "" {
			t.Errorf("the %s button's tip stays", b.Icon.Name())
		}
	}
}
