package app

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/data/filter"
	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/style"
)

// facetField is a field the filter panel offers values of, with its
// heading.
type facetField struct{ field, title string }

// facetFields are the fields the filter panel offers values of.
var facetFields = []facetField{
	{"layer", "Layer"}, {"kind", "Kind"}, {"status", "Status"}, {"country", "Country"}, {"operator", "Operator"}, {"commodity", "Commodity"},
}

// facetLimit is how many values a facet lists, the most common first.
const facetLimit = 12

// FilterPanel sets the filter: a value's check box per facet (kind,
// status, country, operator, commodity) with how many shown sites have it,
// a date range, a condition typed on any attribute, and the active
// conditions as chips that remove themselves, with "Clear all".
type FilterPanel struct {
	widget.BaseWidget
	// OnChanged is called with the new filter whenever the user changes it.
	OnChanged func(filter.Filter)

	conds  filter.Filter
	facets map[string][]filter.Count
	titles map[string]string // the layers' titles by id
	attrs  []string          // the attributes offered under "Any attribute"
	attr   string            // the one chosen there

	chips    *fyne.Container
	clearAll *widget.Button
	groups   map[string]*fyne.Container // a facet's check boxes
	from     *widget.Entry
	to       *widget.Entry
	expr     *widget.Entry
	message  *widget.Label
	content  fyne.CanvasObject
	// The "Any attribute" facet: which attribute, its values' boxes, and
	// a range for a numeric one.
	attrPick        *widget.Select
	attrGroup       *fyne.Container
	attrRange       *fyne.Container
	atLeast, atMost *widget.Entry
}

// NewFilterPanel returns a panel with no filter.
func NewFilterPanel() *FilterPanel {
	p := &FilterPanel{groups: map[string]*fyne.Container{}, facets: map[string][]filter.Count{}}
	p.chips = container.NewVBox()
	p.from, p.to = widget.NewEntry(), widget.NewEntry()
	p.from.SetPlaceHolder("From (2022)")
	p.to.SetPlaceHolder("To (2024-12-31)")
	p.from.OnSubmitted = func(string) { p.setDates() }
	p.to.OnSubmitted = func(string) { p.setDates() }
	p.expr = widget.NewEntry()
	p.expr.SetPlaceHolder("field=value, field>=N")
	p.expr.OnSubmitted = p.addExpr
	p.message = widget.NewLabel("")
	p.message.Wrapping = fyne.TextWrapWord
	p.message.Hide()
	items := []*widget.AccordionItem{}
	for _, f := range facetFields {
		g := container.NewVBox()
		p.groups[f.field] = g
		items = append(items, widget.NewAccordionItem(f.title, g))
	}
	items = append(items, widget.NewAccordionItem("Any attribute", p.newAttributeFacet()))
	p.clearAll = widget.NewButtonWithIcon("Clear all", theme.ContentClearIcon(), func() { p.SetFilter(nil); p.changed() })
	dates := container.NewVBox(p.from, container.NewBorder(nil, nil, nil, widget.NewButton("Apply", p.setDates), p.to))
	p.content = container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabelWithStyle("Filter", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), p.clearAll),
		p.chips, widget.NewAccordion(items...),
		widget.NewLabel("Dates"), dates,
		widget.NewLabel("Condition"), p.expr, p.message)
	p.ExtendBaseWidget(p)
	p.refresh()
	return p
}

// Filter returns the conditions set.
func (p *FilterPanel) Filter() filter.Filter { return slices.Clone(p.conds) }

// SetFilter sets the conditions, as the user would have.
func (p *FilterPanel) SetFilter(f filter.Filter) {
	p.conds = slices.Clone(f)
	p.refresh()
}

// SetFacets shows the counts of each facet's values.
func (p *FilterPanel) SetFacets(facets map[string][]filter.Count) {
	p.facets = facets
	p.refresh()
}

// Toggle checks or unchecks a facet's value, as a click on its box does.
func (p *FilterPanel) Toggle(field, value string, on bool) {
	i := slices.IndexFunc(p.conds, func(c filter.Cond) bool { return c.Field == field && c.Op == "=" })
	if i < 0 {
		if !on {
			return
		}
		p.conds = append(p.conds, filter.Cond{Field: field, Op: "="})
		i = len(p.conds) - 1
	}
	vals := slices.DeleteFunc(slices.Clone(p.conds[i].Values), func(v string) bool { return v == value })
	if on {
		vals = append(vals, value)
	}
	if len(vals) == 0 {
		p.conds = slices.Delete(p.conds, i, i+1)
	} else {
		p.conds[i].Values = vals
	}
	p.changed()
}

