package render

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"sync"

	"github.com/lodemap/lodemap/geo/style"
	"github.com/paulmach/orb"
	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// Raster draws a Scene into a new RGBA image. scale is the pixel ratio:
// 1 for a normal screen, 2 for a HiDPI one, dpi/96 for print, so markers and
// labels keep their look at any resolution.
func Raster(s *Scene, scale float64) *image.RGBA {
	img, _ := RasterTo(s, scale, nil)
	return img
}

// RasterTo is Raster with progress and cancellation.
func RasterTo(s *Scene, scale float64, k *Sink) (*image.RGBA, error) {
	w := int(math.Ceil(s.Width * scale))
	h := int(math.Ceil(s.Height * scale))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.NewUniform(s.Background), image.Point{}, draw.Src)
	total, done := s.Items(), 0
	drawLand(img, s.Land, scale)
	for _, p := range s.Land {
		done += len(p.Rings)
	}
	if err := k.check(done, total); err != nil {
		return nil, err
	}
	for _, g := range s.Groups {
		drawClusters(img, g.Clusters, scale)
		done += len(g.Clusters)
		for i, d := range g.Dots {
			sp := sprite(spriteKey{m: d.Style, scale: scale})
			half := sp.img.Rect.Dx() / 2
			sp.over(img, int(math.Round(float64(d.X)*scale))-half, int(math.Round(float64(d.Y)*scale))-half)
			if i%(16*checkEvery) == 0 {
				if err := k.check(done+i, total); err != nil {
					return nil, err
				}
			}
		}
		done += len(g.Dots)
		for _, m := range g.Markers {
			stamp(img, m, scale)
			if done++; done%checkEvery == 0 {
				if err := k.check(done, total); err != nil {
					return nil, err
				}
			}
		}
	}
	if s.Highlight != nil {
		stamp(img, *s.Highlight, scale)
	}
	drawLabels(img, s.Labels, scale)
	drawOverlays(img, s, scale)
	return img, k.check(total, total)
}

// rasterizers keep the land rasterizer's frame-sized accumulation buffer
// between frames.
var rasterizers = sync.Pool{New: func() any { return new(vector.Rasterizer) }}

// landBand is how many rows of land are filled at a time.
const landBand = 2048

