package app

import (
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/lodemap/lodemap/geo/render"
	"github.com/lodemap/lodemap/geo/style"
)

// markerOf finds a site's marker in the scene the map would draw now.
func markerOf(t *testing.T, w *Window, id string) (render.Marker, bool) {
	t.Helper()
	s, err := render.Build(w.Map.SceneInput())
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range s.Groups {
		for _, m := range g.Markers {
			if m.ID == id {
				return m, true
			}
		}
	}
	return render.Marker{}, false
}

// TestTimeBar drags and plays the time slider: the map shows the sites
// known by the date, each styled by its status then, and closing the bar
// shows them as they are now.
func TestTimeBar(t *testing.T) {
	w, _ := newTestWindow(t)
	w.Map.ZoomBy(-1.5) // Hungary too
	w.ToggleTime()
	drainUntil(t, "the dates", func() bool { return len(w.Time.months) > 0 && w.Map.Filter() != nil })
	if w.Time.At() != w.Time.months[len(w.Time.months)-1] {
		t.Errorf("the slider opens at %s, want the last month", w.Time.At())
	}
	// Drag the slider to September 2024: BYD's Manisa plant was agreed in
	// July 2024 and its earthworks began in 2025.
	i := slices.Index(w.Time.months, "2024-09")
	w.Time.slider.SetValue(float64(i))
	drainUntil(t, "September 2024", func() bool { return w.Map.SceneInput().AsOf == "As of Sep 2024" })
	if m, ok := markerOf(t, w, "tr-manisa-byd"); !ok || m.Status != "announced" || m.Style.Fill != style.Hollow {
		t.Errorf("BYD Manisa in Sep 2024: shown %v, status %q, fill %v; want announced, hollow", ok, m.Status, m.Style.Fill)
	}
	// BYD's Szeged plant was announced in December 2023 and is
	// commissioning now.
	if m, ok := markerOf(t, w, "hu-szeged-byd"); !ok || m.Status != "announced" {
		t.Errorf("BYD Szeged in Sep 2024: shown %v, status %q; want announced", ok, m.Status)
	}
	// A drag to the far left: 1927, before nearly everything.
	w.Content().Refresh() // the test canvas lays out a shown widget only when asked
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(w.Time.slider)
	sz := w.Time.slider.Size()
	// (The test driver's drag event is at where the drag began.)
	test.Drag(w.Canvas(), at.Add(fyne.NewPos(2, sz.Height/2)), -1, 0)
	drainUntil(t, "the first month", func() bool { return w.Time.At() == w.Time.months[0] && w.Map.SceneInput().AsOf == "As of Jan 1927" })
	if _, ok := markerOf(t, w, "tr-beylikova-ree-deposit"); ok {
		t.Error("the Beylikova deposit is shown in 1927")
	}
	// Play steps month by month with news, to the last, and stops.
	w.Time.every = time.Millisecond
	test.Tap(w.Time.play)
	if !w.Time.Playing() {
		t.Fatal("play did not start")
	}
	drainUntil(t, "play to end", func() bool { return !w.Time.Playing() })
	if last := w.Time.months[len(w.Time.months)-1]; w.Time.At() != last {
		t.Errorf("play stopped at %s, want %s", w.Time.At(), last)
	}
	// Closing the bar shows the map as it is now.
	w.ToggleTime()
	drainUntil(t, "now", func() bool { return w.Map.SceneInput().AsOf == "" && w.Map.Filter() == nil })
	if m, ok := markerOf(t, w, "tr-manisa-byd"); !ok || m.Status != "under_construction" {
		t.Errorf("BYD Manisa now: shown %v, status %q", ok, m.Status)
	}
}
