package raster

import (
	"image"
	"image/draw"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"

	"github.com/lodemap/lodemap/geo/render"
)

// faces are a canvas's own font faces by pixel size: a face is not safe for
// concurrent use, so no two drawings share one.
type faces map[faceKey]font.Face

type faceKey struct {
	size float64
	bold bool
}

func (f faces) get(size float64, bold bool) font.Face {
	k := faceKey{size, bold}
	fc, ok := f[k]
	if !ok {
		fc = render.NewFace(size, bold)
		f[k] = fc
	}
	return fc
}

// Text implements render.Backend: a halo, when asked for, is the text as
// if drawn shifted round its place in the halo colour, under the text.
// The glyphs are drawn once, into a mask, and the halo made from the mask:
// drawing them nine times cost a frame of many labels most of its time.
func (c *Canvas) Text(t render.Text) {
	if c.recording {
		c.calls = append(c.calls, call{kind: callText, text: &t})
		return
	}
	c.flush()
	s := c.scale
	x, y := t.X*s, t.Y*s
	h := 0
	if t.Halo.A != 0 {
		h = int(math.Max(1, math.Round(s*render.HaloWidth)))
	}
	// The masks are made for the text placed at (fx/64, fy/64) within a
	// pixel (the glyphs' own fixed point), and kept: the same label drawn
	// again at the same fraction of a pixel, as at the next frame, is
	// stamped from them.
	p := dot(x, y)
	k := textKey{text: t.Text, size: t.Size * s, bold: t.Bold, halo: h, fx: uint8(p.X & 63), fy: uint8(p.Y & 63)}
	m := cachedTextMask(k, func() *textMask { return textMaskOf(c.faces.get(t.Size*s, t.Bold), t.Text, k.fx, k.fy, h) })
	r := m.glyphs.Rect.Add(image.Pt(p.X.Floor(), p.Y.Floor()))
	if !r.Overlaps(c.img.Rect) {
		return
	}
	if h > 0 {
		draw.DrawMask(c.img, r, image.NewUniform(t.Halo), image.Point{}, m.halo, m.glyphs.Rect.Min, draw.Over)
	}
	draw.DrawMask(c.img, r, image.NewUniform(t.Color), image.Point{}, m.glyphs, m.glyphs.Rect.Min, draw.Over)
}

// textMaskOf draws a text placed at (fx/64, fy/64) within pixel (0, 0)
// into a mask of its glyphs and h pixels of halo round them, and makes the
// halo's mask.
func textMaskOf(face font.Face, text string, fx, fy uint8, h int) *textMask {
	at := fixed.Point26_6{X: fixed.Int26_6(fx), Y: fixed.Int26_6(fy)}
	b, _ := font.BoundString(face, text)
	b = b.Add(at)
	r := image.Rect(b.Min.X.Floor()-h-1, b.Min.Y.Floor()-h-1, b.Max.X.Ceil()+h+1, b.Max.Y.Ceil()+h+1)
	m := &textMask{glyphs: image.NewAlpha(r)}
	d := font.Drawer{Dst: m.glyphs, Src: image.Opaque, Face: face, Dot: at}
	d.DrawString(text)
	if h > 0 {
		m.halo = halo(m.glyphs, h)
	}
	return m
}

// halo is the coverage of a mask drawn shifted by every step of up to h
// pixels but none, one over another: at each pixel, one less the product
// of what each shifted copy leaves uncovered.
func halo(m *image.Alpha, h int) *image.Alpha {
	out := image.NewAlpha(m.Rect)
	w, ht := m.Rect.Dx(), m.Rect.Dy()
	for py := 0; py < ht; py++ {
		for px := 0; px < w; px++ {
			left := 1.0
			for dy := -h; dy <= h; dy++ {
				sy := py - dy
				if sy < 0 || sy >= ht {
					continue
				}
				row := m.Pix[sy*m.Stride:]
				for dx := -h; dx <= h; dx++ {
					sx := px - dx
					if (dx == 0 && dy == 0) || sx < 0 || sx >= w || row[sx] == 0 {
						continue
					}
					left *= 1 - float64(row[sx])/255
				}
			}
			out.Pix[py*out.Stride+px] = uint8(math.Round((1 - left) * 255))
		}
	}
	return out
}

func dot(x, y float64) fixed.Point26_6 {
	return fixed.Point26_6{X: fixed.Int26_6(x * 64), Y: fixed.Int26_6(y * 64)}
}
