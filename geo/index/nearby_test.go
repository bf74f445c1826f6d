package index

import (
	"math"
	"testing"

	"github.com/lodemap/lodemap/geo/layer"
	"github.com/paulmach/orb"
)

// haversine is the great-circle distance in km on a sphere of the mean
// Earth radius, worked out here apart from orb.
func haversine(a, b orb.Point) float64 {
	rad := math.Pi / 180
	dLat, dLon := (b[1]-a[1])*rad, (b[0]-a[0])*rad
	h := math.Pow(math.Sin(dLat/2), 2) + math.Cos(a[1]*rad)*math.Cos(b[1]*rad)*math.Pow(math.Sin(dLon/2), 2)
	return 2 * 6371.0088 * math.Asin(math.Sqrt(h))
}

func TestNearby(t *testing.T) {
	beylikova, manisa := orb.Point{31.35083, 39.61944}, orb.Point{27.27944, 38.63988}
	l := &layer.Layer{ID: "sites"}
	for i, p := range []orb.Point{beylikova, manisa, {31.5, 39.7}, {179.9, 0.5}, {-179.9, 0.5}, {0, 0}} {
		l.Add(string(rune('a'+i)), "", "", "", p, nil, i+1)
	}
	ix := []*Layer{ForLayer(l)}
	self := func(l *layer.Layer, i int) bool { return i == 0 }
	tests := []struct {
		name  string
		from  orb.Point
		km    float64
		skip  func(*layer.Layer, int) bool
		want  []int // indexes, nearest first
		check func(t *testing.T, n []Near)
	}{
		{"Beylikova within 50 km", beylikova, 50, self, []int{2}, nil},
		{"Beylikova within 400 km", beylikova, 400, self, []int{2, 1}, func(t *testing.T, n []Near) {
			want := haversine(beylikova, manisa)
			if got := n[1].Km; math.Abs(got-want)/want > 0.005 {
				t.Errorf("Beylikova to Manisa %.1f km, the great circle gives %.1f", got, want)
			}
			if c := Compass(n[1].Bearing); c != "W" && c != "WSW" {
				t.Errorf("Manisa lies %s (%.0f°) of Beylikova, want about west", c, n[1].Bearing)
			}
		}},
		{"across the antimeridian", orb.Point{179.95, 0.5}, 30, nil, []int{3, 4}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := Nearby(ix, tt.from, tt.km, 10, tt.skip)
			var got []int
			for _, x := range n {
				got = append(got, x.Index)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("found %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("found %v, want %v", got, tt.want)
				}
			}
			if tt.check != nil {
				tt.check(t, n)
			}
		})
	}
}

func TestCompass(t *testing.T) {
	for _, tt := range []struct {
		deg  float64
		want string
	}{{0, "N"}, {359, "N"}, {45, "NE"}, {90, "E"}, {200, "SSW"}, {-90, "W"}} {
		if got := Compass(tt.deg); got != tt.want {
			t.Errorf("Compass(%v) = %s, want %s", tt.deg, got, tt.want)
		}
	}
}
