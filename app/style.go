package app

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/style"
)

// Style choices, in the order the dialog offers them.
const (
	styleByKind     = "Kind and status"
	styleSingle     = "One colour"
	styleByCategory = "A colour per value of"
	styleBySize     = "A size by the number in"
)

// colourNames name the palette's colours for the one-colour style.
var colourNames = []string{"Orange", "Sky blue", "Green", "Blue", "Vermillion", "Dark grey",
	"Brown", "Teal", "Ochre", "Violet", "Leaf green", "Olive", "Salmon", "Navy"}

// StylePanel is the dialog content that sets a layer's style: what the
// colours follow, the attribute, the colour.
type StylePanel struct {
	Mode, Field, Colour *widget.Select
	Status              *widget.Label
	layer               *layer.Layer
	form                *widget.Form
}

// NewStylePanel returns the style choices for l, set to its style st.
func NewStylePanel(l *layer.Layer, st *style.Layer) *StylePanel {
	p := &StylePanel{layer: l, Status: widget.NewLabel("")}
	var names []string
	for _, f := range data.Fields(l.Head(2000)) {
		names = append(names, f.Name)
	}
	p.Mode = widget.NewSelect([]string{styleByKind, styleSingle, styleByCategory, styleBySize}, func(string) { p.update() })
	p.Field = widget.NewSelect(names, nil)
	p.Colour = widget.NewSelect(colourNames, nil)
	p.Colour.SetSelected(colourNames[0])
	p.Mode.SetSelected(styleByKind)
	if st != nil {
		p.Mode.SetSelected([]string{styleByKind, styleSingle, styleByCategory, styleBySize}[st.Mode])
		p.Field.SetSelected(st.Field)
		for i, c := range style.Palette {
			if c == st.Color && i < len(colourNames) {
				p.Colour.SetSelected(colourNames[i])
			}
		}
	}
	p.form = widget.NewForm(widget.NewFormItem("Colours follow", p.Mode), widget.NewFormItem("Attribute", p.Field),
		widget.NewFormItem("Colour", p.Colour), widget.NewFormItem("", p.Status))
	p.update()
	return p
}

// update enables the choices the mode uses.
func (p *StylePanel) update() {
	if p.Field == nil || p.Colour == nil {
		return
	}
	byAttr := p.Mode.Selected == styleByCategory || p.Mode.Selected == styleBySize
	setEnabled(p.Field, byAttr)
	setEnabled(p.Colour, p.Mode.Selected == styleSingle || p.Mode.Selected == styleBySize)
}

func setEnabled(w fyne.Disableable, on bool) {
	if on {
		w.Enable()
	} else {
		w.Disable()
	}
}

// Spec is the style the choices make.
func (p *StylePanel) Spec() (style.Spec, error) {
	var spec style.Spec
	switch p.Mode.Selected {
	case styleSingle:
		spec.Mode = style.Single
	case styleByCategory:
		spec.Mode = style.ByCategory
	case styleBySize:
		spec.Mode = style.BySize
	default:
		return spec, nil
	}
	if spec.Mode != style.Single {
		if p.Field.Selected == "" {
			return spec, fmt.Errorf("choose an attribute")
		}
		spec.Field = p.Field.Selected
	}
	spec.Color = colourOf(p.Colour.Selected)
	return spec, nil
}

func colourOf(name string) color.NRGBA {
	for i, n := range colourNames {
		if n == name {
			return style.Palette[i]
		}
	}
	return style.Palette[0]
}

// ShowStyleDialog asks how a layer's features are coloured and sized,
// then works the style out off the UI thread; the map, its key and
// exports follow. It returns the panel, for tests.
func (w *Window) ShowStyleDialog(layerID string) *StylePanel {
	var l *layer.Layer
	for _, x := range w.Map.Layers() {
		if x.ID == layerID {
			l = x
		}
	}
	if l == nil {
		return nil
	}
	p := NewStylePanel(l, w.Map.Style(layerID))
	d := dialog.NewCustomConfirm("Style of "+l.Title, "Apply", "Cancel", p.form, func(ok bool) {
		if ok {
			w.ApplyStyle(p)
		}
	}, w)
	d.Resize(fyne.NewSize(420, 260))
	d.Show()
	w.stylePanel = p
	return p
}

// ApplyStyle works out the panel's style for its layer in the background
// and sets it; what goes wrong is said in the status line.
func (w *Window) ApplyStyle(p *StylePanel) {
	spec, err := p.Spec()
	if err != nil {
		w.status.SetText("Style not changed: " + err.Error())
		return
	}
	ctx, done := w.jobs.start()
	l := p.layer
	go func() {
		defer done()
		st, err := data.Style(ctx, l, spec)
		uiDo(func() {
			if err != nil {
				w.status.SetText("Style not changed: " + err.Error())
				return
			}
			w.setStyle(l.ID, st)
		})
	}()
}

// setStyle shows a layer with a style, on the map and in its key.
func (w *Window) setStyle(id string, st *style.Layer) {
	w.Map.SetStyle(id, st)
	w.Layers.SetStyle(id, st)
}

// defaultStyles works out, in the background, the styles the dataset's
// layers open with (data.DefaultStyle): files without kinds are coloured
// by a category of theirs.
func (w *Window) defaultStyles(layers []*layer.Layer) {
	ctx, done := w.jobs.start()
	go func() {
		defer done()
		for id, st := range data.DefaultStyles(ctx, layers) {
			uiDo(func() { w.setStyle(id, st) })
		}
	}()
}
