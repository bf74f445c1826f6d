package raster

import (
	"image"
	"image/color"
	"math"
	"math/rand"
	"testing"

	xdraw "golang.org/x/image/draw"
)

// mottled is an opaque picture of smooth gradients and noise, with alpha
// a where the mask is on.
func mottled(w, h int, a uint8, seed int64) *image.RGBA {
	rng := rand.New(rand.NewSource(seed))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.NRGBA{uint8(x * 255 / w), uint8(y * 255 / h), uint8(rng.Intn(256)), 255}
			if (x/7+y/5)%3 == 0 {
				c.A = a
			}
			img.Set(x, y, c)
		}
	}
	return img
}

// bilinearAt is the textbook sample of src at (sx, sy) in its pixels,
// pixel centres at halves, edge pixels standing beyond the edge.
func bilinearAt(src *image.RGBA, sx, sy float64) [4]float64 {
	b := src.Rect
	clamp := func(v float64, n int) (int, int, float64) {
		v = math.Max(0, v-0.5)
		i := int(v)
		if i >= n-1 {
			return n - 1, n - 1, 0
		}
		return i, i + 1, v - float64(i)
	}
	x0, x1, fx := clamp(sx, b.Dx())
	y0, y1, fy := clamp(sy, b.Dy())
	var out [4]float64
	for k := range 4 {
		at := func(x, y int) float64 { return float64(src.Pix[src.PixOffset(b.Min.X+x, b.Min.Y+y)+k]) }
		t := at(x0, y0)*(1-fx) + at(x1, y0)*fx
		d := at(x0, y1)*(1-fx) + at(x1, y1)*fx
		out[k] = t*(1-fy) + d*fy
	}
	return out
}

// TestImageScaled checks Canvas.Image's scaling against the textbook
// bilinear sample and, for enlargements, against x/image/draw's bilinear
// kernel: a tile at a fractional zoom, a parent's quarter standing in, a
// shrunk tile, and a tile partly transparent drawn over a colour.
func TestImageScaled(t *testing.T) {
	big := mottled(512, 512, 255, 1)
	tests := []struct {
		name       string
		src        *image.RGBA
		x, y, w, h float64
		kernel     bool // compare with x/image/draw's kernel too
	}{
		{"zoom 6.2", mottled(256, 256, 255, 2), 10.4, -20.2, 294.1, 294.1, true},
		{"twice", mottled(256, 256, 255, 3), 0, 0, 512, 512, true},
		{"a quarter standing in", big.SubImage(image.Rect(256, 128, 384, 256)).(*image.RGBA), -3, 5, 300, 300, true},
		{"shrunk", mottled(256, 256, 255, 4), 7, 7, 181, 181, false},
		{"transparent", mottled(256, 256, 100, 5), 12, 3, 320, 300, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bg := color.RGBA{30, 60, 90, 255}
			dst := image.NewRGBA(image.Rect(0, 0, 400, 330))
			xdraw.Draw(dst, dst.Rect, image.NewUniform(bg), image.Point{}, xdraw.Src)
			New(dst, 1, nil).Image(tt.src, tt.x, tt.y, tt.w, tt.h)
			r := image.Rect(int(math.Round(tt.x)), int(math.Round(tt.y)), int(math.Round(tt.x+tt.w)), int(math.Round(tt.y+tt.h)))
			var kern *image.RGBA
			if tt.kernel {
				kern = image.NewRGBA(dst.Rect)
				xdraw.BiLinear.Scale(kern, r, tt.src, tt.src.Rect, xdraw.Src, nil)
			}
			var worst, worstKernel float64
			for y := dst.Rect.Min.Y; y < dst.Rect.Max.Y; y++ {
				for x := dst.Rect.Min.X; x < dst.Rect.Max.X; x++ {
					o := dst.PixOffset(x, y)
					want := [4]float64{float64(bg.R), float64(bg.G), float64(bg.B), 255}
					if (image.Point{x, y}).In(r) {
						s := bilinearAt(tt.src, (float64(x-r.Min.X)+0.5)*float64(tt.src.Rect.Dx())/float64(r.Dx()), (float64(y-r.Min.Y)+0.5)*float64(tt.src.Rect.Dy())/float64(r.Dy()))
						for k := range 4 {
							want[k] = s[k] + want[k]*(255-s[3])/255
						}
						if kern != nil {
							for k := range 4 {
								worstKernel = math.Max(worstKernel, math.Abs(float64(kern.Pix[o+k])-float64(dst.Pix[o+k])))
							}
						}
					}
					for k := range 4 {
						worst = math.Max(worst, math.Abs(want[k]-float64(dst.Pix[o+k])))
					}
				}
			}
			if worst > 2 {
				t.Errorf("%g levels off the textbook bilinear sample", worst)
			}
			if worstKernel > 2 {
				t.Errorf("%g levels off x/image/draw's bilinear kernel", worstKernel)
			}
		})
	}
}

// BenchmarkImageScaled is a map tile drawn at zoom 6.2 (1.15 times its
// size), as a first frame over tiles draws some sixty.
func BenchmarkImageScaled(b *testing.B) {
	src := mottled(256, 256, 255, 1)
	dst := image.NewRGBA(image.Rect(0, 0, 400, 400))
	c := New(dst, 1, nil)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.Image(src, 10.4, 20.2, 294.1, 294.1)
	}
}
