package raster

import (
	"encoding/binary"
	"image"
	"image/draw"
	"math"
	"runtime"
	"sync"
)

// Image implements render.Backend: the image is drawn over the rectangle,
// scaled bilinearly when its size differs from it (basemap tiles at a
// fractional zoom).
func (c *Canvas) Image(img image.Image, x, y, w, h float64) {
	c.flush()
	s := c.scale
	r := image.Rect(int(math.Round(x*s)), int(math.Round(y*s)), int(math.Round((x+w)*s)), int(math.Round((y+h)*s)))
	if r.Size() == img.Bounds().Size() {
		draw.Draw(c.img, r, img, img.Bounds().Min, draw.Over)
		return
	}
	src, ok := img.(*image.RGBA)
	if !ok {
		src = image.NewRGBA(img.Bounds())
		draw.Draw(src, src.Rect, img, src.Rect.Min, draw.Src)
	}
	// A band of rows a core: the bands' pixels are the image's own, so
	// they are drawn at once without sharing any.
	n := max(1, min(runtime.GOMAXPROCS(0), r.Dy()/64))
	var wg sync.WaitGroup
	for k := range n {
		band := image.Rect(r.Min.X, r.Min.Y+k*r.Dy()/n, r.Max.X, r.Min.Y+(k+1)*r.Dy()/n)
		wg.Add(1)
		go func() {
			defer wg.Done()
			scaleBilinear(c.img, band, r, src)
		}()
	}
	wg.Wait()
}

// scaleBilinear draws src scaled to fill dr over dst, only where clip
// lies. Each pixel is sampled at its centre from the four source pixels
// around it, weighted in 1/256ths, the source's edge pixels standing for
// what lies beyond them; premultiplied colours are interpolated and drawn
// over what is there. It does what x/image/draw's bilinear kernel does
// for scales above a half, several times faster: a first frame of map
// tiles spent half its time there. A source row is interpolated across
// once, for every destination row that samples it, the four channels of
// a pixel at once in the 16-bit lanes of a uint64.
func scaleBilinear(dst *image.RGBA, clip, dr image.Rectangle, src *image.RGBA) {
	clip = clip.Intersect(dr).Intersect(dst.Rect)
	sb := src.Rect
	if clip.Empty() || sb.Empty() {
		return
	}
	cols := taps(clip.Min.X-dr.Min.X, clip.Dx(), dr.Dx(), sb.Dx())
	// The source rows interpolated across, two at a time.
	across := [2]struct {
		y  int
		px []uint64
	}{{-1, make([]uint64, len(cols))}, {-1, make([]uint64, len(cols))}}
	row := func(y, keep int) []uint64 {
		for _, a := range across {
			if a.y == y {
				return a.px
			}
		}
		k := 0
		if across[0].y == keep {
			k = 1
		}
		o := src.PixOffset(sb.Min.X, sb.Min.Y+y)
		lerpRow(across[k].px, src.Pix[o:o+4*sb.Dx()], cols)
		across[k].y = y
		return across[k].px
	}
	for j, ry := range taps(clip.Min.Y-dr.Min.Y, clip.Dy(), dr.Dy(), sb.Dy()) {
		top, bot := row(ry.i0, ry.i1), row(ry.i1, ry.i0)
		o := dst.PixOffset(clip.Min.X, clip.Min.Y+j)
		out := dst.Pix[o : o+4*len(cols)]
		w1 := uint64(ry.w)
		w0 := 256 - w1
		for i := range cols {
			v := (top[i]*w0 + bot[i]*w1 + half) >> 8 & lanes
			p := out[4*i : 4*i+4 : 4*i+4]
			if v>>48 == 255 {
				binary.LittleEndian.PutUint32(p, pack(v))
			} else if v>>48 > 0 {
				over(p, v)
			}
		}
	}
}

// lanes masks a pixel's four channels spread into the 16-bit lanes of a
// uint64; half rounds each.
const (
	lanes = 0x00FF00FF00FF00FF
	half  = 0x0080008000800080
)

// lerpRow interpolates a row of source pixels across, at cols.
func lerpRow(out []uint64, src []uint8, cols []tap) {
	for i, c := range cols {
		p := spread(binary.LittleEndian.Uint32(src[4*c.i0:]))
		q := spread(binary.LittleEndian.Uint32(src[4*c.i1:]))
		w1 := uint64(c.w)
		out[i] = (p*(256-w1) + q*w1 + half) >> 8 & lanes
	}
}

// spread puts a pixel's four bytes into the 16-bit lanes of a uint64.
func spread(u uint32) uint64 {
	x := uint64(u)
	x = (x | x<<16) & 0x0000FFFF0000FFFF
	return (x | x<<8) & lanes
}

// pack is spread's inverse.
func pack(v uint64) uint32 {
	v = (v | v>>8) & 0x0000FFFF0000FFFF
	return uint32(v | v>>16)
}

// over draws the premultiplied pixel v, not opaque, over p.
func over(p []uint8, v uint64) {
	a := uint32(v >> 48)
	for k := range 4 {
		s := uint32(v>>(16*k)) & 0xFF
		p[k] = uint8(min(255, s+(uint32(p[k])*(255-a)+127)/255))
	}
}

// tap is where a destination pixel samples the source along one axis:
// between pixels i0 and i1, w/256 of the way.
type tap struct {
	i0, i1 int
	w      uint32
}

// taps are the samples of n destination pixels from off, along a side
// of dn pixels drawn from one of sn.
func taps(off, n, dn, sn int) []tap {
	out := make([]tap, n)
	f := float64(sn) / float64(dn)
	for i := range out {
		s := max(0, (float64(off+i)+0.5)*f-0.5)
		i0 := int(s)
		w := uint32(math.Round((s - float64(i0)) * 256))
		if w == 256 {
			i0, w = i0+1, 0
		}
		if i0 >= sn-1 {
			out[i] = tap{sn - 1, sn - 1, 0}
			continue
		}
		out[i] = tap{i0, i0 + 1, w}
	}
	return out
}
