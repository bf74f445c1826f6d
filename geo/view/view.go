// Package view holds the map viewport: a centre, a fractional Web Mercator
// zoom and a size in pixels, and the conversions between lon/lat, Mercator
// unit coordinates and pixels that every other part of Lodemap shares.
package view

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/project"
)

// TileSize is the width in pixels of the whole world at zoom 0.
const TileSize = 256

// MaxLat is the latitude where Web Mercator is cut, as in every XYZ tile set.
const MaxLat = 85.05112877980659

// Zoom limits of the interactive map.
const (
	MinZoom = 1.0
	MaxZoom = 18.0
)

// Viewport is the part of the world shown in a Width x Height pixel frame.
// Center is in lon/lat; Zoom is fractional (the world is 256*2^Zoom pixels wide).
type Viewport struct {
	Center orb.Point
	Zoom   float64
	Width  float64
	Height float64
}

// New returns a viewport, with its zoom clamped to [MinZoom, MaxZoom] and its
// centre latitude clamped to the Mercator limit.
func New(center orb.Point, zoom, width, height float64) Viewport {
	v := Viewport{Center: center, Zoom: zoom, Width: width, Height: height}
	v.clamp()
	return v
}

// ToUnit projects lon/lat to Mercator unit coordinates: x and y in [0,1],
// x growing east and y growing south, as in XYZ tiles.
func ToUnit(p orb.Point) orb.Point {
	lat := math.Max(-MaxLat, math.Min(MaxLat, p[1]))
	m := project.WGS84.ToMercator(orb.Point{p[0], lat})
	return orb.Point{
		(m[0] + math.Pi*earthRadius) / (2 * math.Pi * earthRadius),
		(math.Pi*earthRadius - m[1]) / (2 * math.Pi * earthRadius),
	}
}

// FromUnit is the inverse of ToUnit.
func FromUnit(u orb.Point) orb.Point {
	m := orb.Point{
		u[0]*2*math.Pi*earthRadius - math.Pi*earthRadius,
		math.Pi*earthRadius - u[1]*2*math.Pi*earthRadius,
	}
	return project.Mercator.ToWGS84(m)
}

// earthRadius is the sphere radius orb/project uses for Web Mercator.
const earthRadius = orb.EarthRadius

// WorldSize is the width of the world in pixels at this viewport's zoom.
func (v Viewport) WorldSize() float64 { return TileSize * math.Exp2(v.Zoom) }

// Origin is the Mercator unit coordinate of the top-left pixel.
func (v Viewport) Origin() orb.Point {
	c := ToUnit(v.Center)
	s := v.WorldSize()
	return orb.Point{c[0] - v.Width/2/s, c[1] - v.Height/2/s}
}

// UnitToPixel turns Mercator unit coordinates into pixel coordinates.
func (v Viewport) UnitToPixel(u orb.Point) (x, y float64) {
	o := v.Origin()
	s := v.WorldSize()
	return (u[0] - o[0]) * s, (u[1] - o[1]) * s
}

// Pixeler is UnitToPixel with the view's origin and scale worked out
// once, for turning many points.
func (v Viewport) Pixeler() func(u orb.Point) (x, y float64) {
	o, s := v.Origin(), v.WorldSize()
	return func(u orb.Point) (float64, float64) { return (u[0] - o[0]) * s, (u[1] - o[1]) * s }
}

// PixelToUnit turns pixel coordinates into Mercator unit coordinates.
func (v Viewport) PixelToUnit(x, y float64) orb.Point {
	o := v.Origin()
	s := v.WorldSize()
	return orb.Point{o[0] + x/s, o[1] + y/s}
}

// ToPixel turns lon/lat into pixel coordinates.
func (v Viewport) ToPixel(p orb.Point) (x, y float64) { return v.UnitToPixel(ToUnit(p)) }

// ToLonLat turns pixel coordinates into lon/lat.
func (v Viewport) ToLonLat(x, y float64) orb.Point { return FromUnit(v.PixelToUnit(x, y)) }

// Pan moves the view so that the map under the pointer follows a drag of
// (dx, dy) pixels.
func (v Viewport) Pan(dx, dy float64) Viewport {
	c := ToUnit(v.Center)
	s := v.WorldSize()
	c[0] -= dx / s
	c[1] -= dy / s
	v.Center = FromUnit(wrapUnit(c))
	v.clamp()
	return v
}

// ZoomAbout changes the zoom by dz while keeping the map point under pixel
// (x, y) fixed, as scroll-wheel zoom does in every map program.
func (v Viewport) ZoomAbout(x, y, dz float64) Viewport {
	anchor := v.PixelToUnit(x, y)
	v.Zoom += dz
	v.clamp()
	s := v.WorldSize()
	c := orb.Point{anchor[0] - (x-v.Width/2)/s, anchor[1] - (y-v.Height/2)/s}
	v.Center = FromUnit(wrapUnit(c))
	v.clamp()
	return v
}

// Resize returns the viewport with a new pixel size and the same centre and zoom.
func (v Viewport) Resize(width, height float64) Viewport {
	v.Width, v.Height = width, height
	return v
}

// Bounds is the Mercator unit box that the viewport covers.
func (v Viewport) Bounds() orb.Bound {
	o := v.Origin()
	s := v.WorldSize()
	return orb.Bound{Min: o, Max: orb.Point{o[0] + v.Width/s, o[1] + v.Height/s}}
}

// MetersPerPixel is the ground distance of one pixel at the centre latitude.
func (v Viewport) MetersPerPixel() float64 {
	return math.Cos(v.Center[1]*math.Pi/180) * 2 * math.Pi * earthRadius / v.WorldSize()
}

func (v *Viewport) clamp() {
	v.Zoom = math.Max(MinZoom, math.Min(MaxZoom, v.Zoom))
	v.Center[1] = math.Max(-MaxLat, math.Min(MaxLat, v.Center[1]))
	if v.Center[0] > 180 || v.Center[0] < -180 {
		v.Center[0] = math.Mod(v.Center[0]+540, 360) - 180
	}
}

func wrapUnit(u orb.Point) orb.Point {
	u[0] -= math.Floor(u[0])
	u[1] = math.Max(0, math.Min(1, u[1]))
	return u
}
