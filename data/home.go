package data

import (
	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

// The embedded dataset opens on Anatolia, with Beylikova, Manisa and
// Istanbul in view.
var (
	anatoliaCenter = orb.Point{30.2, 39.6}
	anatoliaZoom   = 6.2
)

// Home returns the start view of a width x height map: Anatolia for the
// embedded dataset, and every feature in view for any other.
func (c *Catalog) Home(width, height float64) view.Viewport {
	if c.Name == EmbeddedName || c.FeatureCount() == 0 {
		return view.New(anatoliaCenter, anatoliaZoom, width, height)
	}
	var pts orb.MultiPoint
	for _, l := range c.Layers {
		pts = append(pts, l.Unit...)
	}
	return view.Fit(pts.Bound(), width, height, 40, 10)
}
