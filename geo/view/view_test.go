package view

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

func TestRoundTrip(t *testing.T) {
	points := []orb.Point{{31.3508, 39.6194}, {27.2794, 38.6399}, {-115.534, 35.4809}, {122.5481, -28.8644}, {0, 0}, {179.9, 84}, {-179.9, -84}}
	for _, zoom := range []float64{1, 3.5, 6.2, 12, 18} {
		v := New(orb.Point{30.2, 39.6}, zoom, 1280, 800)
		for _, p := range points {
			t.Run("", func(t *testing.T) {
				x, y := v.ToPixel(p)
				got := v.ToLonLat(x, y)
				if math.Abs(got[0]-p[0]) > 1e-9 || math.Abs(got[1]-p[1]) > 1e-9 {
					t.Errorf("zoom %g: %v -> (%g, %g) -> %v", zoom, p, x, y, got)
				}
			})
		}
	}
}

func TestKnownPixels(t *testing.T) {
	tests := []struct {
		name   string
		v      Viewport
		p      orb.Point
		wx, wy float64
	}{
		{"centre maps to the middle", New(orb.Point{31.35, 39.62}, 6, 1000, 600), orb.Point{31.35, 39.62}, 500, 300},
		{"zoom 0 world corner", Viewport{Center: orb.Point{0, 0}, Zoom: 0, Width: 256, Height: 256}, orb.Point{-180, MaxLat}, 0, 0},
		{"zoom 1 greenwich equator", New(orb.Point{0, 0}, 1, 512, 512), orb.Point{0, 0}, 256, 256},
		{"one degree east at zoom 2", New(orb.Point{0, 0}, 2, 1024, 1024), orb.Point{1, 0}, 512 + 1024.0/360, 512},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, y := tt.v.ToPixel(tt.p)
			if math.Abs(x-tt.wx) > 1e-6 || math.Abs(y-tt.wy) > 1e-6 {
				t.Errorf("ToPixel(%v) = (%g, %g), want (%g, %g)", tt.p, x, y, tt.wx, tt.wy)
			}
		})
	}
}

func TestZoomAboutKeepsPointUnderCursor(t *testing.T) {
	tests := []struct {
		name string
		x, y float64
		dz   float64
	}{
		{"in at corner", 100, 80, 0.5},
		{"out at corner", 900, 500, -1.25},
		{"in at centre", 640, 400, 2},
		{"fractional", 333, 222, 0.13},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := New(orb.Point{30.2, 39.6}, 6, 1280, 800)
			before := v.ToLonLat(tt.x, tt.y)
			z := v.ZoomAbout(tt.x, tt.y, tt.dz)
			if math.Abs(z.Zoom-(6+tt.dz)) > 1e-12 {
				t.Fatalf("zoom = %g, want %g", z.Zoom, 6+tt.dz)
			}
			after := z.ToLonLat(tt.x, tt.y)
			if math.Abs(before[0]-after[0]) > 1e-9 || math.Abs(before[1]-after[1]) > 1e-9 {
				t.Errorf("point under cursor moved: %v -> %v", before, after)
			}
		})
	}
}

func TestLimits(t *testing.T) {
	tests := []struct {
		name     string
		v        Viewport
		wantZoom float64
		wantLat  float64
	}{
		{"zoom in past max", New(orb.Point{0, 0}, 30, 100, 100), MaxZoom, 0},
		{"zoom out past min", New(orb.Point{0, 0}, -3, 100, 100), MinZoom, 0},
		{"lat past the pole", New(orb.Point{0, 89}, 3, 100, 100), 3, MaxLat},
		{"zoom about clamps", New(orb.Point{0, 0}, 17.5, 100, 100).ZoomAbout(50, 50, 2), MaxZoom, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.v.Zoom != tt.wantZoom || math.Abs(tt.v.Center[1]-tt.wantLat) > 1e-9 {
				t.Errorf("got zoom %g lat %g, want %g %g", tt.v.Zoom, tt.v.Center[1], tt.wantZoom, tt.wantLat)
			}
		})
	}
}

func TestPan(t *testing.T) {
	v := New(orb.Point{30, 39}, 6, 800, 600)
	p := v.Pan(120, -40)
	// The map point that was at the centre is now 120 px right and 40 px up.
	x, y := p.ToPixel(v.Center)
	if math.Abs(x-520) > 1e-6 || math.Abs(y-260) > 1e-6 {
		t.Errorf("old centre at (%g, %g), want (520, 260)", x, y)
	}
	w := New(orb.Point{179.9, 0}, 4, 800, 600).Pan(-400, 0)
	if w.Center[0] > 180 || w.Center[0] < -180 {
		t.Errorf("pan across the antimeridian gave lon %g", w.Center[0])
	}
}

func TestMetersPerPixel(t *testing.T) {
	v := Viewport{Center: orb.Point{0, 0}, Zoom: 0, Width: 256, Height: 256}
	if got, want := v.MetersPerPixel(), 2*math.Pi*6378137/256; math.Abs(got-want) > 1e-6 {
		t.Errorf("equator zoom 0: %g m/px, want %g", got, want)
	}
	v = New(orb.Point{0, 60}, 10, 256, 256)
	if got, want := v.MetersPerPixel(), 0.5*2*math.Pi*6378137/(256*1024); math.Abs(got-want) > 1e-6 {
		t.Errorf("lat 60 zoom 10: %g m/px, want %g", got, want)
	}
}

func TestFit(t *testing.T) {
	tests := []struct {
		name string
		pts  orb.MultiPoint
	}{
		{"two sites", orb.MultiPoint{{27.28, 38.64}, {31.35, 39.62}}},
		{"spread", orb.MultiPoint{{-115.5, 35.5}, {122.5, -28.9}, {28.2, 59.4}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var u orb.MultiPoint
			for _, p := range tt.pts {
				u = append(u, ToUnit(p))
			}
			v := Fit(u.Bound(), 1000, 700, 40, 10)
			for _, p := range tt.pts {
				x, y := v.ToPixel(p)
				if x < 39.9 || y < 39.9 || x > 960.1 || y > 660.1 {
					t.Errorf("%v at (%g, %g): outside the padded frame", p, x, y)
				}
			}
		})
	}
	v := Fit(orb.Bound{Min: ToUnit(orb.Point{31, 39}), Max: ToUnit(orb.Point{31, 39})}, 800, 600, 40, 10)
	if v.Zoom != 10 {
		t.Errorf("single point: zoom %g, want the cap 10", v.Zoom)
	}
}

func TestSnapped(t *testing.T) {
	for _, scale := range []float64{1, 2, 1.5} {
		v := New(orb.Point{30.23456, 39.61234}, 6.37, 800, 600)
		s := v.Snapped(scale)
		o := s.Origin()
		ws := s.WorldSize() * scale
		fx, fy := o[0]*ws-math.Round(o[0]*ws), o[1]*ws-math.Round(o[1]*ws)
		if math.Abs(fx) > 1e-6 || math.Abs(fy) > 1e-6 {
			t.Errorf("scale %g: origin off the pixel grid by (%g, %g)", scale, fx, fy)
		}
		x, y := s.ToPixel(v.Center)
		if math.Abs(x-400) >= 1 || math.Abs(y-300) >= 1 || s.Zoom != v.Zoom {
			t.Errorf("scale %g: moved by (%g, %g) px", scale, x-400, y-300)
		}
	}
}
