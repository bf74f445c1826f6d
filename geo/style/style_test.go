package style

import (
	"testing"
)

func TestFor(t *testing.T) {
	tests := []struct {
		kind, status string
		want         Marker
	}{
		{"deposit", "planned", Marker{Shape: Diamond, Color: Orange, Fill: Hollow}},
		{"mine", "operating", Marker{Shape: Triangle, Color: Vermillion, Fill: Solid}},
		{"refinery", "under_construction", Marker{Shape: Square, Color: Blue, Fill: Dashed}},
		{"automaker_plant", "commissioning", Marker{Shape: Circle, Color: Purple, Fill: Solid}},
		{"headquarters", "announced", Marker{Shape: Star, Color: Black, Fill: Hollow}},
		{"smelter", "operating", Marker{Shape: Circle, Color: Grey, Fill: Solid}},
		{"mine", "dormant", Marker{Shape: Triangle, Color: Vermillion, Fill: Solid}},
	}
	for _, tt := range tests {
		t.Run(tt.kind+"/"+tt.status, func(t *testing.T) {
			if got := For(tt.kind, tt.status); got != tt.want {
				t.Errorf("For = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestKindsAreDistinct(t *testing.T) {
	seen := map[Marker]string{}
	for k := range kinds {
		m := For(k, "operating")
		if prev, dup := seen[m]; dup {
			t.Errorf("%s and %s look the same: %+v", k, prev, m)
		}
		seen[m] = k
	}
}

func TestLabels(t *testing.T) {
	tests := []struct{ got, want string }{
		{KindLabel("pilot_plant"), "Pilot plant"},
		{KindLabel("smelter_site"), "Smelter site"},
		{KindLabel(""), "Unspecified"},
		{StatusLabel("under_construction"), "Under construction"},
		{StatusLabel("mothballed"), "Mothballed"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}

func TestOutline(t *testing.T) {
	for _, s := range []Shape{Circle, Square, Diamond, Triangle, Hexagon, Star, Pentagon} {
		t.Run("", func(t *testing.T) {
			pts := s.Outline(7)
			if len(pts) < 3 {
				t.Fatalf("shape %d has %d points", s, len(pts))
			}
			for _, p := range pts {
				if p[0] < -10 || p[0] > 10 || p[1] < -10 || p[1] > 10 {
					t.Errorf("shape %d point %v beyond 1.4 radii", s, p)
				}
			}
		})
	}
}

// TestPaletteAvoidsCircleKinds: a category's marker is a circle, so the
// palette holds neither the automaker plants' nor the battery plants'
// colour, whose markers are circles too.
func TestPaletteAvoidsCircleKinds(t *testing.T) {
	for _, kind := range []string{"automaker_plant", "battery_plant"} {
		for i, c := range Palette {
			if c == For(kind, "operating").Color {
				t.Errorf("palette colour %d is the %s colour", i, kind)
			}
		}
	}
}
