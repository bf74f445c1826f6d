package app

import (
	"fmt"
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/geo/export"
	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/view"
)

// MinWindowSize is the size the main window opens at.
var MinWindowSize = fyne.NewSize(1280, 800)

// Window is Lodemap's main window: layer panel, map and details panel.
type Window struct {
	fyne.Window
	App     fyne.App
	Map     *MapView
	Layers  *LayerPanel
	Details *DetailsPanel
	// Export is the last export dialog opened, if any.
	Export  *ExportPanel
	status  *widget.Label
	loads   *fyne.Container       // rows of layers loading in the background
	jobs    jobs                  // layer loads; closing the window cancels them
	exports map[*ExportPanel]bool // the export dialogs open; closing the window cancels their work
	cat     *data.Catalog
	// openURL opens a checked link: the app's OpenURL, or a test's.
	openURL func(*url.URL) error
	// stylePanel is the style dialog opened last, for tests.
	stylePanel *StylePanel
	// toSelect is the id of the feature to select that no layer held
	// yet: a layer file loading may hold it.
	toSelect string
}

// NewWindow builds the main window for a catalog, opened at start with the
// feature selectID selected (when not "").
func NewWindow(a fyne.App, cat *data.Catalog, start view.Viewport, selectID string) *Window {
	w := &Window{Window: a.NewWindow("Lodemap"), App: a, cat: cat, openURL: a.OpenURL, exports: map[*ExportPanel]bool{}}
	w.Map = NewMapView(cat, start)
	w.Layers = NewLayerPanel(cat)
	w.Details = NewDetailsPanel(cat)
	w.status = widget.NewLabel("")

	w.Layers.OnToggle = w.Map.SetLayerVisible
	w.Layers.Removable = cat.Added
	w.Layers.OnRemove = w.RemoveLayer
	w.Layers.OnStyle = func(id string) { w.ShowStyleDialog(id) }
	w.defaultStyles(cat.Layers)
	w.Map.OnSelect = w.Details.SetFeature
	w.Details.OnPick = func(s layer.Site) {
		w.Map.Select(s)
		w.Details.SetFeature(s, w.Details.under)
	}
	w.Details.OnReadArticle = func(e *data.Excerpt) { openArticle(a, e) }
	w.Details.OnOpenURL = func(u *url.URL) { w.OpenLink(u.String()) }
	w.Map.OnViewChanged = func(v view.Viewport) {
		w.status.SetText(fmt.Sprintf("Zoom %.1f · centre %.4f, %.4f", v.Zoom, v.Center[0], v.Center[1]))
	}

	tools := widget.NewToolbar(
		widget.NewToolbarAction(theme.HomeIcon(), w.Map.Home),
		widget.NewToolbarAction(theme.ZoomInIcon(), func() { w.Map.ZoomBy(keyZoomStep) }),
		widget.NewToolbarAction(theme.ZoomOutIcon(), func() { w.Map.ZoomBy(-keyZoomStep) }),
		widget.NewToolbarSeparator(),
		widget.NewToolbarAction(theme.DocumentSaveIcon(), w.OpenExport),
	)
	w.setMenu()
	w.loads = container.NewVBox()
	centre := container.NewBorder(tools, container.NewVBox(w.loads, w.status), nil, nil, w.Map)
	right := container.NewHSplit(centre, w.Details)
	right.Offset = 0.64
	main := container.NewHSplit(w.Layers, right)
	main.Offset = 0.17
	w.SetContent(main)
	w.Resize(MinWindowSize)
	w.Canvas().SetOnTypedKey(w.Map.TypedKey)
	w.Canvas().SetOnTypedRune(w.Map.TypedRune)
	w.toSelect = selectID
	w.selectPending()
	w.SetOnClosed(w.close)
	if len(cat.Problems) > 0 {
		showProblems(w, cat.Problems.Count()+" in "+cat.Name, cat.Problems)
	}
	return w
}

// Shortcuts of the File menu.
var (
	ExportShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault}
	CopyShortcut   = &desktop.CustomShortcut{KeyName: fyne.KeyC, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	// AddLayerShortcut opens a layer file beside the dataset.
	AddLayerShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}
)

func (w *Window) setMenu() {
	add := fyne.NewMenuItem("Add layer…", w.OpenLayerDialog)
	add.Shortcut = AddLayerShortcut
	exp := fyne.NewMenuItem("Export…", w.OpenExport)
	exp.Shortcut = ExportShortcut
	cp := fyne.NewMenuItem("Copy map image", w.CopyMap)
	cp.Shortcut = CopyShortcut
	w.SetMainMenu(fyne.NewMainMenu(fyne.NewMenu("File", add, exp, cp)))
	w.Canvas().AddShortcut(AddLayerShortcut, func(fyne.Shortcut) { w.OpenLayerDialog() })
	w.Canvas().AddShortcut(ExportShortcut, func(fyne.Shortcut) { w.OpenExport() })
	w.Canvas().AddShortcut(CopyShortcut, func(fyne.Shortcut) { w.CopyMap() })
}

// OpenLink opens a link from the data in the browser or mail program, if
// data.CheckLink accepts it; otherwise, or when the system cannot open it,
// a dialog says so. Every link the window opens goes through here.
func (w *Window) OpenLink(raw string) { openLink(w.App, w.Window, w.openURL, raw) }

// RemoveLayer takes a layer added beside the dataset off the map, the
// catalog and the layer panel; its selected site, if any, is deselected.
// The dataset's own layers stay.
func (w *Window) RemoveLayer(id string) {
	if !w.cat.Detach(id) {
		return
	}
	if w.Map.Selected().Layer == id {
		w.Map.Select(layer.Site{})
		w.Details.SetFeature(layer.Site{}, nil)
	}
	w.Map.RemoveLayer(id)
	w.Layers.SetLayers(w.Map.Layers())
	w.status.SetText("Removed the layer " + id)
}

// OpenExport opens the export dialog on what the map shows.
func (w *Window) OpenExport() {
	var win fyne.Window
	win, w.Export = openExport(w.App, w.cat, w.Map)
	p := w.Export
	w.exports[p] = true
	win.SetOnClosed(func() {
		p.Close()
		delete(w.exports, p)
	})
}

// CopyMap puts the map as shown, at the screen's resolution, on the
// clipboard as PNG.
func (w *Window) CopyMap() {
	in := w.Map.SceneInput()
	w.status.SetText(copyScene(in, export.Options{Size: screenSize(in.View, w.Map.PixelScale())}))
}

// close ends what the window owns: the map's render loop, layer loads and
// an export dialog's work.
func (w *Window) close() {
	w.Map.Close()
	w.jobs.close()
	for p := range w.exports {
		p.Close()
	}
}

// showProblems tells the user what could not be loaded; everything else is
// on the map. Lines wrap between words, so no word or column name is cut.
func showProblems(w fyne.Window, title string, probs data.Problems) {
	text := probs.Error()
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	s := container.NewVScroll(l)
	s.SetMinSize(fyne.NewSize(640, 240))
	dialog.NewCustom(title, "Close", s, w).Show()
}
