package render

import (
	"fmt"
	"image/color"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"

	"github.com/lodemap/lodemap/geo/view"
)

// Stroke is an open line of furniture, in pixels.
type Stroke struct {
	Points []orb.Point
	Paint  Paint
}

// PathLength is a path's length in metres along great circles, on the
// sphere the rest of Lodemap measures on (orb's).
func PathLength(path []orb.Point) float64 {
	n := 0.0
	for k := 1; k < len(path); k++ {
		n += geo.DistanceHaversine(path[k-1], path[k])
	}
	return n
}

// DistanceText is a distance in kilometres and miles: "368.2 km · 228.8
// mi"; under 10 km with metres' precision.
func DistanceText(m float64) string {
	km, mi := m/1000, m/metersPerMile
	if km < 10 {
		return fmt.Sprintf("%.2f km · %.2f mi", km, mi)
	}
	return fmt.Sprintf("%.1f km · %.1f mi", km, mi)
}

// Looks of the measured path.
var (
	measureInk  = color.NRGBA{0xC0, 0x1C, 0x28, 0xFF}
	measureHalo = color.NRGBA{0xFF, 0xFF, 0xFF, 0xD0}
)

// measureStep is the longest piece of a great circle drawn as a straight
// line, in metres: under a pixel's error at the zooms one measures at.
const measureStep = 20_000.0

// measureOverlay draws a measured path in view: each leg along its great
// circle, a dot at each point, and the length at the last point.
func measureOverlay(v view.Viewport, path []orb.Point) (Overlay, bool) {
	if len(path) == 0 {
		return Overlay{}, false
	}
	var px []orb.Point
	for k, p := range path {
		if k == 0 {
			px = append(px, pixel(v, p))
			continue
		}
		px = append(px, greatCircle(v, path[k-1], p)...)
	}
	o := Overlay{Name: "measure"}
	if len(px) > 1 {
		o.Lines = []Stroke{
			{Points: px, Paint: Paint{Stroke: measureHalo, Width: 5}},
			{Points: px, Paint: Paint{Stroke: measureInk, Width: 2.5, Dash: [2]float64{8, 5}}},
		}
	}
	for _, p := range path {
		x, y := v.ToPixel(p)
		o.Polys = append(o.Polys, Poly{Points: disc(x, y, 6), Fill: measureHalo}, Poly{Points: disc(x, y, 4), Fill: measureInk})
	}
	x, y := v.ToPixel(path[len(path)-1])
	text := DistanceText(PathLength(path))
	o.Texts = []Text{{Text: text, X: x + 10, Y: y - 10, Size: 13, Bold: true, Color: measureInk, Halo: measureHalo}}
	return o, true
}

// greatCircle is the leg from a to b in pixels, without a: points along
// the great circle at most measureStep apart, b last.
func greatCircle(v view.Viewport, a, b orb.Point) []orb.Point {
	d := geo.DistanceHaversine(a, b)
	n := int(math.Ceil(d / measureStep))
	bearing := geo.Bearing(a, b)
	out := make([]orb.Point, 0, n)
	for k := 1; k < n; k++ {
		out = append(out, pixel(v, geo.PointAtBearingAndDistance(a, bearing, d*float64(k)/float64(n))))
	}
	return append(out, pixel(v, b))
}

func pixel(v view.Viewport, p orb.Point) orb.Point {
	x, y := v.ToPixel(p)
	return orb.Point{x, y}
}

// disc is a circle of radius r about (x, y) as a 16-gon.
func disc(x, y, r float64) []orb.Point {
	out := make([]orb.Point, 16)
	for k := range out {
		a := 2 * math.Pi * float64(k) / 16
		out[k] = orb.Point{x + r*math.Cos(a), y + r*math.Sin(a)}
	}
	return out
}
