package app

import (
	"fmt"
	"net/url"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/data/filter"
	"github.com/lodemap/lodemap/data/search"
	"github.com/lodemap/lodemap/geo/basemap"
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
	// Search is the search box above the map.
	Search *SearchBox
	// Filter is the filter panel, below the layers.
	Filter *FilterPanel
	// Time is the time slider, below the map; hidden until asked for.
	Time *TimeBar
	// Table is the attribute table, below the map; hidden until asked for.
	Table *AttributeTable
	// Export is the last export dialog opened, if any.
	Export  *ExportPanel
	status  *widget.Label         // what the window last did or found
	coords  *widget.Label         // the map's zoom and centre
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
	// indexer keeps Search's index up to date as layers come and go.
	indexer *indexer
	// panels are the splits of the side panels.
	panels panels
	// tips draws the toolbar's tooltips.
	tips  *tipLayer
	tools *widget.Toolbar
	// basemap is the basemap chosen ("offline", "osm", a URL template or
	// a tile package's path); boundaries the polygon file drawn with it.
	basemap, boundaries string
	// columns are the attributes filters have read; filterDone ends the
	// filter being applied.
	columns    *filter.Columns
	filterDone func()
	filterGen  uint64 // counts the filters applied
}

// NewWindow builds the main window for a catalog, opened at start with the
// feature selectID selected (when not "").
func NewWindow(a fyne.App, cat *data.Catalog, start view.Viewport, selectID string) *Window {
	w := &Window{Window: a.NewWindow("Lodemap"), App: a, cat: cat, openURL: a.OpenURL, exports: map[*ExportPanel]bool{}}
	prepared, done := w.jobs.start()
	go func() {
		defer done()
		if prepared.Err() == nil {
			basemap.Prepare(start.Zoom) // while the window opens
		}
	}()
	w.Map = NewMapView(cat, start)
	w.Layers = NewLayerPanel(cat)
	w.Details = NewDetailsPanel(cat)
	w.status = widget.NewLabel("")
	w.tips = newTipLayer()
	w.status.Truncation = fyne.TextTruncateEllipsis
	w.coords = widget.NewLabel("")
	w.Search = NewSearchBox()
	w.Search.OnSite = w.showFound
	w.Search.OnArticle = w.openFound
	w.columns = filter.NewColumns()
	w.Filter = NewFilterPanel()
	w.Filter.OnChanged = func(f filter.Filter) {
		w.applyFilter(f)
		w.keysToMap()
	}
	w.Time = NewTimeBar()
	w.Time.Hide()
	w.Time.Start = w.jobs.start
	w.Time.OnChanged = func(string) { w.applyFilter(w.Filter.Filter()) }
	w.Time.OnClose = w.HideTime
	w.Table = NewAttributeTable()
	w.Table.Start, w.Table.Parent, w.Table.OnSave = w.jobs.start, w.Window, w.SaveRowsDialog
	w.Table.OnPick = func(s layer.Site) {
		if r, ok := cat.Ref(s); ok {
			w.showFound(search.Site{Layer: r.Layer, Index: r.Index})
		}
	}
	w.indexer = newIndexer()
	ctx, done := w.jobs.start()
	articles, _ := search.Articles(ctx, cat) // a handful: quick
	layers := slices.Clone(cat.Layers)
	go func() {
		defer done()
		w.indexer.run(ctx, articles, layers, func(ix *search.Index) { w.Search.Index = ix })
	}()

	w.Layers.OnToggle = func(id string, on bool) {
		w.Map.SetLayerVisible(id, on)
		w.keysToMap()
	}
	w.Layers.Removable = cat.Added
	w.Layers.OnRemove = w.RemoveLayer
	w.Layers.OnStyle = func(id string) { w.ShowStyleDialog(id) }
	w.defaultStyles(cat.Layers)
	w.Map.OnSelect = func(s layer.Site, under []data.Ref) {
		w.Search.hide() // a click on the map closes the results
		if !s.IsZero() {
			w.openDetails() // first: text laid out in a hidden panel wraps letter by letter
		}
		w.Details.SetFeature(s, under)
		if w.Table.Visible() {
			w.Table.ShowSite(s)
		}
	}
	w.Details.OnPick = func(s layer.Site) {
		w.Map.Select(s)
		w.Details.SetFeature(s, w.Details.under)
	}
	w.Details.OnReadArticle = func(e *data.Excerpt) { openArticle(a, e) }
	w.Details.Nearby = w.NearbySites
	w.Details.OnNearby = func(s layer.Site) {
		if r, ok := cat.Ref(s); ok {
			w.showFound(search.Site{Layer: r.Layer, Index: r.Index})
		}
	}
	w.Details.OnOpenURL = func(u *url.URL) { w.OpenLink(u.String()) }
	w.Map.OnMeasure = w.showMeasure
	w.Map.OnTiles = w.showTileFailures
	w.Map.OnViewChanged = func(v view.Viewport) {
		w.coords.SetText(fmt.Sprintf("Zoom %.1f · centre %.4f, %.4f", v.Zoom, v.Center[0], v.Center[1]))
	}

	tip := func(icon fyne.Resource, text string, onTap func()) *toolAction {
		return &toolAction{icon: icon, tip: text, onTap: onTap, tips: w.tips}
	}
	w.tools = widget.NewToolbar(
		tip(theme.MenuIcon(), "Layers and filter ("+mod("B")+")", w.ToggleLeftPanel),
		widget.NewToolbarSeparator(),
		tip(theme.UploadIcon(), "Export a picture, PDF or KML ("+mod("E")+")", w.OpenExport), // not a floppy-disk "save"
		widget.NewToolbarSeparator(),
		tip(theme.HistoryIcon(), "Time slider ("+mod("T")+")", w.ToggleTime),
		tip(theme.GridIcon(), "Attribute table ("+mod("L")+")", w.ToggleTable),
		tip(rulerIcon, "Measure distance ("+mod("M")+")", w.ToggleMeasure),
		widget.NewToolbarSpacer(),
		tip(theme.InfoIcon(), "Details ("+mod("I")+")", w.ToggleDetails),
	)
	w.setMenu()
	w.loads = container.NewVBox()
	top := container.NewBorder(nil, nil, nil, w.Search, w.tools)
	centre := container.NewBorder(top, container.NewVBox(w.Time, w.loads, container.NewBorder(nil, nil, nil, w.coords, w.status)), nil, nil, w.layoutTable(container.NewStack(w.Map, w.mapControls(), w.Search.Results)))
	left := container.NewVSplit(w.Layers, w.Filter)
	left.Offset = 0.5
	w.SetContent(container.NewStack(w.layoutPanels(left, centre, w.Details), w.tips.box))
	w.Resize(MinWindowSize)
	w.Canvas().SetOnTypedKey(w.Map.TypedKey)
	w.Canvas().SetOnTypedRune(w.Map.TypedRune)
	w.toSelect = selectID
	w.selectPending()
	w.applyFilter(nil) // counts the facets
	w.restoreBasemap()
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
	// SearchShortcut puts the cursor in the search box (Ctrl+F, Cmd+F on
	// macOS).
	SearchShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	// TimeShortcut shows or hides the time slider.
	TimeShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyT, Modifier: fyne.KeyModifierShortcutDefault}
)