func drawLand(img *image.RGBA, polys []Polygon, scale float64) {
	if len(polys) == 0 {
		return
	}
	b := img.Bounds()
	r := rasterizers.Get().(*vector.Rasterizer)
	defer rasterizers.Put(r)
	// Large images are filled a band of rows at a time: the rasterizer's
	// buffer (4 bytes a pixel) stays small and warm instead of growing to
	// the size of a poster.
	for y0 := b.Min.Y; y0 < b.Max.Y; y0 += landBand {
		band := image.Rect(b.Min.X, y0, b.Max.X, min(y0+landBand, b.Max.Y))
		r.Reset(band.Dx(), band.Dy())
		oy := float64(band.Min.Y)
		for _, p := range polys {
			for _, ring := range p.Rings {
				for i, pt := range ring {
					x, y := float32(pt[0]*scale), float32(pt[1]*scale-oy)
					if i == 0 {
						r.MoveTo(x, y)
					} else {
						r.LineTo(x, y)
					}
				}
				r.ClosePath()
			}
		}
		r.Draw(img, band, image.NewUniform(polys[0].Fill), band.Min)
	}
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

var sprites sync.Map // spriteKey -> *stampImage

// stamp copies the marker's pre-rendered sprite onto the image.
func stamp(img *image.RGBA, m Marker, scale float64) {
	sp := sprite(spriteKey{m.Style, scale, m.Selected, m.Hovered})
	half := sp.img.Rect.Dx() / 2
	sp.over(img, int(math.Round(m.X*scale))-half, int(math.Round(m.Y*scale))-half)
}

// stampImage is a sprite with, for each row, its runs of visible pixels:
// opaque runs are copied whole and only the anti-aliased edges are blended,
// the hot loop of drawing many markers.
type stampImage struct {
	img  *image.RGBA
	rows [][]pixelRun
}

type pixelRun struct {
	x0, x1 int // [x0, x1) in the sprite
	opaque bool
}

func newStamp(img *image.RGBA) *stampImage {
	s := &stampImage{img: img, rows: make([][]pixelRun, img.Rect.Dy())}
	for y := range s.rows {
		row := img.Pix[y*img.Stride : y*img.Stride+img.Rect.Dx()*4]
		for x := 0; x < img.Rect.Dx(); {
			a := row[x*4+3]
			if a == 0 {
				x++
				continue
			}
			opaque := a == 255
			x0 := x
			for x < img.Rect.Dx() && row[x*4+3] != 0 && (row[x*4+3] == 255) == opaque {
				x++
			}
			s.rows[y] = append(s.rows[y], pixelRun{x0, x, opaque})
		}
	}
	return s
}

// over composites the premultiplied sprite onto img with its top-left
// corner at (x, y).
func (s *stampImage) over(img *image.RGBA, x, y int) {
	sp := s.img
	r := image.Rect(x, y, x+sp.Rect.Dx(), y+sp.Rect.Dy()).Intersect(img.Rect)
	if r.Empty() {
		return
	}
	lo, hi := r.Min.X-x, r.Max.X-x
	for py := r.Min.Y; py < r.Max.Y; py++ {
		sy := py - y
		srow := sp.Pix[sy*sp.Stride:]
		for _, run := range s.rows[sy] {
			x0, x1 := max(run.x0, lo), min(run.x1, hi)
			if x0 >= x1 {
				continue
			}
			src, dst := srow[x0*4:x1*4], img.Pix[img.PixOffset(x+x0, py):img.PixOffset(x+x1, py)]
			if run.opaque {
				copy(dst, src)
				continue
			}
			for i := 0; i < len(src); i += 4 {
				k := 255 - uint32(src[i+3])
				dst[i] = uint8(uint32(src[i]) + (uint32(dst[i])*k+127)/255)
				dst[i+1] = uint8(uint32(src[i+1]) + (uint32(dst[i+1])*k+127)/255)
				dst[i+2] = uint8(uint32(src[i+2]) + (uint32(dst[i+2])*k+127)/255)
				dst[i+3] = uint8(uint32(src[i+3]) + (uint32(dst[i+3])*k+127)/255)
			}
		}
	}
}

func sprite(k spriteKey) *stampImage {
	if v, ok := sprites.Load(k); ok {
		return v.(*stampImage)
	}
	sp := newStamp(drawSprite(k))
	sprites.Store(k, sp)
	return sp
}

// drawSprite renders one marker's paths into a small image.
func drawSprite(k spriteKey) *image.RGBA {
	paths, extent := markerPaths(k.m, k.selected, k.hovered)
	return paintPaths(paths, extent+1, k.scale)
}

// paintPaths paints filled outlines around the centre of a square image
// reaching extent logical pixels from it.
func paintPaths(paths []fillPath, extent, scale float64) *image.RGBA {
	size := int(math.Ceil(2 * extent * scale))
	size += size % 2
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	c := float64(size) / 2
	for _, p := range paths {
		var ras vector.Rasterizer
		ras.Reset(size, size)
		for i, pt := range p.pts {
			x, y := float32(c+pt[0]*scale), float32(c+pt[1]*scale)
			if i == 0 {
				ras.MoveTo(x, y)
			} else {
				ras.LineTo(x, y)
			}
		}
		ras.ClosePath()
		ras.Draw(img, img.Bounds(), image.NewUniform(p.col), image.Point{})
	}
	return img
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

func drawOverlays(img *image.RGBA, s *Scene, scale float64) {
	for _, o := range s.Overlays {
		for _, b := range o.Boxes {
			r := image.Rect(int(math.Round(b.X*scale)), int(math.Round(b.Y*scale)), int(math.Round((b.X+b.W)*scale)), int(math.Round((b.Y+b.H)*scale)))
			draw.Draw(img, r, image.NewUniform(b.Fill), image.Point{}, draw.Over)
		}
		for _, p := range o.Polys {
			fillPoly(img, p.Points, p.Fill, scale)
		}
		for _, m := range o.Markers {
			stamp(img, m, scale)
		}
		faceMu.Lock()
		for _, t := range o.Texts {
			d := font.Drawer{Dst: img, Face: face(t.Size*scale, t.Bold), Src: image.NewUniform(style.LabelText)}
			d.Dot = fixed.Point26_6{X: fixed.Int26_6(t.X * scale * 64), Y: fixed.Int26_6(t.Y * scale * 64)}
			d.DrawString(t.Text)
		}
		faceMu.Unlock()
	}
}

// fillPoly fills a small polygon, rasterizing only its bounding box.
func fillPoly(img *image.RGBA, pts []orb.Point, c color.NRGBA, scale float64) {
	var bb orb.Bound
	for i, p := range pts {
		q := orb.Point{p[0] * scale, p[1] * scale}
		if i == 0 {
			bb = orb.Bound{Min: q, Max: q}
		}
		bb = bb.Extend(q)
	}
	b := image.Rect(int(math.Floor(bb.Min[0])), int(math.Floor(bb.Min[1])), int(math.Ceil(bb.Max[0])), int(math.Ceil(bb.Max[1]))).Intersect(img.Rect)
	if b.Empty() {
		return
	}
	var r vector.Rasterizer
	r.Reset(b.Dx(), b.Dy())
	for i, p := range pts {
		x, y := float32(p[0]*scale-float64(b.Min.X)), float32(p[1]*scale-float64(b.Min.Y))
		if i == 0 {
			r.MoveTo(x, y)
		} else {
			r.LineTo(x, y)
		}
	}
	r.ClosePath()
	r.Draw(img, b, image.NewUniform(c), image.Point{})
}

type clusterKey struct {
	r     float64
	c     color.NRGBA
	scale float64
}

var clusterSprites sync.Map // clusterKey -> *stampImage

// drawClusters draws each cluster's circle from a cached sprite and its
// count centred on it.
func drawClusters(img *image.RGBA, cs []Cluster, scale float64) {
	if len(cs) == 0 {
		return
	}
	for _, c := range cs {
		k := clusterKey{math.Round(c.R*2) / 2, c.Color, scale}
		v, ok := clusterSprites.Load(k)
		if !ok {
			v = newStamp(paintPaths(clusterPaths(Cluster{R: k.r, Color: c.Color}), k.r+3, scale))
			clusterSprites.Store(k, v)
		}
		sp := v.(*stampImage)
		half := sp.img.Rect.Dx() / 2
		sp.over(img, int(math.Round(c.X*scale))-half, int(math.Round(c.Y*scale))-half)
	}
	faceMu.Lock()
	defer faceMu.Unlock()
	f := face(clusterTextSize*scale, true)
	d := font.Drawer{Dst: img, Face: f, Src: image.White}
	for _, c := range cs {
		t := c.Label()
		w := fixedToFloat(font.MeasureString(f, t))
		d.Dot = fixed.Point26_6{X: fixed.Int26_6((c.X*scale - w/2) * 64), Y: fixed.Int26_6((c.Y*scale + clusterTextSize*scale*0.36) * 64)}
		d.DrawString(t)
	}
}

// Swatch returns the marker as drawn on the map, for legends and layer keys.
// The sprite's transparent margin is cropped.
func Swatch(m style.Marker, scale float64) image.Image {
	sp := sprite(spriteKey{m: m, scale: scale}).img
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
