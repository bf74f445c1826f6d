package raster

import (
	"image"
	"image/color"
	"image/draw"
	"sync"

	"golang.org/x/image/vector"
)

// masks keep coverage buffers (a byte a pixel) between fills.
var masks = sync.Pool{New: func() any { return new([]byte) }}

// paintCoverage paints col over img's pixels in b, as much as the rings
// added to r (reset to b's size) cover each. The rasterizer writes its
// coverage into a byte mask, its fastest path, and only the pixels the
// mask covers are blended: the many small polygons of a crowded layer
// leave much of their bounding boxes bare.
func paintCoverage(img *image.RGBA, b image.Rectangle, r *vector.Rasterizer, col color.NRGBA) {
	w, h := b.Dx(), b.Dy()
	buf := masks.Get().(*[]byte)
	defer masks.Put(buf)
	if cap(*buf) < w*h {
		*buf = make([]byte, w*h)
	}
	mask := &image.Alpha{Pix: (*buf)[:w*h], Stride: w, Rect: image.Rect(0, 0, w, h)}
	r.DrawOp = draw.Src
	r.Draw(mask, mask.Rect, image.Opaque, image.Point{})
	blendMask(img, b, mask.Pix, col)
}

// blendMask blends col over img's pixels in b by coverage (w*h bytes, a
// row of b at a time), in premultiplied RGBA as draw.Over does.
func blendMask(img *image.RGBA, b image.Rectangle, coverage []byte, col color.NRGBA) {
	const full = 255 * 255
	w := b.Dx()
	cr, cg, cb, ca := uint32(col.R), uint32(col.G), uint32(col.B), uint32(col.A)
	for y := range b.Dy() {
		row := coverage[y*w : (y+1)*w]
		pix := img.Pix[img.PixOffset(b.Min.X, b.Min.Y+y):]
		for x, m := range row {
			if m == 0 {
				continue
			}
			a := uint32(m) * ca // the source's alpha, of full
			k := full - a
			p := pix[4*x : 4*x+4 : 4*x+4]
			p[0] = uint8((cr*a + uint32(p[0])*k + full/2) / full)
			p[1] = uint8((cg*a + uint32(p[1])*k + full/2) / full)
			p[2] = uint8((cb*a + uint32(p[2])*k + full/2) / full)
			p[3] = uint8((255*a + uint32(p[3])*k + full/2) / full)
		}
	}
}
