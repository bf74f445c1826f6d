package raster

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"testing"

	"github.com/paulmach/orb"
	"golang.org/x/image/vector"

	"github.com/lodemap/lodemap/geo/render"
)

// TestLongEdges fills and strokes shapes far taller and wider than a
// cell, slanted, and compares them with x/image/vector's floating-point
// rasterizer over the whole canvas: an edge must reach every cell where
// it is, not drift as it crosses them.
func TestLongEdges(t *testing.T) {
	const w, h = 1300, 3000
	band := []orb.Point{{50, -10}, {90, -10}, {90 + 0.31*3020, 3010}, {50 + 0.31*3020, 3010}}
	tests := []struct {
		name  string
		rings [][]orb.Point
		paint render.Paint
		ref   [][]orb.Point // the outline the reference fills
		rows  [2]int        // the rows compared (a line's round caps are left out)
	}{
		{"filled band", [][]orb.Point{band}, render.Paint{Fill: color.NRGBA{0, 0, 0, 255}}, [][]orb.Point{band}, [2]int{0, h}},
		{"stroked line", [][]orb.Point{{{20, 5}, {1280, 2990}}}, render.Paint{Stroke: color.NRGBA{0, 0, 0, 255}, Width: 9},
			[][]orb.Point{{{20 + 4.5*0.9206, 5 - 4.5*0.3899}, {1280 + 4.5*0.9206, 2990 - 4.5*0.3899}, {1280 - 4.5*0.9206, 2990 + 4.5*0.3899}, {20 - 4.5*0.9206, 5 + 4.5*0.3899}}},
			[2]int{20, 2975}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img := image.NewRGBA(image.Rect(0, 0, w, h))
			draw.Draw(img, img.Rect, image.White, image.Point{}, draw.Src)
			c := New(img, 1, nil)
			if tt.paint.Fill.A != 0 {
				c.Path(tt.rings, tt.paint)
				c.flush()
			} else {
				c.stroke(tt.rings, tt.paint, false)
			}
			var ras vector.Rasterizer
			ras.Reset(w, h) // floating point: over 512 px
			for _, ring := range tt.ref {
				ras.MoveTo(float32(ring[0][0]), float32(ring[0][1]))
				for _, p := range ring[1:] {
					ras.LineTo(float32(p[0]), float32(p[1]))
				}
				ras.ClosePath()
			}
			cov := image.NewAlpha(img.Rect)
			ras.Draw(cov, cov.Rect, image.Opaque, image.Point{})
			var worst, off int
			for y := tt.rows[0]; y < tt.rows[1]; y++ {
				for x := range w {
					d := int(255-cov.Pix[y*cov.Stride+x]) - int(img.Pix[img.PixOffset(x, y)])
					worst = max(worst, int(math.Abs(float64(d))))
					if d > 32 || d < -32 {
						off++
					}
				}
			}
			if off > 0 || worst > 40 {
				t.Errorf("%d pixels more than 32 levels off the whole-canvas reference; the worst %d", off, worst)
			}
		})
	}
}

// TestFarEdges fills rings that reach millions of pixels beyond the
// canvas, as a coastline does at zoom 14 and beyond: the canvas must be
// filled where the ring covers it, as near as it is.
func TestFarEdges(t *testing.T) {
	for _, far := range []float64{1e3, 4e6, 5e6, 2e7} {
		t.Run(fmt.Sprint(far), func(t *testing.T) {
			img := image.NewRGBA(image.Rect(0, 0, 600, 200))
			draw.Draw(img, img.Rect, image.White, image.Point{}, draw.Src)
			c := New(img, 1, nil)
			// A slanted quadrilateral: its left edge runs from far
			// off the top-left to the canvas's middle bottom.
			c.Path([][]orb.Point{{{-far, -far / 3}, {far, -far / 3}, {far, 400}, {300, 200}}}, render.Paint{Fill: color.NRGBA{0, 0, 0, 255}})
			c.flush()
			for _, p := range []image.Point{{590, 10}, {590, 190}, {310, 195}} {
				if v := img.Pix[img.PixOffset(p.X, p.Y)]; v != 0 {
					t.Errorf("pixel %v is %d, want the fill's 0", p, v)
				}
			}
		})
	}
}
