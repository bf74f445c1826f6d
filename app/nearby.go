package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/lodemap/lodemap/geo/index"
	"github.com/lodemap/lodemap/geo/layer"
)

// nearRadii are the radii the Nearby section offers, in km.
var nearRadii = []float64{10, 25, 50, 100, 250, 500}

// nearLimit is how many nearby sites the section lists.
const nearLimit = 20

// nearby is the details panel's Nearby section: the other sites within a
// chosen radius of the one shown, nearest first, with distance and
// bearing; a click shows one.
func (p *DetailsPanel) nearby() fyne.CanvasObject {
	if p.Nearby == nil {
		return nil
	}
	if p.nearKm == 0 {
		p.nearKm = 50
	}
	var labels []string
	for _, km := range nearRadii {
		labels = append(labels, fmt.Sprintf("within %g km", km))
	}
	radius := widget.NewSelect(labels, nil)
	radius.SetSelected(fmt.Sprintf("within %g km", p.nearKm))
	radius.OnChanged = func(s string) {
		for i, l := range labels {
			if l == s && nearRadii[i] != p.nearKm {
				p.nearKm = nearRadii[i]
				p.rebuild()
			}
		}
	}
	head := container.NewBorder(nil, nil, widget.NewLabelWithStyle("Nearby", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, radius)
	box := container.NewVBox(head)
	near := p.Nearby(p.site, p.nearKm, nearLimit)
	if len(near) == 0 {
		box.Add(widget.NewLabel(fmt.Sprintf("No other site within %g km.", p.nearKm)))
	}
	for _, n := range near {
		site := n.Layer.Site(n.Index)
		b := widget.NewButton(nearText(n), func() {
			if p.OnNearby != nil {
				p.OnNearby(site)
			}
		})
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		box.Add(b)
	}
	p.nearRows = near
	return box
}

// nearText is a nearby site's line: its name, distance and bearing.
func nearText(n index.Near) string {
	return fmt.Sprintf("%s · %s %s", shorten(n.Layer.Names[n.Index], 22), kmText(n.Km), index.Compass(n.Bearing))
}

// kmText is a distance as a reader wants it: "850 m", "12.5 km", "243 km".
func kmText(km float64) string {
	switch {
	case km < 1:
		return fmt.Sprintf("%.0f m", km*1000)
	case km < 100:
		return fmt.Sprintf("%.1f km", km)
	}
	return fmt.Sprintf("%.0f km", km)
}

// NearbySites lists the shown sites near s, as the details panel's Nearby
// asks: the visible layers' features the filter lets through, s left out.
func (w *Window) NearbySites(s layer.Site, km float64, limit int) []index.Near {
	r, ok := w.cat.Ref(s)
	if !ok || !r.Layer.Located(r.Index) {
		return nil
	}
	filter := w.Map.Filter()
	var shown []*index.Layer
	for _, x := range w.Map.Indexes() {
		if w.Map.LayerVisible(x.Layer.ID) {
			shown = append(shown, x)
		}
	}
	return index.Nearby(shown, r.Layer.LonLat[r.Index], km, limit, func(l *layer.Layer, i int) bool {
		return (l == r.Layer && i == r.Index) || !filter[l.ID].Has(i)
	})
}
