package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
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
