// Package app is Lodemap's Fyne user interface: the main window, the MapView
// widget, the layer and details panels and the article reader. It holds no
// map maths: positions, hit tests and pictures come from geo/ and data/.
package app

import (
	"context"
	"fmt"
	"image"
	"maps"
	"slices"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/data/filter"
	"github.com/lodemap/lodemap/geo/index"
	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/render"
	"github.com/lodemap/lodemap/geo/render/raster"
	"github.com/lodemap/lodemap/geo/style"
	"github.com/lodemap/lodemap/geo/tiles"
	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

// Keyboard and wheel steps.
const (
	keyZoomStep  = 0.5   // +/- keys and buttons
	keyPanStep   = 100.0 // arrow keys, in pixels
	wheelPerZoom = 50.0  // scroll delta for one zoom level (two wheel notches)
)

// MapView is the interactive map: it shows the catalog's layers over the
// basemap, pans on drag, zooms on the wheel and keys, picks features on tap
// and shows the hovered feature's name. Frames are rendered off the UI thread
// by geo/render; the widget shows the last frame, shifted and scaled to the
// current view until the next one arrives.
type MapView struct {
	widget.BaseWidget

	// OnSelect is called on the UI thread when a tap changes the selection:
	// site is the picked feature (none when empty map was tapped) and under
	// lists every feature within the hit tolerance, nearest first.
	OnSelect func(site layer.Site, under []data.Ref)
	// OnViewChanged is called on the UI thread after the view changes.
	OnViewChanged func(v view.Viewport)
	// OnMeasure is called with the measured path when it changes.
	OnMeasure func(path []orb.Point)
	// OnTiles is called on the UI thread as a raster basemap's tiles
	// load, with how many could not be had so far (a package's tiles
	// beyond its area are not counted).
	OnTiles func(failures int)

	cat  *data.Catalog
	home view.Viewport

	mu         sync.Mutex // guards the fields below, read by the render goroutine
	layers     []*layer.Layer
	indexes    []*index.Layer
	view       view.Viewport
	hidden     map[string]bool
	styles     map[string]*style.Layer    // by layer id; none: by kind and status
	filter     map[string]*layer.Mask     // by layer id; none: the whole layer
	status     map[string]*layer.Statuses // by layer id, the statuses at the time slider's date
	asOf       string                     // that date's caption
	measure    []orb.Point                // the measured path, lon/lat
	measuring  bool                       // clicks add to the path
	basemap    *tiles.Layer               // a raster basemap, or nil
	loading    map[tiles.Key]bool         // its tiles being loaded
	tileFails  int                        // its tiles that could not be had
	arrived    []tiles.Key                // its tiles loaded since the last frame began
	shownTiles *tiles.Layer               // the basemap for the screen's pixel ratio
	boundaries []*layer.Layer             // polygon layers drawn with the basemap
	priority   map[layer.Site]int         // the dataset's label priorities
	spider     *render.Spider             // sites sharing a point, fanned out by a click
	selected   layer.Site
	hovered    layer.Site
	scale      float32

	gen      uint64 // bumped by every render request
	hoverTip string // the tooltip: the hovered site's name, or a cluster's count
	hoverPos fyne.Position
	frame    *image.RGBA
	spare    *image.RGBA // the frame shown before, drawn into next
	frameFor view.Viewport
	frameGen uint64 // the request generation the shown frame was rendered for
	scene    *render.Scene
	renders  chan struct{}
	stop     context.CancelFunc // ends the render loop; nil when none runs
	tiles    *raster.TileCache
	trace    *tracer
}

// NewMapView returns a map of the catalog opened at the given view, which is
// also where Home returns to.
func NewMapView(cat *data.Catalog, start view.Viewport) *MapView {
	m := &MapView{cat: cat, home: start, view: start, hidden: map[string]bool{}, styles: map[string]*style.Layer{}, scale: 1,
		renders: make(chan struct{}, 1), tiles: raster.NewTileCache(), trace: newTracer(), priority: cat.LabelPriority()}
	for _, l := range cat.Layers {
		m.layers = append(m.layers, l)
		m.indexes = append(m.indexes, index.ForLayer(l))
	}
	m.ExtendBaseWidget(m)
	return m
}

// View returns the current viewport.
func (m *MapView) View() view.Viewport {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.view
}

// SetView moves the map to v (its size is kept as laid out). What the
// pointer was over has moved away: its tooltip goes until the pointer
// moves again.
func (m *MapView) SetView(v view.Viewport) {
	m.mu.Lock()
	v = view.New(v.Center, v.Zoom, m.view.Width, m.view.Height)
	m.view = v
	m.hovered, m.hoverTip = layer.Site{}, ""
	m.spider = nil // the fan closes when the map moves
	m.mu.Unlock()
	m.changed(v)
}

// KeepContent moves the view by (dx, dy) pixels without it counting as a
// move of the user's: the window calls it when a panel beside the map
// opens, so the map's content, an open fan included, stays where it was
// on screen.
func (m *MapView) KeepContent(dx, dy float64) {
	m.mu.Lock()
	v := m.view.Pan(dx, dy)
	m.view = v
	m.mu.Unlock()
	m.changed(v)
}

// Home returns to the start view.
func (m *MapView) Home() { m.SetView(m.home) }

// ZoomBy zooms about the centre by dz levels.
func (m *MapView) ZoomBy(dz float64) {
	v := m.View()
	m.SetView(v.ZoomAbout(v.Width/2, v.Height/2, dz))
}

// PanBy moves the map content by (dx, dy) pixels.
func (m *MapView) PanBy(dx, dy float64) { m.SetView(m.View().Pan(dx, dy)) }

// SetLayer adds a layer to the map, or replaces the layer of the same id
// (a loader publishes a growing layer this way). It indexes the layer on
// the calling goroutine and may be called from any.
func (m *MapView) SetLayer(l *layer.Layer) {
	g := index.ForLayer(l)
	m.mu.Lock()
	layers := append([]*layer.Layer(nil), m.layers...)
	grids := append([]*index.Layer(nil), m.indexes...)
	i := 0
	for i < len(layers) && layers[i].ID != l.ID {
		i++
	}
	if i == len(layers) {
		layers, grids = append(layers, l), append(grids, g)
	} else {
		layers[i], grids[i] = l, g
	}
	m.layers, m.indexes = layers, grids
	m.mu.Unlock()
	m.requestRender()
}

// RemoveLayer takes a layer off the map.
func (m *MapView) RemoveLayer(id string) {
	m.mu.Lock()
	var layers []*layer.Layer
	var grids []*index.Layer
	for i, l := range m.layers {
		if l.ID != id {
			layers, grids = append(layers, l), append(grids, m.indexes[i])
		}
	}
	m.layers, m.indexes = layers, grids
	m.mu.Unlock()
	m.requestRender()
}

// Layers is what the map shows, in drawing order.
func (m *MapView) Layers() []*layer.Layer {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.layers
}

// SetLayerVisible shows or hides a layer; a hidden layer's selected feature
// is deselected.
func (m *MapView) SetLayerVisible(id string, visible bool) {
	m.mu.Lock()
	m.hidden[id] = !visible
	m.mu.Unlock()
	if !visible && m.Selected().Layer == id {
		m.Select(layer.Site{})
		if m.OnSelect != nil {
			m.OnSelect(layer.Site{}, nil)
		}
	}
	m.requestRender()
}

// SetStyle sets how a layer's features are coloured and sized (nil: by
// kind and status); the map, and exports from it, follow.
func (m *MapView) SetStyle(id string, st *style.Layer) {
	m.mu.Lock()
	styles := maps.Clone(m.styles) // the render goroutine may hold the old map
	styles[id] = st
	m.styles = styles
	m.mu.Unlock()
	m.requestRender()
}

// Indexes returns the layers' indexes, in layer order.
func (m *MapView) Indexes() []*index.Layer {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.indexes
}

// SetFilter sets, by layer id, the features the active filter lets
// through (nil: every feature); the map, its hit tests, and exports from
// it follow. A selection the filter leaves out is cleared.
func (m *MapView) SetFilter(masks map[string]*layer.Mask) {
	m.mu.Lock()
	m.filter = masks
	sel := m.selected
	m.mu.Unlock()
	if !sel.IsZero() && !masks[sel.Layer].Has(sel.Index) {
		m.Select(layer.Site{})
		if m.OnSelect != nil {
			m.OnSelect(layer.Site{}, nil)
		}
	}
	m.requestRender()
}

// SetStatus sets, by layer id, the statuses the features are drawn with
// (the time slider's statuses at its date, at); nil draws their own.
func (m *MapView) SetStatus(status map[string]*layer.Statuses, at string) {
	m.mu.Lock()
	m.status, m.asOf = status, ""
	if at != "" {
		m.asOf = filter.AsOf(at)
	}
	m.mu.Unlock()
	m.requestRender()
}

// Filter returns the masks SetFilter set.
func (m *MapView) Filter() map[string]*layer.Mask {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.filter
}

// Style returns a layer's style (nil: by kind and status).
func (m *MapView) Style(id string) *style.Layer {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.styles[id]
}

// LayerVisible reports whether a layer is shown.
func (m *MapView) LayerVisible(id string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return !m.hidden[id]
}

// Select highlights a feature (the zero Site clears the selection).
func (m *MapView) Select(s layer.Site) {
	m.mu.Lock()
	m.selected = s
	id := ""
	for _, l := range m.layers {
		if l.ID == s.Layer && s.Index < l.Len() {
			id = l.IDs[s.Index]
		}
	}
	m.mu.Unlock()
	m.trace.printf("select %q", id)
	m.requestRender()
}

// Selected returns the selected feature.
func (m *MapView) Selected() layer.Site {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.selected
}

// Hovered returns the feature under the pointer.
func (m *MapView) Hovered() layer.Site {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.hovered
}

// FeaturesAt returns the visible features under a point of the widget, in
// the order a click picks them (index.Less): markers within the hit
// tolerance and lines within the line tolerance, nearest first, then the
// polygons holding the point, smallest first.
func (m *MapView) FeaturesAt(p fyne.Position) []data.Ref {
	if r, ok := m.fannedAt(p); ok {
		return []data.Ref{r}
	}
	v := m.View()
	u := v.PixelToUnit(float64(p.X), float64(p.Y))
	type hit struct {
		ref      data.Ref
		h        index.Hit
		excerpts int
	}
	var hits []hit
	m.mu.Lock()
	layers, indexes, filter, spider := m.layers, m.indexes, m.filter, m.spider
	m.mu.Unlock()
	for li, l := range layers {
		if !m.LayerVisible(l.ID) {
			continue
		}
		for _, h := range indexes[li].At(u, style.HitTolerance/v.WorldSize(), style.LineHitTolerance/v.WorldSize()) {
			if filter[l.ID].Has(h.Index) && !fanned(spider, l.Site(h.Index)) {
				hits = append(hits, hit{data.Ref{Layer: l, Index: h.Index}, h, len(m.cat.Excerpts(l.Site(h.Index)))})
			}
		}
	}
	// Merge the layers' lists. Among sites that share a point, the one the
	// sources say most about comes first; other ties keep layer order.
	slices.SortStableFunc(hits, func(a, b hit) int {
		a.h.Index, b.h.Index = 0, 0
		switch {
		case index.Less(a.h, b.h):
			return -1
		case index.Less(b.h, a.h):
			return 1
		}
		return b.excerpts - a.excerpts
	})
	out := make([]data.Ref, len(hits))
	for i, h := range hits {
		out[i] = h.ref
	}
	return out
}

// Tapped zooms into a cluster, or selects the nearest feature within the
// hit tolerance, or clears the selection on empty map; while measuring, it
// adds a point to the path.
func (m *MapView) Tapped(e *fyne.PointEvent) {
	m.focus()
	if m.Measuring() {
		m.measureAt(e.Position)
		return
	}
	if c, ok := m.clusterAt(e.Position); ok {
		v := m.View()
		x, y := float64(e.Position.X), float64(e.Position.Y)
		// Zoom in about the cluster, then bring it to where it was tapped.
		m.SetView(v.ZoomAbout(c.X, c.Y, clusterZoomStep).Pan(x-c.X, y-c.Y))
		return
	}
	under := m.FeaturesAt(e.Position)
	if _, ok := m.fannedAt(e.Position); !ok {
		// Sites that share a point fan out, so each can be picked;
		// anywhere else the fan closes.
		m.mu.Lock()
		m.spider = nil
		m.mu.Unlock()
		m.fanOut(under)
		m.requestRender()
	}
	var site layer.Site
	if len(under) > 0 {
		site = under[0].Layer.Site(under[0].Index)
	}
	m.Select(site)
	if m.OnSelect != nil {
		m.OnSelect(site, under)
	}
}

// Dragged pans the map with the pointer.
func (m *MapView) Dragged(e *fyne.DragEvent) {
	m.PanBy(float64(e.Dragged.DX), float64(e.Dragged.DY))
}

// DragEnd ends a pan.
func (m *MapView) DragEnd() {}

// Scrolled zooms about the pointer, by a fraction of a level per wheel step.
func (m *MapView) Scrolled(e *fyne.ScrollEvent) {
	v := m.View()
	m.SetView(v.ZoomAbout(float64(e.Position.X), float64(e.Position.Y), float64(e.Scrolled.DY)/wheelPerZoom))
}

// clusterZoomStep is how far a click on a cluster zooms in.
const clusterZoomStep = 2.0

// clusterAt finds a cluster of the frame on screen under a point, mapped
// from the frame's view to the current one.
func (m *MapView) clusterAt(p fyne.Position) (render.Cluster, bool) {
	m.mu.Lock()
	s, fv, cur := m.scene, m.frameFor, m.view
	m.mu.Unlock()
	if s == nil {
		return render.Cluster{}, false
	}
	ll := cur.ToLonLat(float64(p.X), float64(p.Y))
	x, y := fv.ToPixel(ll)
	return s.ClusterAt(x, y)
}

// MouseIn starts hover tracking.
func (m *MapView) MouseIn(e *desktop.MouseEvent) { m.MouseMoved(e) }

// MouseMoved updates the hovered feature and its tooltip.
func (m *MapView) MouseMoved(e *desktop.MouseEvent) {
	var site layer.Site
	tip := ""
	if c, ok := m.clusterAt(e.Position); ok {
		tip = fmt.Sprintf("%d sites: click to zoom in", c.Count)
	} else if under := m.FeaturesAt(e.Position); len(under) > 0 {
		site, tip = under[0].Layer.Site(under[0].Index), under[0].Layer.Names[under[0].Index]
	}
	m.mu.Lock()
	changed := site != m.hovered
	m.hovered, m.hoverTip = site, tip
	m.hoverPos = e.Position
	m.mu.Unlock()
	if changed {
		m.requestRender()
	}
	m.Refresh()
}

// MouseOut clears the hover.
func (m *MapView) MouseOut() {
	m.mu.Lock()
	changed := !m.hovered.IsZero()
	m.hovered, m.hoverTip = layer.Site{}, ""
	m.mu.Unlock()
	if changed {
		m.requestRender()
		m.Refresh()
	}
}

// Cursor is a pointing hand over a feature or a cluster, the default
// cursor elsewhere.
func (m *MapView) Cursor() desktop.Cursor {
	m.mu.Lock()
	defer m.mu.Unlock()
	switch {
	case m.measuring:
		return desktop.CrosshairCursor
	case m.hoverTip != "":
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

// FocusGained is part of fyne.Focusable.
func (m *MapView) FocusGained() {}

// FocusLost is part of fyne.Focusable.
func (m *MapView) FocusLost() {}

// TypedRune zooms on + and - (and on = and _, their unshifted keys). Zoom
// is handled here only, as the same key press also arrives as TypedKey.
func (m *MapView) TypedRune(r rune) {
	switch r {
	case '+', '=':
		m.ZoomBy(keyZoomStep)
	case '-', '_':
		m.ZoomBy(-keyZoomStep)
	}
}

// TypedKey pans on the arrow keys and goes home on Home.
func (m *MapView) TypedKey(e *fyne.KeyEvent) {
	if m.measureKey(e.Name) {
		return
	}
	switch e.Name {
	case fyne.KeyLeft:
		m.PanBy(keyPanStep, 0)
	case fyne.KeyRight:
		m.PanBy(-keyPanStep, 0)
	case fyne.KeyUp:
		m.PanBy(0, keyPanStep)
	case fyne.KeyDown:
		m.PanBy(0, -keyPanStep)
	case fyne.KeyHome:
		m.Home()
	}
}

func (m *MapView) focus() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(m); c != nil {
		c.Focus(m)
	}
}

// Resize keeps the viewport the size of the widget.
func (m *MapView) Resize(s fyne.Size) {
	m.mu.Lock()
	m.view = m.view.Resize(float64(s.Width), float64(s.Height))
	if c := fyne.CurrentApp().Driver().CanvasForObject(m); c != nil && c.Scale() != m.scale {
		m.scale = c.Scale()
		m.shownTiles = nil // tiles for the new pixel ratio
	}
	v := m.view
	m.mu.Unlock()
	m.BaseWidget.Resize(s)
	m.changed(v)
}

func (m *MapView) changed(v view.Viewport) {
	m.requestRender()
	m.Refresh()
	if m.OnViewChanged != nil {
		m.OnViewChanged(v)
	}
}

// CreateRenderer is part of fyne.Widget.
func (m *MapView) CreateRenderer() fyne.WidgetRenderer {
	m.start()
	return newMapRenderer(m)
}

// SceneInput is what the map shows now, as the input of a Scene: exports
// start from it, so they show what was seen.
func (m *MapView) SceneInput() render.Input {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.inputLocked()
}

// inputLocked is the scene input of the current state; m.mu is held.
func (m *MapView) inputLocked() render.Input {
	grids := make(map[*layer.Layer]*index.Grid, len(m.layers))
	for i, l := range m.layers {
		grids[l] = m.indexes[i].Points
	}
	return render.Input{View: m.view, Layers: m.layers, Hidden: copyHidden(m.hidden),
		Selected: m.selected, Attribution: m.cat.Attribution(), Grids: grids, Styles: m.styles, Filter: m.filter, Status: m.status, AsOf: m.asOf, Measure: slices.Clone(m.measure), Tiles: m.tilesLocked(), Boundaries: m.boundaries,
		LabelPriority: m.priority, Spider: m.spider}
}

// PixelScale is the screen's pixels per logical pixel.
func (m *MapView) PixelScale() float64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	return float64(m.scale)
}
