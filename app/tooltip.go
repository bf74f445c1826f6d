package app

import (
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// mod names the shortcut modifier as the system's keyboard does.
func mod(key string) string {
	if runtime.GOOS == "darwin" {
		return "Cmd+" + key
	}
	return "Ctrl+" + key
}

// toolAction is a toolbar button that says what it does when the pointer
// rests on it (Fyne's toolbar actions have no tooltips). The tip is drawn
// by tips, a layer of the window's own content: a pop-up would take the
// hover from the button and go at once.
type toolAction struct {
	icon  fyne.Resource
	tip   string
	onTap func()
	tips  *tipLayer
}

// ToolbarObject is part of widget.ToolbarItem.
func (a *toolAction) ToolbarObject() fyne.CanvasObject {
	b := &tipButton{tip: a.tip, tips: a.tips}
	b.Icon, b.OnTapped, b.Importance = a.icon, a.onTap, widget.LowImportance
	b.ExtendBaseWidget(b)
	return b
}

// tipButton is an icon button with a tooltip below it while hovered.
type tipButton struct {
	widget.Button
	tip  string
	tips *tipLayer
}

// MouseIn shows the tooltip.
func (b *tipButton) MouseIn(e *desktop.MouseEvent) {
	b.Button.MouseIn(e)
	d := fyne.CurrentApp().Driver()
	at := d.AbsolutePositionForObject(b).Subtract(d.AbsolutePositionForObject(b.tips.box))
	b.tips.show(b.tip, fyne.NewPos(at.X, at.Y+b.Size().Height+2))
}

// MouseOut hides the tooltip.
func (b *tipButton) MouseOut() {
	b.Button.MouseOut()
	b.tips.hide()
}

// Tapped hides the tooltip and acts.
func (b *tipButton) Tapped(e *fyne.PointEvent) {
	b.tips.hide()
	b.Button.Tapped(e)
}

// tipLayer draws one tooltip at a time over the window's content.
type tipLayer struct {
	box   *fyne.Container // laid over the content, taking no room
	label *widget.Label
	bg    *canvas.Rectangle
}

func newTipLayer() *tipLayer {
	t := &tipLayer{label: widget.NewLabel(""), bg: canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))}
	t.bg.StrokeColor, t.bg.StrokeWidth, t.bg.CornerRadius = theme.Color(theme.ColorNameSeparator), 1, 4
	t.box = container.NewWithoutLayout(t.bg, t.label)
	t.hide()
	return t
}

// Text is the tooltip shown, or "".
func (t *tipLayer) Text() string {
	if !t.label.Visible() {
		return ""
	}
	return t.label.Text
}

func (t *tipLayer) show(text string, at fyne.Position) {
	t.label.SetText(text)
	size := t.label.MinSize()
	t.label.Move(at)
	t.label.Resize(size)
	t.bg.Move(at)
	t.bg.Resize(size)
	t.label.Show()
	t.bg.Show()
	t.box.Refresh()
}

func (t *tipLayer) hide() {
	t.label.Hide()
	t.bg.Hide()
	t.box.Refresh()
}
