package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/render/raster"
	"github.com/lodemap/lodemap/geo/style"
)

// LayerPanel lists the catalog's layers, each with a check box to show or
// hide it, its feature count and the key of the marker shapes it uses, then
// the key of the status fills.
type LayerPanel struct {
	widget.BaseWidget

	// OnToggle is called when the user shows or hides a layer.
	OnToggle func(layerID string, visible bool)

	checks map[string]*widget.Check
	box    *fyne.Container
}

// NewLayerPanel returns a panel with every layer switched on.
func NewLayerPanel(cat *data.Catalog) *LayerPanel {
	p := &LayerPanel{checks: map[string]*widget.Check{}, box: container.NewVBox()}
	p.ExtendBaseWidget(p)
	p.SetLayers(cat.Layers)
	return p
}

// SetLayers shows the given layers, keeping the check boxes of those
// already listed as they were.
func (p *LayerPanel) SetLayers(layers []*layer.Layer) {
	p.box.RemoveAll()
	p.box.Add(widget.NewLabelWithStyle("Layers", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	checks := map[string]*widget.Check{}
	for _, l := range layers {
		id := l.ID
		on := true
		if old, ok := p.checks[id]; ok {
			on = old.Checked
		}
		c := widget.NewCheck(fmt.Sprintf("%s (%d)", l.Title, l.Len()), nil)
		c.SetChecked(on)
		c.OnChanged = func(on bool) {
			if p.OnToggle != nil {
				p.OnToggle(id, on)
			}
		}
		checks[id] = c
		p.box.Add(c)
		for _, kc := range l.KindCounts() {
			p.box.Add(keyRow(style.For(kc.Kind, "operating"), fmt.Sprintf("%s (%d)", style.KindLabel(kc.Kind), kc.Count)))
		}
	}
	p.checks = checks
	p.box.Add(widget.NewSeparator())
	p.box.Add(widget.NewLabelWithStyle("Status", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for _, st := range []struct{ status, text string }{
		{"operating", "Operating or commissioning"},
		{"under_construction", "Under construction"},
		{"planned", "Planned, announced or proposed"},
	} {
		p.box.Add(keyRow(style.For("", st.status), st.text)) // a kind-neutral grey circle
	}
	p.Refresh()
}

// SetVisible sets a layer's check box, as the user would.
func (p *LayerPanel) SetVisible(layerID string, visible bool) {
	if c, ok := p.checks[layerID]; ok {
		c.SetChecked(visible)
	}
}

// Check returns a layer's check box.
func (p *LayerPanel) Check(layerID string) *widget.Check { return p.checks[layerID] }

// CreateRenderer is part of fyne.Widget.
func (p *LayerPanel) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewVScroll(p.box))
}

func keyRow(m style.Marker, text string) fyne.CanvasObject {
	img := canvas.NewImageFromImage(raster.Swatch(m, 2))
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(fyne.NewSize(22, 22))
	l := widget.NewLabel(text)
	return container.NewHBox(img, l)
}
