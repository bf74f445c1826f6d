package render

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"sync"

	"github.com/lodemap/lodemap/geo/style"
	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// Raster draws a Scene into a new RGBA image. scale is the pixel ratio:
// 1 for a normal screen, 2 for a HiDPI one, dpi/96 for print, so markers and
// labels keep their look at any resolution.
func Raster(s *Scene, scale float64) *image.RGBA {
	w := int(math.Ceil(s.Width * scale))
	h := int(math.Ceil(s.Height * scale))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.NewUniform(s.Background), image.Point{}, draw.Src)
	drawLand(img, s.Land, scale)
	for _, g := range s.Groups {
		for _, m := range g.Markers {
			stamp(img, m, scale)
		}
	}
	if s.Highlight != nil {
		stamp(img, *s.Highlight, scale)
	}
	drawLabels(img, s.Labels, scale)
	drawAttribution(img, s, scale)
	return img
}

func drawLand(img *image.RGBA, polys []Polygon, scale float64) {
	if len(polys) == 0 {
		return
	}
	b := img.Bounds()
	var r vector.Rasterizer
	r.Reset(b.Dx(), b.Dy())
	for _, p := range polys {
		for _, ring := range p.Rings {
			for i, pt := range ring {
				x, y := float32(pt[0]*scale), float32(pt[1]*scale)
				if i == 0 {
					r.MoveTo(x, y)
				} else {
					r.LineTo(x, y)
				}
			}
			r.ClosePath()
		}
	}
	r.Draw(img, b, image.NewUniform(polys[0].Fill), image.Point{})
	for _, p := range polys {
		for _, ring := range p.Rings {
			for i := 1; i < len(ring); i++ {
				line(img, ring[i-1][0]*scale, ring[i-1][1]*scale, ring[i][0]*scale, ring[i][1]*scale, p.Stroke)
			}
		}
	}
}

// line draws an anti-aliased 1-pixel line (Xiaolin Wu), clipped to the image.
func line(img *image.RGBA, x0, y0, x1, y1 float64, c color.NRGBA) {
	b := img.Bounds()
	if (x0 < 0 && x1 < 0) || (y0 < 0 && y1 < 0) || (x0 > float64(b.Dx()) && x1 > float64(b.Dx())) || (y0 > float64(b.Dy()) && y1 > float64(b.Dy())) {
		return
	}
	steep := math.Abs(y1-y0) > math.Abs(x1-x0)
	if steep {
		x0, y0, x1, y1 = y0, x0, y1, x1
	}
	if x0 > x1 {
		x0, x1, y0, y1 = x1, x0, y1, y0
	}
	dx, dy := x1-x0, y1-y0
	grad := 1.0
	if dx > 0 {
		grad = dy / dx
	}
	y := y0 + grad*(math.Round(x0)-x0)
	for x := math.Round(x0); x <= math.Round(x1); x++ {
		fy := math.Floor(y)
		f := y - fy
		if steep {
			blend(img, int(fy), int(x), c, 1-f)
			blend(img, int(fy)+1, int(x), c, f)
		} else {
			blend(img, int(x), int(fy), c, 1-f)
			blend(img, int(x), int(fy)+1, c, f)
		}
		y += grad
	}
}

// blend paints colour c over pixel (x, y) with coverage a.
func blend(img *image.RGBA, x, y int, c color.NRGBA, a float64) {
	if !(image.Point{x, y}.In(img.Rect)) || a <= 0 {
		return
	}
	i := img.PixOffset(x, y)
	p := img.Pix[i : i+4 : i+4]
	al := a * float64(c.A) / 255
	p[0] = uint8(float64(c.R)*al + float64(p[0])*(1-al) + 0.5)
	p[1] = uint8(float64(c.G)*al + float64(p[1])*(1-al) + 0.5)
	p[2] = uint8(float64(c.B)*al + float64(p[2])*(1-al) + 0.5)
	p[3] = uint8(255*al + float64(p[3])*(1-al) + 0.5)
}

type spriteKey struct {
	m        style.Marker
	scale    float64
	selected bool
	hovered  bool
}

var sprites sync.Map // spriteKey -> *image.RGBA

// stamp copies the marker's pre-rendered sprite onto the image.
func stamp(img *image.RGBA, m Marker, scale float64) {
	sp := sprite(spriteKey{m.Style, scale, m.Selected, m.Hovered})
	half := sp.Rect.Dx() / 2
	x := int(math.Round(m.X*scale)) - half
	y := int(math.Round(m.Y*scale)) - half
	r := image.Rect(x, y, x+sp.Rect.Dx(), y+sp.Rect.Dy())
	draw.Draw(img, r, sp, image.Point{}, draw.Over)
}

func sprite(k spriteKey) *image.RGBA {
	if v, ok := sprites.Load(k); ok {
		return v.(*image.RGBA)
	}
	sp := drawSprite(k)
	sprites.Store(k, sp)
	return sp
}