func (w *Window) setMenu() {
	// item is a menu item whose shortcut also works where the menu is not
	// shown (as in the tests' and some systems' windows).
	item := func(label string, sc *desktop.CustomShortcut, action func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, action)
		it.Shortcut = sc
		w.Canvas().AddShortcut(sc, func(fyne.Shortcut) { action() })
		return it
	}
	w.SetMainMenu(fyne.NewMainMenu(
		fyne.NewMenu("File",
			item("Add layer…", AddLayerShortcut, w.OpenLayerDialog),
			item("Export…", ExportShortcut, w.OpenExport),
			item("Copy map image", CopyShortcut, w.CopyMap)),
		fyne.NewMenu("Edit", item("Find…", SearchShortcut, w.FocusSearch)),
		fyne.NewMenu("View",
			item("Time slider", TimeShortcut, w.ToggleTime),
			item("Attribute table", TableShortcut, w.ToggleTable),
			item("Measure distance", MeasureShortcut, w.ToggleMeasure),
			fyne.NewMenuItemSeparator(), w.basemapMenu())))
}

// keysToMap gives the keyboard back to the map after a click on a check
// box: +, - and the arrow keys zoom and pan, as they do before anything is
// clicked, instead of going to a box that ignores them.
func (w *Window) keysToMap() {
	if _, typing := w.Canvas().Focused().(*widget.Entry); !typing {
		w.Canvas().Unfocus()
	}
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
	w.indexer.change(indexChange{remove: id})
	w.columns.Forget(id)
	w.applyFilter(w.Filter.Filter())
	w.status.SetText("Removed the layer " + id)
}

// FocusSearch puts the cursor in the search box.
func (w *Window) FocusSearch() { w.Canvas().Focus(w.Search.Entry) }

// showFound flies the map to a site the search found and selects it.
func (w *Window) showFound(s search.Site) {
	site := s.Layer.Site(s.Index)
	if !w.Map.LayerVisible(site.Layer) {
		w.Layers.SetVisible(site.Layer, true)
	}
	w.openDetails() // first, so the site is centred in the map that is left
	if s.Layer.Located(s.Index) {
		v := w.Map.View()
		w.Map.SetView(view.New(s.Layer.LonLat[s.Index], max(v.Zoom, foundZoom), v.Width, v.Height))
	}
	w.Map.Select(site)
	w.Details.SetFeature(site, []data.Ref{{Layer: s.Layer, Index: s.Index}})
}

// foundZoom is the least zoom the map flies to for a site the search
// found: close enough to tell it from its neighbours.
const foundZoom = 9

// openFound opens an article the search found at its matching excerpt (or
// its first); an article without excerpts opens at its link.
func (w *Window) openFound(a search.Article) {
	e := a.Excerpt
	if e == nil && len(a.Article.Excerpts) > 0 {
		e = &a.Article.Excerpts[0]
	}
	if e == nil {
		w.OpenLink(a.Article.URL)
		return
	}
	openArticle(w.App, e)
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
	w.savePanels()
	w.Map.Close()
	if err := w.Map.Basemap().Close(); err != nil {
		fyne.LogError("closing the basemap", err)
	}
	w.Search.Close()
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
