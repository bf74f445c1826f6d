package render

import (
	"math"
	"testing"

	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

// greatCircleKm is the haversine distance on orb's sphere, written out
// here so the test does not lean on what it checks.
func greatCircleKm(a, b orb.Point) float64 {
	const r = 6378.137
	rad := math.Pi / 180
	dla, dlo := (b[1]-a[1])*rad, (b[0]-a[0])*rad
	h := math.Pow(math.Sin(dla/2), 2) + math.Cos(a[1]*rad)*math.Cos(b[1]*rad)*math.Pow(math.Sin(dlo/2), 2)
	return 2 * r * math.Asin(math.Sqrt(h))
}

func TestMeasure(t *testing.T) {
	bey, man, szeged := orb.Point{31.35083, 39.61944}, orb.Point{27.27944, 38.63988}, orb.Point{20.14, 46.25}
	tests := []struct {
		name string
		path []orb.Point
		km   float64
	}{
		{"Beylikova to Manisa", []orb.Point{bey, man}, greatCircleKm(bey, man)},
		{"on to Szeged", []orb.Point{bey, man, szeged}, greatCircleKm(bey, man) + greatCircleKm(man, szeged)},
		{"one point", []orb.Point{bey}, 0},
	}
	v := view.New(orb.Point{29, 41}, 5, 1200, 800)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PathLength(tt.path) / 1000; math.Abs(got-tt.km) > 1e-6 {
				t.Errorf("%.6f km, want %.6f", got, tt.km)
			}
			o, ok := measureOverlay(v, tt.path)
			if !ok || len(o.Polys) != 2*len(tt.path) || len(o.Texts) != 1 || o.Texts[0].Text != DistanceText(tt.km*1000) {
				t.Fatalf("overlay %v: %d dots, texts %v", ok, len(o.Polys)/2, o.Texts)
			}
			if len(tt.path) > 1 {
				line := o.Lines[1].Points
				// The legs follow their great circles: every point lies on
				// the way, the last at the last point clicked.
				x, y := v.ToPixel(tt.path[len(tt.path)-1])
				if end := line[len(line)-1]; math.Hypot(end[0]-x, end[1]-y) > 1e-6 || len(line) < 10 {
					t.Errorf("%d points, ending at %v, want (%g, %g)", len(line), end, x, y)
				}
			}
		})
	}
	if _, ok := measureOverlay(v, nil); ok {
		t.Error("an overlay for no path")
	}
	if got := DistanceText(368_213); got != "368.2 km · 228.8 mi" {
		t.Errorf("DistanceText = %q", got)
	}
}
