package app

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/data/table"
	"github.com/lodemap/lodemap/geo/layer"
)

// AttributeTable is the panel below the map listing one layer's features
// (only those the filter lets through) with their attributes. It is
// virtualised: only the rows on screen are read. A header click sorts by
// that column (again: the other way; a third time: the file's order),
// Columns… hides and reorders them, and Save rows… writes the rows as CSV
// or GeoJSON. A row click picks its site; a site picked on the map
// scrolls its row into view.
type AttributeTable struct {
	widget.BaseWidget
	// OnPick is called when the user clicks a row.
	OnPick func(s layer.Site)
	// Start starts a job (a sort): the window's, so closing it cancels.
	Start func() (context.Context, context.CancelFunc)
	// OnSave is called when the user asks to save the rows.
	OnSave func()
	// Parent is the window the Columns dialog opens over.
	Parent fyne.Window

	layers  []*layer.Layer
	masks   map[string]*layer.Mask
	current string       // the layer listed
	model   *table.Table // its rows
	columns []string     // the columns shown, kept across filters
	sortGen uint64       // counts the sorts started
	picking bool         // a map selection is being shown: not a user's pick
	row     int          // the row picked out, -1 for none

	choose *widget.Select
	count  *widget.Label
	grid   *widget.Table
}

// NewAttributeTable returns an empty table.
func NewAttributeTable() *AttributeTable {
	t := &AttributeTable{row: -1}
	t.choose = widget.NewSelect(nil, func(title string) {
		for _, l := range t.layers {
			if l.Title == title && l.ID != t.current {
				t.ShowLayer(l.ID)
			}
		}
	})
	t.count = widget.NewLabel("")
	t.grid = widget.NewTableWithHeaders(t.size, newCell, t.updateCell)
	t.grid.ShowHeaderColumn = false
	t.grid.CreateHeader = func() fyne.CanvasObject { return widget.NewButton("", nil) }
	t.grid.UpdateHeader = t.updateHeader
	t.grid.OnSelected = t.selected
	t.ExtendBaseWidget(t)
	return t
}

// SetLayers sets the layers offered and the filter's masks: the layer
// listed keeps its place, its rows narrowed anew (and sorted as before).
func (t *AttributeTable) SetLayers(layers []*layer.Layer, masks map[string]*layer.Mask) {
	t.layers, t.masks = layers, masks
	titles := make([]string, len(layers))
	for k, l := range layers {
		titles[k] = l.Title
	}
	t.choose.SetOptions(titles)
	id := t.current
	if !slices.ContainsFunc(layers, func(l *layer.Layer) bool { return l.ID == id }) && len(layers) > 0 {
		id = layers[0].ID
	}
	t.ShowLayer(id)
}

// ShowLayer lists a layer's features.
func (t *AttributeTable) ShowLayer(id string) {
	var l *layer.Layer
	for _, c := range t.layers {
		if c.ID == id {
			l = c
		}
	}
	if l == nil {
		t.model, t.current = nil, ""
		t.refresh()
		return
	}
	sortBy, desc := "", false
	if t.model != nil && t.current == id {
		sortBy, desc = t.model.SortedBy()
	} else {
		t.columns = nil
	}
	t.current = id
	t.choose.SetSelected(l.Title)
	m := table.New(l, t.masks[id])
	if t.columns == nil {
		t.columns = m.Columns
	}
	m.Columns = t.columns
	t.setModel(m)
	if sortBy != "" {
		t.SortBy(sortBy, desc)
	}
}

// Model is the rows listed, nil for none.
func (t *AttributeTable) Model() *table.Table { return t.model }

func (t *AttributeTable) setModel(m *table.Table) {
	t.model, t.row = m, -1
	t.grid.UnselectAll()
	t.refresh()
}

// SortBy sorts the rows by a column's values off the UI thread (field ""
// is the file's order); the rows shown change when it is done.
func (t *AttributeTable) SortBy(field string, desc bool) {
	m := t.model
	if m == nil || t.Start == nil {
		return
	}
	t.sortGen++
	gen := t.sortGen
	ctx, done := t.Start()
	t.count.SetText("Sorting…")
	go func() {
		defer done()
		s, err := m.Sorted(ctx, field, desc)
		uiDo(func() {
			if gen != t.sortGen || t.model != m {
				return // a newer sort, or other rows
			}
			if err != nil {
				t.count.SetText(err.Error())
				return
			}
			s.Columns = t.columns
			t.setModel(s)
		})
	}()
}

// headerTapped sorts by a column: up, then down, then the file's order.
func (t *AttributeTable) headerTapped(field string) {
	by, desc := t.model.SortedBy()
	switch {
	case by != field:
		t.SortBy(field, false)
	case !desc:
		t.SortBy(field, true)
	default:
		t.SortBy("", false)
	}
}

