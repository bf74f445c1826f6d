package render

import (
	"image/color"
	"math"

	"github.com/lodemap/lodemap/geo/layer"
)

// Spider fans out sites that share a point, as a click on them asks: each
// is drawn at its own spot round the point, joined to it by a leader
// line, so every one can be seen and picked.
type Spider struct {
	Sites []layer.Site
}

// SpiderRadius is how far (logical pixels) a fanned site lies from its
// point when a few are fanned; more spread wider.
const SpiderRadius = 34.0

// SpiderSpot is where the k-th of n fanned sites is drawn from its point,
// in logical pixels: evenly round a circle, the first straight up.
func SpiderSpot(k, n int) (dx, dy float64) {
	a := -math.Pi/2 + 2*math.Pi*float64(k)/float64(n)
	r := SpiderRadius * max(1, float64(n)/6)
	return r * math.Cos(a), r * math.Sin(a)
}

// spots maps each fanned site to its place among them; nil when none are.
func (sp *Spider) spots() map[layer.Site]int {
	if sp == nil || len(sp.Sites) < 2 {
		return nil
	}
	out := make(map[layer.Site]int, len(sp.Sites))
	for k, s := range sp.Sites {
		out[s] = k
	}
	return out
}

// leaderPaint draws a fanned site's leader line.
var leaderPaint = Paint{Stroke: color.NRGBA{0x44, 0x44, 0x44, 0xC0}, Width: 1}
