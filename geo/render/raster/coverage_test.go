package raster

import (
	"image"
	"image/color"
	"image/draw"
	"math/rand"
	"testing"
)

// TestBlendMaskIsDrawOver blends colours by coverage and compares each
// pixel with image/draw's Over through the same mask.
func TestBlendMaskIsDrawOver(t *testing.T) {
	tests := []struct {
		name string
		col  color.NRGBA
	}{
		{"opaque", color.NRGBA{200, 40, 10, 255}},
		{"see-through", color.NRGBA{30, 120, 220, 90}},
		{"faint", color.NRGBA{255, 255, 255, 3}},
	}
	rng := rand.New(rand.NewSource(1))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := image.Rect(3, 5, 40, 29)
			got := image.NewRGBA(image.Rect(0, 0, 50, 40))
			for i := range got.Pix {
				got.Pix[i] = uint8(rng.Intn(256))
			}
			for i := 0; i < len(got.Pix); i += 4 { // premultiplied: no channel above alpha
				for k := range 3 {
					got.Pix[i+k] = min(got.Pix[i+k], got.Pix[i+3])
				}
			}
			want := image.NewRGBA(got.Rect)
			copy(want.Pix, got.Pix)
			mask := image.NewAlpha(image.Rect(0, 0, b.Dx(), b.Dy()))
			for i := range mask.Pix {
				mask.Pix[i] = []uint8{0, 255, uint8(rng.Intn(256))}[rng.Intn(3)]
			}
			blendMask(got, b, mask.Pix, tt.col)
			draw.DrawMask(want, b, image.NewUniform(tt.col), image.Point{}, mask, image.Point{}, draw.Over)
			for i := range got.Pix {
				if d := int(got.Pix[i]) - int(want.Pix[i]); d < -1 || d > 1 {
					t.Fatalf("byte %d (pixel %d, %d) is %d, draw.Over gives %d", i, i%got.Stride/4, i/got.Stride, got.Pix[i], want.Pix[i])
				}
			}
		})
	}
}
