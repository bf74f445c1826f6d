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
