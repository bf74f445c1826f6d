package app

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/render"
	"github.com/lodemap/lodemap/geo/style"
)

// LayerPanel lists the catalog's layers, each with a check box to show or
// hide it, its feature count and the key of the marker shapes it uses, then
// the key of the status fills.
type LayerPanel struct {
	widget.BaseWidget

	// OnToggle is called when the user shows or hides a layer.
	OnToggle func(layerID string, visible bool)
	// OnRemove, when set, is called when the user takes off a layer for
	// which Removable says yes (one added beside the dataset).
	OnRemove  func(layerID string)
	Removable func(layerID string) bool
	// OnStyle, when set, is called when the user asks to change a
	// layer's style.
	OnStyle func(layerID string)

	rows      map[string]*layerRow // by layer id
	styles    map[string]*style.Layer
	filter    map[string]*layer.Mask // by layer id: what the active filter lets through
	layers    []*layer.Layer
	header    fyne.CanvasObject
	statusKey []fyne.CanvasObject
	box       *fyne.Container
}

// NewLayerPanel returns a panel with every layer switched on.
func NewLayerPanel(cat *data.Catalog) *LayerPanel {
	p := &LayerPanel{box: container.NewVBox(),
		header: widget.NewLabelWithStyle("Layers", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	p.statusKey = []fyne.CanvasObject{widget.NewSeparator(),
		widget.NewLabelWithStyle("Status", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	for _, k := range render.StatusKey {
		p.statusKey = append(p.statusKey, keyRow(style.For("", k.Status), k.Text).box) // a kind-neutral grey circle
	}
	p.ExtendBaseWidget(p)
	p.SetLayers(cat.Layers)
	return p
}

// SetLayers shows the given layers, keeping the check boxes of those
// already listed as they were. A layer's row is made once and updated
// after, so a loading layer that is shown again and again does not pile up
// widgets.
func (p *LayerPanel) SetLayers(layers []*layer.Layer) {
	p.layers = layers
	rows := make(map[string]*layerRow, len(layers))
	objs := []fyne.CanvasObject{p.header}
	for _, l := range layers {
		r := p.rows[l.ID]
		if r == nil {
			r = p.newRow(l.ID)
		}
		r.update(l, p.styles[l.ID], p.filter[l.ID])
		if p.OnRemove != nil && p.Removable != nil && p.Removable(l.ID) {
			r.remove.Show()
		} else {
			r.remove.Hide()
		}
		rows[l.ID] = r
		objs = append(objs, r.box)
	}
	p.rows = rows
	p.box.Objects = append(objs, p.statusKey...)
	p.box.Refresh()
}

// SetFilter shows how many of each layer's features, and of each kind, the
// active filter lets through.
func (p *LayerPanel) SetFilter(masks map[string]*layer.Mask) {
	p.filter = masks
	p.SetLayers(p.layers)
}

// SetStyle shows a layer's key by its style (nil: by kind and status).
func (p *LayerPanel) SetStyle(layerID string, st *style.Layer) {
	if p.styles == nil {
		p.styles = map[string]*style.Layer{}
	}
	p.styles[layerID] = st
	p.SetLayers(p.layers)
}

// layerRow is a layer's check box, its style and remove buttons, and the
// key of its kinds or its style.
type layerRow struct {
	check   *widget.Check
	style   *widget.Button
	remove  *widget.Button // shown for layers that can be taken off
	keys    *fyne.Container
	box     *fyne.Container
	byKind  map[string]*keyEntry // key rows made so far
	entries []*keyEntry          // the key rows shown
	kinds   []layer.KindCount    // what the key shows
	shown   *style.Layer         // the style the key shows, when not by kind
	fill    style.Fill           // the key's fill: pale for a layer of no statuses
}

func (p *LayerPanel) newRow(id string) *layerRow {
	r := &layerRow{check: widget.NewCheck("", nil), keys: container.NewVBox(), byKind: map[string]*keyEntry{}}
	r.check.SetChecked(true)
	r.check.OnChanged = func(on bool) {
		r.setShown(on)
		if p.OnToggle != nil {
			p.OnToggle(id, on)
		}
	}
	r.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		if p.OnRemove != nil {
			p.OnRemove(id)
		}
	})
	r.remove.Importance = widget.LowImportance
	r.style = widget.NewButtonWithIcon("", theme.ColorPaletteIcon(), func() {
		if p.OnStyle != nil {
			p.OnStyle(id)
		}
	})
	r.style.Importance = widget.LowImportance
	r.box = container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(r.style, r.remove), r.check), r.keys)
	return r
}