// drawSprite renders one marker: a halo ring when selected, then the outline
// band in the kind's colour, then the inside (colour when solid, white when
// hollow or dashed).
func drawSprite(k spriteKey) *image.RGBA {
	r := style.MarkerSize / 2
	if k.selected {
		r *= 1.3
	} else if k.hovered {
		r *= 1.2
	}
	sw := style.StrokeWidth
	pad := r*1.4 + style.HaloWidth*2 + 2
	size := int(math.Ceil(2 * pad * k.scale))
	size += size % 2
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	c := float64(size) / 2
	fill := func(pts [][2]float64, col color.NRGBA) {
		var ras vector.Rasterizer
		ras.Reset(size, size)
		for i, p := range pts {
			x, y := float32(c+p[0]*k.scale), float32(c+p[1]*k.scale)
			if i == 0 {
				ras.MoveTo(x, y)
			} else {
				ras.LineTo(x, y)
			}
		}
		ras.ClosePath()
		ras.Draw(img, img.Bounds(), image.NewUniform(col), image.Point{})
	}
	shape := k.m.Shape
	if k.selected {
		fill(shape.Outline(r+sw/2+style.HaloWidth), style.Highlight)
		fill(shape.Outline(r+sw/2+1), style.HollowInside)
	}
	outline := darken(k.m.Color)
	inside := k.m.Color
	if k.m.Fill != style.Solid {
		outline, inside = k.m.Color, style.HollowInside
	}
	if k.m.Fill == style.Dashed {
		fill(shape.Outline(r+sw/2), style.HollowInside)
		for _, dash := range dashes(shape, r+sw/2+0.5, r-sw) {
			fill(dash, outline)
		}
	} else {
		fill(shape.Outline(r+sw/2), outline)
	}
	inner := sw
	if k.m.Fill == style.Solid {
		inner = sw / 2
	}
	fill(shape.Outline(r+sw/2-inner), inside)
	return img
}

// dashes cuts the band between two outlines into dash quads.
func dashes(shape style.Shape, outer, inner float64) [][][2]float64 {
	o := densify(shape.Outline(outer), 32)
	in := densify(shape.Outline(inner), 32)
	var out [][][2]float64
	for i := 0; i < len(o); i++ {
		if (i*8/len(o))%2 == 1 {
			continue
		}
		j := (i + 1) % len(o)
		out = append(out, [][2]float64{o[i], o[j], in[j], in[i]})
	}
	return out
}

// densify splits each edge of a closed outline so that it has about n
// points in all.
func densify(pts [][2]float64, n int) [][2]float64 {
	var out [][2]float64
	per := max(1, n/len(pts))
	for i, p := range pts {
		q := pts[(i+1)%len(pts)]
		for s := 0; s < per; s++ {
			t := float64(s) / float64(per)
			out = append(out, [2]float64{p[0] + (q[0]-p[0])*t, p[1] + (q[1]-p[1])*t})
		}
	}
	return out
}

func darken(c color.NRGBA) color.NRGBA {
	return color.NRGBA{uint8(float64(c.R) * 0.6), uint8(float64(c.G) * 0.6), uint8(float64(c.B) * 0.6), c.A}
}

func drawLabels(img *image.RGBA, labels []Label, scale float64) {
	faceMu.Lock()
	defer faceMu.Unlock()
	for _, l := range labels {
		f := face(style.LabelSize*scale, l.Bold)
		drawText(img, f, l.Text, l.X*scale, l.Y*scale, style.LabelText, style.LabelHalo, scale)
	}
}

// drawText draws s with a halo, baseline at (x, y) in image pixels.
func drawText(img *image.RGBA, f font.Face, s string, x, y float64, fg, halo color.NRGBA, scale float64) {
	d := font.Drawer{Dst: img, Face: f, Src: image.NewUniform(halo)}
	h := math.Max(1, math.Round(scale*1.2))
	for dy := -h; dy <= h; dy++ {
		for dx := -h; dx <= h; dx++ {
			if dx == 0 && dy == 0 {
				continue
			}
			d.Dot = fixed.Point26_6{X: fixed.Int26_6((x + dx) * 64), Y: fixed.Int26_6((y + dy) * 64)}
			d.DrawString(s)
		}
	}
	d.Src = image.NewUniform(fg)
	d.Dot = fixed.Point26_6{X: fixed.Int26_6(x * 64), Y: fixed.Int26_6(y * 64)}
	d.DrawString(s)
}

// AttributionSize is the text size of the attribution lines.
const AttributionSize = 10.0

func drawAttribution(img *image.RGBA, s *Scene, scale float64) {
	if len(s.Attribution) == 0 {
		return
	}
	faceMu.Lock()
	defer faceMu.Unlock()
	f := face(AttributionSize*scale, false)
	lineH := AttributionSize * 1.3 * scale
	wmax := 0.0
	for _, a := range s.Attribution {
		wmax = math.Max(wmax, fixedToFloat(font.MeasureString(f, a)))
	}
	pad := 4 * scale
	x0 := float64(img.Rect.Dx()) - wmax - 2*pad
	y0 := float64(img.Rect.Dy()) - float64(len(s.Attribution))*lineH - 2*pad
	bg := image.Rect(int(x0), int(y0), img.Rect.Dx(), img.Rect.Dy())
	draw.Draw(img, bg, image.NewUniform(color.NRGBA{255, 255, 255, 200}), image.Point{}, draw.Over)
	d := font.Drawer{Dst: img, Face: f, Src: image.NewUniform(style.LabelText)}
	for i, a := range s.Attribution {
		d.Dot = fixed.Point26_6{X: fixed.Int26_6((x0 + pad) * 64), Y: fixed.Int26_6((y0 + pad + float64(i+1)*lineH - 0.3*AttributionSize*scale) * 64)}
		d.DrawString(a)
	}
}

// Swatch returns the marker as drawn on the map, for legends and layer keys.
// The sprite's transparent margin is cropped.
func Swatch(m style.Marker, scale float64) image.Image {
	sp := sprite(spriteKey{m: m, scale: scale})
	b := image.Rectangle{}
	for y := sp.Rect.Min.Y; y < sp.Rect.Max.Y; y++ {
		for x := sp.Rect.Min.X; x < sp.Rect.Max.X; x++ {
			if sp.Pix[sp.PixOffset(x, y)+3] != 0 {
				b = b.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return sp.SubImage(b)
}
