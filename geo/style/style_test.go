package style

import (
	"fmt"
	"image/color"
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
		{"mine", "dormant", Marker{Shape: Triangle, Color: Vermillion, Fill: Pale}},
		{"refinery", "", Marker{Shape: Square, Color: Blue, Fill: Pale}},
		{"", "", Marker{Shape: Circle, Color: Grey, Fill: Pale}},
	}
	for _, tt := range tests {
		t.Run(tt.kind+"/"+tt.status, func(t *testing.T) {
			if got := For(tt.kind, tt.status); got != tt.want {
				t.Errorf("For = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// TestPaint checks each fill's colours: a marker with no status is never
// painted as an operating one (nor as a planned one), its outline the
// colour and its inside paler.
func TestPaint(t *testing.T) {
	tests := []struct {
		fill            Fill
		outline, inside color.NRGBA
	}{
		{Solid, color.NRGBA{0x00, 0x5E, 0x45, 0xFF}, Green},
		{Hollow, Green, HollowInside},
		{Dashed, Green, HollowInside},
		{Pale, Green, color.NRGBA{0x8C, 0xD3, 0xC0, 0xFF}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.fill), func(t *testing.T) {
			o, in := Marker{Color: Green, Fill: tt.fill}.Paint()
			if o != tt.outline || in != tt.inside {
				t.Errorf("Paint = %v, %v; want %v, %v", o, in, tt.outline, tt.inside)
			}
		})
	}
	pale := For("deposit", "")
	for _, status := range []string{"operating", "planned", "under_construction"} {
		if For("deposit", status) == pale {
			t.Errorf("a deposit of no status looks like a %s one", status)
		}
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