// update shows the layer's title, count and key: its kinds, a kind's key
// row made once and its count updated after, or its style's key.
func (r *layerRow) update(l *layer.Layer, st *style.Layer, mask *layer.Mask) {
	if mask == nil {
		r.check.SetText(fmt.Sprintf("%s (%d)", l.Title, l.Len()))
	} else {
		r.check.SetText(fmt.Sprintf("%s (%d of %d)", l.Title, mask.Count(l.Len()), l.Len()))
	}
	fill := style.Solid
	if !style.AnyGiven(l.Status) {
		fill = style.Pale // its markers are all pale, and so is its key
	}
	if fill != r.fill {
		r.fill, r.byKind, r.kinds, r.shown = fill, map[string]*keyEntry{}, nil, nil
	}
	if st != nil && st.Mode != style.ByKind {
		if st != r.shown {
			r.setKey(styleKey(st, l.Title, fill))
			r.shown, r.kinds = st, nil
		}
		return
	}
	kinds := l.KindCountsIn(mask)
	if slices.Equal(kinds, r.kinds) && r.shown == nil {
		return
	}
	r.shown = nil
	entries := make([]*keyEntry, 0, len(kinds))
	for _, kc := range kinds {
		text := fmt.Sprintf("%s (%d)", style.KindLabel(kc.Kind), kc.Count)
		e, ok := r.byKind[kc.Kind]
		if ok {
			e.label.SetText(text)
		} else {
			m := style.For(kc.Kind, "operating")
			m.Fill = fill
			e = keyRow(m, text)
			r.byKind[kc.Kind] = e
		}
		entries = append(entries, e)
	}
	r.setKey(entries)
	r.kinds = kinds
}

// setKey shows key rows, greyed if the layer is hidden.
func (r *layerRow) setKey(entries []*keyEntry) {
	r.entries = entries
	r.keys.Objects = make([]fyne.CanvasObject, len(entries))
	for i, e := range entries {
		r.keys.Objects[i] = e.box
	}
	r.keys.Refresh()
	r.setShown(r.check.Checked)
}

// SetVisible sets a layer's check box, as the user would.
func (p *LayerPanel) SetVisible(layerID string, visible bool) {
	if r, ok := p.rows[layerID]; ok {
		r.check.SetChecked(visible)
	}
}

// Check returns a layer's check box, or nil.
func (p *LayerPanel) Check(layerID string) *widget.Check {
	if r, ok := p.rows[layerID]; ok {
		return r.check
	}
	return nil
}

// CreateRenderer is part of fyne.Widget.
func (p *LayerPanel) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewVScroll(p.box))
}

// keyEntry is one row of a key: a swatch and its text.
type keyEntry struct {
	box   *fyne.Container
	tile  *canvas.Rectangle
	img   *canvas.Image
	label *widget.Label
}

// keyRow makes a key row: the swatch on its tile (swatchTile), then the
// text.
func keyRow(m style.Marker, text string) *keyEntry {
	e := &keyEntry{label: widget.NewLabel(text)}
	var sw *fyne.Container
	sw, e.tile, e.img = swatchTile(m)
	e.box = container.NewHBox(sw, e.label)
	return e
}

// setShown greys a hidden layer's key (its texts and swatches), as the
// map no longer shows what it explains, and brings it back when shown.
func (r *layerRow) setShown(on bool) {
	for _, e := range r.entries {
		e.img.Translucency, e.label.Importance = 0, widget.MediumImportance
		if !on {
			e.img.Translucency, e.label.Importance = 0.65, widget.LowImportance
		}
		e.img.Refresh()
		e.label.Refresh()
	}
}

// styleKey is the key rows of a style: its categories with their counts,
// its colour or its sizes, with the fill given.
func styleKey(st *style.Layer, title string, fill style.Fill) []*keyEntry {
	var out []*keyEntry
	for _, e := range st.Key(title) {
		text := e.Text
		if e.Count > 0 {
			text = fmt.Sprintf("%s (%d)", e.Text, e.Count)
		}
		e.Marker.Fill = fill
		out = append(out, keyRow(e.Marker, text))
	}
	return out
}
