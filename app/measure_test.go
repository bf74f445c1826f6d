package app

import (
	"math"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"

	"github.com/lodemap/lodemap/geo/render"
)

// TestMeasureTool measures from the Beylikova deposit to BYD's Manisa
// plant by clicking them: a click on a site takes its position, so the
// distance is the great circle's between them; it is on the status line
// and in exports; Backspace takes a point off and Escape ends the tool.
func TestMeasureTool(t *testing.T) {
	w, cat := newTestWindow(t)
	w.ToggleMeasure()
	if !w.Map.Measuring() {
		t.Fatal("the tool did not start")
	}
	test.TapCanvas(w.Canvas(), featurePos(t, w, cat, "tr-beylikova-ree-deposit"))
	test.TapCanvas(w.Canvas(), featurePos(t, w, cat, "tr-manisa-byd"))
	if !w.Map.Selected().IsZero() {
		t.Error("a click while measuring selected a site")
	}
	path := w.Map.MeasurePath()
	bey, _ := cat.Feature("tr-beylikova-ree-deposit")
	man, _ := cat.Feature("tr-manisa-byd")
	want := []orb.Point{bey.Layer.LonLat[bey.Index], man.Layer.LonLat[man.Index]}
	if !slices.Equal(path, want) {
		t.Fatalf("path %v, want the two sites' positions %v", path, want)
	}
	km := render.PathLength(path) / 1000
	if gc := geo.DistanceHaversine(want[0], want[1]) / 1000; math.Abs(km-gc) > 1e-6 || km < 360 || km > 375 {
		t.Errorf("%.3f km, want %.3f", km, gc)
	}
	if !strings.Contains(w.status.Text, render.DistanceText(km*1000)) {
		t.Errorf("status %q", w.status.Text)
	}
	in := w.Map.SceneInput()
	s, err := render.Build(in)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(s.Overlays, func(o render.Overlay) bool { return o.Name == "measure" }) {
		t.Error("an export would not show the measure")
	}
	// A click on empty map adds that point; Backspace takes it off.
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(w.Map)
	test.TapCanvas(w.Canvas(), at.Add(fyne.NewPos(40, 60)))
	if n := len(w.Map.MeasurePath()); n != 3 {
		t.Errorf("%d points after a click on the sea", n)
	}
	pressKey(w.Canvas(), fyne.KeyBackspace)
	if n := len(w.Map.MeasurePath()); n != 2 {
		t.Errorf("%d points after Backspace", n)
	}
	pressKey(w.Canvas(), fyne.KeyEscape)
	if w.Map.Measuring() || len(w.Map.MeasurePath()) != 0 {
		t.Error("Escape did not end the tool")
	}
}

// TestKeysAfterCheckBox checks the arrow keys and + pan and zoom the map
// after a click on a layer's box, as before anything is clicked.
func TestKeysAfterCheckBox(t *testing.T) {
	w, _ := newTestWindow(t)
	box := w.Layers.Check("processing")
	test.Tap(box)
	test.Tap(box) // on again
	before := w.Map.View()
	pressKey(w.Canvas(), fyne.KeyRight)
	if w.Map.View().Center == before.Center {
		t.Errorf("the right arrow did not pan the map after a click on a box (focused: %T)", w.Canvas().Focused())
	}
	z := w.Map.View().Zoom
	if f := w.Canvas().Focused(); f != nil {
		f.TypedRune('+')
	} else {
		w.Canvas().OnTypedRune()('+')
	}
	if w.Map.View().Zoom <= z {
		t.Error("+ did not zoom in")
	}
}