// ShowSite picks out a site's row and scrolls it into view, when listed; the
// table shows the site's layer first.
func (t *AttributeTable) ShowSite(s layer.Site) {
	t.row = -1
	if s.IsZero() {
		t.grid.UnselectAll()
		return
	}
	if s.Layer != t.current {
		t.ShowLayer(s.Layer)
	}
	if t.model == nil {
		return
	}
	if r := t.model.RowOf(s.Index); r >= 0 {
		t.row = r
		t.picking = true
		t.grid.Select(widget.TableCellID{Row: r, Col: 0})
		t.picking = false
	}
}

// Row is the row picked out (scrolled into view), -1 for none.
func (t *AttributeTable) Row() int { return t.row }

func (t *AttributeTable) selected(id widget.TableCellID) {
	t.row = id.Row
	if t.picking || t.model == nil || id.Row >= t.model.Len() || t.OnPick == nil {
		return
	}
	t.OnPick(t.model.Layer.Site(t.model.Feature(id.Row)))
}

func (t *AttributeTable) size() (int, int) {
	if t.model == nil {
		return 0, 0
	}
	return t.model.Len(), len(t.model.Columns)
}

// newCell is a cell's template: plain text, padded like a label. A
// Label's own ellipsis shapes the text again and again to fit it, which
// costs a scroll step of a big table its frame; the text is cut by
// cellText instead.
func newCell() fyne.CanvasObject {
	txt := canvas.NewText("", theme.Color(theme.ColorNameForeground))
	return container.NewPadded(txt)
}

func (t *AttributeTable) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	txt := o.(*fyne.Container).Objects[0].(*canvas.Text)
	if t.model == nil || id.Row >= t.model.Len() || id.Col >= len(t.model.Columns) {
		txt.Text = ""
	} else {
		field := t.model.Columns[id.Col]
		txt.Text = cellText(t.model.Cell(id.Row, field), columnWidth(field))
	}
	txt.Color = theme.Color(theme.ColorNameForeground)
	txt.Refresh()
}

// cellText cuts a cell's text to about what fits in width, an ellipsis
// marking the cut, and keeps it on one line.
func cellText(s string, width float32) string {
	s = strings.ReplaceAll(s, "\n", " ")
	fit := int((width - 2*theme.Padding()) / (theme.TextSize() * 0.56))
	return shorten(s, max(fit, 4))
}

func (t *AttributeTable) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	if t.model == nil || id.Col < 0 || id.Col >= len(t.model.Columns) {
		b.SetText("")
		return
	}
	field := t.model.Columns[id.Col]
	b.SetText(humanKey(field))
	b.SetIcon(nil)
	if by, desc := t.model.SortedBy(); by == field {
		b.SetIcon(theme.MenuDropUpIcon())
		if desc {
			b.SetIcon(theme.MenuDropDownIcon())
		}
	}
	b.OnTapped = func() { t.headerTapped(field) }
}

// refresh shows the model: its row count and cells, column widths by field.
func (t *AttributeTable) refresh() {
	if t.model == nil {
		t.count.SetText("No layer")
	} else {
		n, all := t.model.Len(), t.model.Layer.Len()
		t.count.SetText(fmt.Sprintf("%s of %s rows", data.Thousands(n), data.Thousands(all)))
		for k, c := range t.model.Columns {
			t.grid.SetColumnWidth(k, columnWidth(c))
		}
	}
	t.grid.Refresh()
}

// columnWidth is a column's width: names wide, codes narrow.
func columnWidth(field string) float32 {
	switch field {
	case table.FieldName:
		return 280
	case table.FieldID:
		return 200
	case table.FieldKind, table.FieldStatus:
		return 140
	}
	return 160
}

// CreateRenderer is part of fyne.Widget.
func (t *AttributeTable) CreateRenderer() fyne.WidgetRenderer {
	cols := widget.NewButtonWithIcon("Columns…", theme.ListIcon(), t.ShowColumns)
	save := widget.NewButtonWithIcon("Save rows…", theme.DocumentSaveIcon(), func() {
		if t.OnSave != nil {
			t.OnSave()
		}
	})
	chooser := container.NewGridWrap(fyne.NewSize(260, t.choose.MinSize().Height), t.choose) // room for a layer's title
	bar := container.NewHBox(widget.NewLabelWithStyle("Table", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), chooser, t.count)
	return widget.NewSimpleRenderer(container.NewBorder(container.NewBorder(nil, nil, nil, container.NewHBox(cols, save), bar), nil, nil, nil, t.grid))
}