// Remove takes a condition off, as its chip's button does.
func (p *FilterPanel) Remove(i int) {
	if i >= 0 && i < len(p.conds) {
		p.conds = slices.Delete(p.conds, i, i+1)
		p.changed()
	}
}

func (p *FilterPanel) setDates() {
	p.conds = slices.DeleteFunc(p.conds, func(c filter.Cond) bool { return c.Field == "date" })
	if p.from.Text != "" || p.to.Text != "" {
		c, err := filter.Parse("date=" + p.from.Text + ".." + p.to.Text)
		if err != nil {
			p.say(err)
			return
		}
		p.conds = append(p.conds, c)
	}
	p.changed()
}

func (p *FilterPanel) addExpr(text string) {
	c, err := filter.Parse(text)
	if err != nil {
		p.say(err)
		return
	}
	p.conds = append(p.conds, c)
	p.expr.SetText("")
	p.changed()
}

// say shows what was wrong with what the user typed.
func (p *FilterPanel) say(err error) {
	p.message.SetText(err.Error())
	p.message.Show()
}

func (p *FilterPanel) changed() {
	p.message.Hide()
	p.refresh()
	if p.OnChanged != nil {
		p.OnChanged(p.Filter())
	}
}

// refresh rebuilds the chips and the facets' check boxes from the state.
func (p *FilterPanel) refresh() {
	p.chips.RemoveAll()
	for i, c := range p.conds {
		p.chips.Add(widget.NewButtonWithIcon(c.String(), theme.CancelIcon(), func() { p.Remove(i) }))
	}
	p.refreshAttribute()
	for _, f := range facetFields {
		g := p.groups[f.field]
		g.RemoveAll()
		for _, fc := range p.facets[f.field] {
			label := fc.Value
			switch f.field {
			case "layer":
				if t, ok := p.titles[fc.Value]; ok {
					label = t
				}
			case "kind":
				label = style.KindLabel(fc.Value)
			case "status":
				label = style.StatusLabel(fc.Value)
			}
			check := widget.NewCheck(fmt.Sprintf("%s (%s)", shorten(label, facetLabel), data.Thousands(fc.N)), nil)
			check.SetChecked(p.has(f.field, fc.Value))
			field, value := f.field, fc.Value
			check.OnChanged = func(on bool) { p.Toggle(field, value, on) }
			g.Add(check)
		}
	}
	p.Refresh()
}

// facetLabel is how many letters of a value a facet's box shows: the
// panel stays narrow, and the map keeps the width.
const facetLabel = 26

// shorten cuts text to at most n letters, an ellipsis marking the cut.
func shorten(text string, n int) string {
	r := []rune(text)
	if len(r) <= n {
		return text
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// has reports whether a facet's value is checked.
func (p *FilterPanel) has(field, value string) bool {
	for _, c := range p.conds {
		if c.Field == field && c.Op == "=" && slices.Contains(c.Values, value) {
			return true
		}
	}
	return false
}

// CreateRenderer is part of fyne.Widget.
func (p *FilterPanel) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewVScroll(p.content))
}

// facetsOf counts every facet's values under f over layers; it runs off
// the UI thread.
// attr is the attribute chosen under "Any attribute", counted too.
func facetsOf(ctx context.Context, f filter.Filter, cat *data.Catalog, layers []*layer.Layer, cols *filter.Columns, attr string) (map[string][]filter.Count, error) {
	fields := make([]string, len(facetFields))
	for i, ff := range facetFields {
		fields[i] = ff.field
	}
	if attr != "" {
		fields = append(fields, attr)
	}
	return f.Facets(ctx, cat, layers, cols, fields, facetLimit)
}

// attributesOf are the attributes of layers' first features, each once,
// for the filter's "Any attribute"; those the other facets read (kind,
// country_name...) and the ids and names are left out.
func attributesOf(layers []*layer.Layer) []string {
	var out []string
	for _, l := range layers {
		for _, a := range data.FieldNames(l, 500) {
			f := filter.FieldOf(a)
			if f == "id" || f == "name" || slices.ContainsFunc(facetFields, func(ff facetField) bool { return ff.field == f }) {
				continue
			}
			if !slices.Contains(out, a) {
				out = append(out, a)
			}
		}
	}
	return out
}
