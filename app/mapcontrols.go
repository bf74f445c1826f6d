package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// mapControls are the zoom and home buttons laid on the map's lower left
// corner, as web maps have them, which leaves the toolbar room for a
// small window.
func (w *Window) mapControls() fyne.CanvasObject {
	button := func(icon fyne.Resource, tip string, onTap func()) *tipButton {
		b := &tipButton{tip: tip, tips: w.tips}
		b.Icon, b.OnTapped, b.Importance = icon, onTap, widget.LowImportance
		b.ExtendBaseWidget(b)
		return b
	}
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.CornerRadius = theme.InputRadiusSize()
	stack := container.NewVBox(
		button(theme.ZoomInIcon(), "Zoom in (+)", func() { w.Map.ZoomBy(keyZoomStep) }),
		button(theme.ZoomOutIcon(), "Zoom out (-)", func() { w.Map.ZoomBy(-keyZoomStep) }),
		button(theme.HomeIcon(), "Start view (Home)", w.Map.Home),
	)
	corner := container.NewStack(bg, stack)
	return container.NewBorder(nil, container.NewHBox(container.NewPadded(corner), layout.NewSpacer()), nil, nil)
}
