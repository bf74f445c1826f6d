package app

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"github.com/paulmach/orb"

	"github.com/lodemap/lodemap/geo/render"
)

// The measure tool: while it is on, each click on the map adds a point to
// a path (a click on a site takes the site's own position), drawn along
// great circles with its length in km and mi, on the map and in exports.
// Backspace takes the last point off; Escape ends the tool and clears the
// path.

// SetMeasuring turns the measure tool on or off; off clears the path.
func (m *MapView) SetMeasuring(on bool) {
	m.mu.Lock()
	m.measuring = on
	if !on {
		m.measure = nil
	}
	m.mu.Unlock()
	m.measured()
}

// Measuring reports whether the measure tool is on.
func (m *MapView) Measuring() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.measuring
}

// MeasurePath is the measured path, lon/lat.
func (m *MapView) MeasurePath() []orb.Point {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.measure)
}

// AddMeasurePoint adds a lon/lat point to the path.
func (m *MapView) AddMeasurePoint(p orb.Point) {
	m.mu.Lock()
	m.measure = append(m.measure, p)
	m.mu.Unlock()
	m.measured()
}

// UndoMeasurePoint takes the last point off the path.
func (m *MapView) UndoMeasurePoint() {
	m.mu.Lock()
	if n := len(m.measure); n > 0 {
		m.measure = m.measure[:n-1]
	}
	m.mu.Unlock()
	m.measured()
}

// measureAt adds the point under a click: the position of the site
// there, if any, so that a distance between sites is exact.
func (m *MapView) measureAt(at fyne.Position) {
	if under := m.FeaturesAt(at); len(under) > 0 && under[0].Layer.Located(under[0].Index) {
		m.AddMeasurePoint(under[0].Layer.LonLat[under[0].Index])
		return
	}
	m.AddMeasurePoint(m.View().ToLonLat(float64(at.X), float64(at.Y)))
}

// measureKey handles the measure tool's keys, and reports whether it did.
func (m *MapView) measureKey(k fyne.KeyName) bool {
	if !m.Measuring() {
		return false
	}
	switch k {
	case fyne.KeyBackspace, fyne.KeyDelete:
		m.UndoMeasurePoint()
	case fyne.KeyEscape:
		m.SetMeasuring(false)
	default:
		return false
	}
	return true
}

// measured redraws the path and tells OnMeasure.
func (m *MapView) measured() {
	m.requestRender()
	if m.OnMeasure != nil {
		m.OnMeasure(m.MeasurePath())
	}
}

// rulerIcon is the measure tool's toolbar icon, drawn in the theme's
// foreground colour.
var rulerIcon = theme.NewThemedResource(fyne.NewStaticResource("ruler.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#000" d="M2.6 15.4 15.4 2.6a1.4 1.4 0 0 1 2 0l4 4a1.4 1.4 0 0 1 0 2L8.6 21.4a1.4 1.4 0 0 1-2 0l-4-4a1.4 1.4 0 0 1 0-2zm3.3-.5 1.5 1.5 1-1-1.5-1.5 1.1-1.1 2.5 2.5 1-1-2.5-2.5 1.1-1.1 1.5 1.5 1-1-1.5-1.5 1.1-1.1 2.5 2.5 1-1-2.5-2.5 1.1-1.1 1.5 1.5 1-1L16.4 5 4.9 16.4z"/></svg>`)))

// MeasureShortcut turns the measure tool on or off (Ctrl+M, Cmd+M).
var MeasureShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyM, Modifier: fyne.KeyModifierShortcutDefault}

// ToggleMeasure turns the measure tool on, or off (clearing the path).
func (w *Window) ToggleMeasure() {
	w.Map.SetMeasuring(!w.Map.Measuring())
	if w.Map.Measuring() {
		w.Map.focus() // Backspace and Escape go to the map
	}
}

// showMeasure says on the status line what the measure tool has measured.
func (w *Window) showMeasure(path []orb.Point) {
	switch {
	case !w.Map.Measuring():
		w.status.SetText("")
	case len(path) == 0:
		w.status.SetText("Measure: click the map to add points (a site: its position); Backspace takes one off, Esc ends")
	default:
		w.status.SetText(fmt.Sprintf("Measure: %s over %d points", render.DistanceText(render.PathLength(path)), len(path)))
	}
}
