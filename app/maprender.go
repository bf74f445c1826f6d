package app

import (
	"context"
	"image"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"

	"github.com/lodemap/lodemap/geo/style"
)

// uiDo runs f on the UI thread. Tests replace it to run the UI callbacks on
// the test's goroutine, which plays the UI thread there.
var uiDo = fyne.Do

// start runs the render loop, unless it runs already. The widget's
// renderer starts it; Close ends it.
func (m *MapView) start() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.stop != nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	m.stop = cancel
	go m.renderLoop(ctx)
}

// Close ends the render loop and cancels the frame it is drawing. The
// window calls it when it closes, the renderer when it is destroyed; a
// renderer made again starts a new loop.
func (m *MapView) Close() {
	m.mu.Lock()
	stop := m.stop
	m.stop = nil
	m.mu.Unlock()
	if stop != nil {
		stop()
	}
}

// renderLoop renders a frame whenever one is requested, off the UI thread,
// until ctx is done; requests that arrive while a frame renders fold into
// one.
func (m *MapView) renderLoop(ctx context.Context) {
	var rendered uint64 // the last generation this loop rendered
	for {
		select {
		case <-ctx.Done():
			return
		case <-m.renders:
		}
		m.mu.Lock()
		in := m.inputLocked()
		in.Hovered = m.hovered
		v := in.View
		scale, gen := m.scale, m.gen
		m.mu.Unlock()
		if gen == rendered || v.Width < 1 || v.Height < 1 {
			continue // a folded request already rendered, or nothing to draw
		}
		m.forgetArrived()
		m.mu.Lock()
		spare := m.spare
		m.spare = nil
		m.mu.Unlock()
		img, scene, err := m.tiles.Frame(ctx, in, float64(scale), spare)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			m.trace.printf("render error: %v", err)
			continue
		}
		rendered = gen
		m.loadTiles(ctx, in)
		uiDo(func() {
			m.mu.Lock()
			// The frame shown until now is drawn into next time.
			m.spare = m.frame
			m.frame, m.frameFor, m.scene = img, v, scene
			m.mu.Unlock()
			m.Refresh()
			m.trace.frame(m, v)
			m.mu.Lock()
			m.frameGen = gen // shown: set last, so waiting for it waits for the refresh too
			m.mu.Unlock()
		})
	}
}

func copyHidden(h map[string]bool) map[string]bool {
	out := make(map[string]bool, len(h))
	for k, v := range h {
		out[k] = v
	}
	return out
}

func (m *MapView) requestRender() {
	m.mu.Lock()
	m.gen++
	m.mu.Unlock()
	select {
	case m.renders <- struct{}{}:
	default:
	}
}

type mapRenderer struct {
	m       *MapView
	bg      *canvas.Rectangle
	img     *canvas.Image
	tipBox  *canvas.Rectangle
	tipText *canvas.Text
	shown   *image.RGBA
}

func newMapRenderer(m *MapView) *mapRenderer {
	r := &mapRenderer{m: m,
		bg:      canvas.NewRectangle(style.Sea),
		img:     &canvas.Image{FillMode: canvas.ImageFillStretch, ScaleMode: canvas.ImageScaleFastest},
		tipBox:  canvas.NewRectangle(color.NRGBA{0x20, 0x20, 0x20, 0xE8}),
		tipText: canvas.NewText("", color.White),
	}
	r.tipBox.CornerRadius = 4
	r.tipText.TextSize = theme.TextSize()
	r.tipBox.Hide()
	r.tipText.Hide()
	return r
}

// Layout places the last frame where its view lies in the current view:
// shifted while panning and scaled while zooming, until the next frame.
func (r *mapRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	m := r.m
	m.mu.Lock()
	cur, fv := m.view, m.frameFor
	tip, pos := m.hoverTip, m.hoverPos
	m.mu.Unlock()
	if fv.Width > 0 && cur.Width > 0 {
		s := cur.WorldSize() / fv.WorldSize()
		cx, cy := cur.ToPixel(fv.Center)
		w, h := fv.Width*s, fv.Height*s
		r.img.Move(fyne.NewPos(float32(cx-w/2), float32(cy-h/2)))
		r.img.Resize(fyne.NewSize(float32(w), float32(h)))
	}
	r.layoutTip(tip, pos, size)
}

func (r *mapRenderer) layoutTip(tip string, pos fyne.Position, size fyne.Size) {
	if tip == "" {
		r.tipBox.Hide()
		r.tipText.Hide()
		return
	}
	r.tipText.Text = tip
	ts := r.tipText.MinSize()
	pad := float32(6)
	box := fyne.NewSize(ts.Width+2*pad, ts.Height+pad)
	p := fyne.NewPos(pos.X+14, pos.Y+18)
	if p.X+box.Width > size.Width {
		p.X = max(0, size.Width-box.Width)
	}
	if p.Y+box.Height > size.Height {
		p.Y = pos.Y - box.Height - 8
	}
	r.tipBox.Move(p)
	r.tipBox.Resize(box)
	r.tipText.Move(fyne.NewPos(p.X+pad, p.Y+pad/2))
	r.tipText.Resize(ts)
	r.tipBox.Show()
	r.tipText.Show()
}

func (r *mapRenderer) MinSize() fyne.Size { return fyne.NewSize(200, 150) }

// Refresh shows a new frame if one arrived and re-places everything.
func (r *mapRenderer) Refresh() {
	m := r.m
	m.mu.Lock()
	frame := m.frame
	m.mu.Unlock()
	if frame != nil && frame != r.shown {
		r.shown = frame
		r.img.Image = frame
		r.img.Refresh()
	}
	r.tipText.Refresh()
	r.Layout(m.Size())
	canvas.Refresh(m)
}

func (r *mapRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.img, r.tipBox, r.tipText}
}

// Destroy ends the map's render loop.
func (r *mapRenderer) Destroy() { r.m.Close() }
