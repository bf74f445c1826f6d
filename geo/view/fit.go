package view

import (
	"math"

	"github.com/paulmach/orb"
)

// Fit returns the viewport of the given pixel size that shows the box b
// (Mercator unit coordinates) with pad pixels around it, at a zoom no
// closer than maxZoom, so a single point is not shown at street level.
func Fit(b orb.Bound, width, height, pad, maxZoom float64) Viewport {
	c := FromUnit(b.Center())
	bw, bh := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]
	z := maxZoom
	if bw > 0 || bh > 0 {
		zx := math.Log2((width - 2*pad) / (math.Max(bw, 1e-12) * TileSize))
		zy := math.Log2((height - 2*pad) / (math.Max(bh, 1e-12) * TileSize))
		z = math.Min(maxZoom, math.Min(zx, zy))
	}
	return New(c, z, width, height)
}

// Reframe returns the view of a width x height frame that keeps this view's
// centre and shows all of its area: the geographic width is kept when the
// new frame is relatively taller, the height when it is relatively wider.
// So an export at another aspect ratio never crops what was on screen.
func (v Viewport) Reframe(width, height float64) Viewport {
	z := v.Zoom
	if v.Width > 0 && v.Height > 0 {
		z += math.Log2(math.Min(width/v.Width, height/v.Height))
	}
	out := v
	out.Width, out.Height = width, height
	out.Zoom = math.Max(0, math.Min(MaxZoom+4, z))
	return out
}

// Snapped returns the viewport moved by less than a pixel so that its
// top-left corner falls on a whole device pixel (scale device pixels a
// logical one) of the world: then tiles drawn on the world's pixel grid
// line up with the frame exactly.
func (v Viewport) Snapped(scale float64) Viewport {
	s := v.WorldSize() * scale
	o := v.Origin()
	fx := o[0]*s - math.Floor(o[0]*s)
	fy := o[1]*s - math.Floor(o[1]*s)
	return v.Pan(fx/scale, fy/scale)
}
