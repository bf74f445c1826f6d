package app

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// SetColumns shows these of the layer's fields, in this order.
func (t *AttributeTable) SetColumns(cols []string) {
	if t.model == nil {
		return
	}
	t.columns = slices.DeleteFunc(slices.Clone(cols), func(c string) bool { return !slices.Contains(t.model.Fields, c) })
	t.model.Columns = t.columns
	t.refresh()
}

// Columns are the fields shown, in order.
func (t *AttributeTable) Columns() []string { return slices.Clone(t.columns) }

// fieldOrder is every field, the shown ones first in their order, then
// the hidden ones in the file's order.
func (t *AttributeTable) fieldOrder() []string {
	out := slices.Clone(t.columns)
	for _, f := range t.model.Fields {
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// MoveColumn moves a shown column by delta places (-1: to the left).
func (t *AttributeTable) MoveColumn(field string, delta int) {
	cols := t.Columns()
	i := slices.Index(cols, field)
	j := i + delta
	if i < 0 || j < 0 || j >= len(cols) {
		return
	}
	cols[i], cols[j] = cols[j], cols[i]
	t.SetColumns(cols)
}

// ShowColumn shows or hides a column; a shown one goes at the end.
func (t *AttributeTable) ShowColumn(field string, on bool) {
	cols := slices.DeleteFunc(t.Columns(), func(c string) bool { return c == field })
	if on {
		cols = append(cols, field)
	}
	t.SetColumns(cols)
}

// ShowColumns opens the dialog that hides, shows and reorders the
// columns: a box per field, and arrows to move a shown one.
func (t *AttributeTable) ShowColumns() {
	if t.model == nil || t.Parent == nil {
		return
	}
	rows := container.NewVBox()
	var fill func()
	fill = func() {
		rows.RemoveAll()
		for _, f := range t.fieldOrder() {
			shown := slices.Contains(t.columns, f)
			check := widget.NewCheck(humanKey(f), nil)
			check.SetChecked(shown)
			check.OnChanged = func(on bool) { t.ShowColumn(f, on); fill() }
			up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { t.MoveColumn(f, -1); fill() })
			down := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { t.MoveColumn(f, 1); fill() })
			if !shown {
				up.Disable()
				down.Disable()
			}
			rows.Add(container.NewBorder(nil, nil, nil, container.NewHBox(up, down), check))
		}
		rows.Refresh()
	}
	fill()
	scroll := container.NewVScroll(rows)
	scroll.SetMinSize(fyne.NewSize(320, 360))
	dialog.ShowCustom("Columns", "Close", scroll, t.Parent)
}
