package raster

import (
	"image"
	"math"

	xdraw "golang.org/x/image/draw"
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

// Text implements render.Backend: a halo, when asked for, is the text drawn
// shifted around its place in the halo colour, under the text.
func (c *Canvas) Text(t render.Text) {
	if c.recording {
		c.calls = append(c.calls, call{kind: callText, text: &t})
		return
	}
	c.flush()
	s := c.scale
	d := font.Drawer{Dst: c.img, Face: c.faces.get(t.Size*s, t.Bold)}
	x, y := t.X*s, t.Y*s
	if t.Halo.A != 0 {
		d.Src = image.NewUniform(t.Halo)
		h := math.Max(1, math.Round(s*render.HaloWidth))
		for dy := -h; dy <= h; dy++ {
			for dx := -h; dx <= h; dx++ {
				if dx == 0 && dy == 0 {
					continue
				}
				d.Dot = dot(x+dx, y+dy)
				d.DrawString(t.Text)
			}
		}
	}
	d.Src = image.NewUniform(t.Color)
	d.Dot = dot(x, y)
	d.DrawString(t.Text)
}

func dot(x, y float64) fixed.Point26_6 {
	return fixed.Point26_6{X: fixed.Int26_6(x * 64), Y: fixed.Int26_6(y * 64)}
}

// Image implements render.Backend: the image is scaled smoothly into the
// rectangle.
func (c *Canvas) Image(img image.Image, x, y, w, h float64) {
	c.flush()
	s := c.scale
	r := image.Rect(int(math.Round(x*s)), int(math.Round(y*s)), int(math.Round((x+w)*s)), int(math.Round((y+h)*s)))
	if r.Size() == img.Bounds().Size() {
		xdraw.Draw(c.img, r, img, img.Bounds().Min, xdraw.Over)
		return
	}
	xdraw.CatmullRom.Scale(c.img, r, img, img.Bounds(), xdraw.Over, nil)
}
