package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
)

// The window is laid out map-first: the layers and the filter on the left
// and the details on the right, each collapsible (toolbar buttons,
// LeftPanelShortcut and DetailsShortcut) and resizable by its divider.
// Whether each is open and where its divider sits are kept in the app's
// preferences, so the next run opens as this one closed. The details
// panel opens by itself when a site is picked.

// Preference keys of the panels.
const (
	prefLeftOpen    = "panels.left.open"
	prefLeftOffset  = "panels.left.offset"
	prefDetailsOpen = "panels.details.open"
	prefRightOffset = "panels.right.offset"
)

// Shortcuts that open and close the side panels.
var (
	// LeftPanelShortcut shows or hides the layers and filter (Ctrl+B, Cmd+B
	// on macOS).
	LeftPanelShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyB, Modifier: fyne.KeyModifierShortcutDefault}
	// DetailsShortcut shows or hides the details panel (Ctrl+I, Cmd+I).
	DetailsShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyI, Modifier: fyne.KeyModifierShortcutDefault}
)

// panels are the splits the side panels sit in.
type panels struct {
	main   *container.Split // the left panel | the rest
	right  *container.Split // the map | the details
	bottom *container.Split // the map | the attribute table
}

// layoutPanels puts left, centre and details in their splits, opened as
// the preferences say: by default the left panel at its narrowest and the
// details closed until a site is picked, so the map has the width.
func (w *Window) layoutPanels(left, centre, details fyne.CanvasObject) fyne.CanvasObject {
	prefs := w.App.Preferences()
	w.panels.right = container.NewHSplit(centre, details)
	w.panels.right.Offset = prefs.FloatWithFallback(prefRightOffset, 0.7)
	w.panels.main = container.NewHSplit(left, w.panels.right)
	w.panels.main.Offset = prefs.FloatWithFallback(prefLeftOffset, 0)
	if !prefs.BoolWithFallback(prefLeftOpen, true) {
		left.Hide()
	}
	if !prefs.BoolWithFallback(prefDetailsOpen, false) {
		details.Hide()
	}
	w.Canvas().AddShortcut(LeftPanelShortcut, func(fyne.Shortcut) { w.ToggleLeftPanel() })
	w.Canvas().AddShortcut(DetailsShortcut, func(fyne.Shortcut) { w.ToggleDetails() })
	return w.panels.main
}

// ToggleLeftPanel shows or hides the layers and the filter.
func (w *Window) ToggleLeftPanel() { toggle(w.panels.main, w.panels.main.Leading) }

// ToggleDetails shows or hides the details panel.
func (w *Window) ToggleDetails() { toggle(w.panels.right, w.panels.right.Trailing) }

// openDetails shows the details panel, if hidden. The map gives up width
// on its right, and its content stays where it was on screen: the site
// just clicked does not move from under the pointer.
func (w *Window) openDetails() {
	if w.panels.right.Trailing.Visible() {
		return
	}
	d := fyne.CurrentApp().Driver()
	x0, w0 := d.AbsolutePositionForObject(w.Map).X, w.Map.Size().Width
	if w.Canvas().Size().Width < narrowWindow && w.panels.main.Leading.Visible() {
		// A small window keeps half its width for the map: the layers
		// make way for the details.
		w.ToggleLeftPanel()
	}
	w.ToggleDetails()
	x1, w1 := d.AbsolutePositionForObject(w.Map).X, w.Map.Size().Width
	// The view keeps its centre on a resize: move it so that the map's
	// content stays where it was on screen.
	w.Map.KeepContent(float64(x0+w0/2-x1-w1/2), 0)
}

// narrowWindow is the width under which opening the details closes the
// layer panel.
const narrowWindow = 1000

func toggle(s *container.Split, o fyne.CanvasObject) {
	if o.Visible() {
		o.Hide()
	} else {
		o.Show()
	}
	s.Refresh()
}

// savePanels keeps the panels' state for the next run.
func (w *Window) savePanels() {
	prefs := w.App.Preferences()
	prefs.SetBool(prefLeftOpen, w.panels.main.Leading.Visible())
	prefs.SetFloat(prefLeftOffset, w.panels.main.Offset)
	prefs.SetBool(prefDetailsOpen, w.panels.right.Trailing.Visible())
	prefs.SetFloat(prefRightOffset, w.panels.right.Offset)
	prefs.SetBool(prefTableOpen, w.Table.Visible())
	prefs.SetFloat(prefTableOffset, w.panels.bottom.Offset)
}
