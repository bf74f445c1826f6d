package app

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/data/filter"
)

// The filter panel's "Any attribute" facet: pick one of the shown
// layers' attributes and tick its values, counted as the other facets'
// are; a numeric one also takes a range (at least, at most).

func (p *FilterPanel) newAttributeFacet() fyne.CanvasObject {
	p.attrPick = widget.NewSelect(nil, func(a string) {
		if a != p.attr {
			p.attr = a
			p.changed() // its values are counted with the filter
		}
	})
	p.attrPick.PlaceHolder = "Choose an attribute"
	p.attrGroup = container.NewVBox()
	p.atLeast, p.atMost = widget.NewEntry(), widget.NewEntry()
	p.atLeast.SetPlaceHolder("at least")
	p.atMost.SetPlaceHolder("at most")
	p.atLeast.OnSubmitted = func(string) { p.setRange() }
	p.atMost.OnSubmitted = func(string) { p.setRange() }
	p.attrRange = container.NewBorder(nil, nil, nil, widget.NewButton("Apply", p.setRange), container.NewGridWithColumns(2, p.atLeast, p.atMost))
	p.attrRange.Hide()
	return container.NewVBox(p.attrPick, p.attrRange, p.attrGroup)
}

// SetAttributes sets the attributes offered under "Any attribute".
func (p *FilterPanel) SetAttributes(attrs []string) {
	p.attrs = attrs
	p.attrPick.SetOptions(attrs)
	if p.attr != "" && !slices.Contains(attrs, p.attr) {
		p.attr = ""
		p.attrPick.ClearSelected()
	}
}

// SetLayerTitles names the layers in the Layer facet, by id.
func (p *FilterPanel) SetLayerTitles(titles map[string]string) { p.titles = titles }

// Attribute is the attribute chosen under "Any attribute", "" for none.
func (p *FilterPanel) Attribute() string { return p.attr }

// ChooseAttribute picks an attribute under "Any attribute", as the user
// would.
func (p *FilterPanel) ChooseAttribute(a string) { p.attrPick.SetSelected(a) }

// SetRange sets the chosen attribute's range, as typing it would ("" for
// an open end).
func (p *FilterPanel) SetRange(atLeast, atMost string) {
	p.atLeast.SetText(atLeast)
	p.atMost.SetText(atMost)
	p.setRange()
}

// setRange replaces the chosen attribute's range conditions with those
// typed.
func (p *FilterPanel) setRange() {
	a := p.attr
	if a == "" {
		return
	}
	p.conds = slices.DeleteFunc(p.conds, func(c filter.Cond) bool { return c.Field == a && (c.Op == ">=" || c.Op == "<=") })
	for _, r := range []struct{ op, text string }{{">=", p.atLeast.Text}, {"<=", p.atMost.Text}} {
		if t := strings.TrimSpace(r.text); t != "" {
			c, err := filter.Parse(a + r.op + t)
			if err != nil {
				p.say(err)
				return
			}
			p.conds = append(p.conds, c)
		}
	}
	p.changed()
}

// refreshAttribute shows the chosen attribute's values with their counts,
// and the range when they are numbers.
func (p *FilterPanel) refreshAttribute() {
	if p.attrGroup == nil {
		return
	}
	p.attrGroup.RemoveAll()
	counts := p.facets[p.attr]
	if p.attr == "" {
		p.attrRange.Hide()
		return
	}
	numeric := len(counts) > 0
	for _, fc := range counts {
		if _, err := strconv.ParseFloat(strings.ReplaceAll(fc.Value, ",", ""), 64); err != nil {
			numeric = false
		}
		check := widget.NewCheck(fmt.Sprintf("%s (%s)", shorten(fc.Value, facetLabel), data.Thousands(fc.N)), nil)
		check.SetChecked(p.has(p.attr, fc.Value))
		field, value := p.attr, fc.Value
		check.OnChanged = func(on bool) { p.Toggle(field, value, on) }
		p.attrGroup.Add(check)
	}
	if numeric {
		p.attrRange.Show()
	} else {
		p.attrRange.Hide()
	}
}
