package basemap

import (
	"testing"

	"github.com/lodemap/lodemap/assets"
)

func TestDecode(t *testing.T) {
	tests := []struct {
		name string
		gz   []byte
		min  int
	}{
		{"110m", assets.Countries110m, 170},
		{"50m", assets.Countries50m, 230},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Decode(tt.gz)
			if err != nil {
				t.Fatal(err)
			}
			if len(s.Countries) < tt.min {
				t.Errorf("%d countries, want at least %d", len(s.Countries), tt.min)
			}
			crossing := 0
			for _, c := range s.Countries {
				for _, b := range c.Bounds {
					w := b.Max[0] - b.Min[0]
					if b.Min[0] < 0 || b.Max[0] > 1 {
						crossing++
					}
					switch c.Name {
					case "Antarctica":
						// Circles the pole: kept whole, as wide as the world.
					case "Russia", "Fiji", "United States of America":
						// Unwrapped across the antimeridian: one piece, not a band.
						if w > 0.6 {
							t.Errorf("%s has a ring %.2f of the world wide", c.Name, w)
						}
					case "Turkey":
						if b.Min[0] < 0.55 || b.Max[0] > 0.63 {
							t.Errorf("Turkey ring bound %v", b)
						}
					}
				}
			}
			if crossing == 0 {
				t.Error("no ring was unwrapped across the antimeridian")
			}
		})
	}
}

func TestDecodeBad(t *testing.T) {
	if _, err := Decode([]byte("not gzip")); err == nil {
		t.Error("no error for bad input")
	}
}

func TestForZoom(t *testing.T) {
	lo, err := ForZoom(2)
	if err != nil {
		t.Fatal(err)
	}
	hi, err := ForZoom(DetailZoom)
	if err != nil {
		t.Fatal(err)
	}
	if lo == hi || len(hi.Countries) <= len(lo.Countries) {
		t.Errorf("zoom %g should use the 50m set (%d countries vs %d)", DetailZoom, len(hi.Countries), len(lo.Countries))
	}
}

func TestWraps(t *testing.T) {
	s, _ := Decode(assets.Countries110m)
	for _, c := range s.Countries {
		if c.Name == "Fiji" {
			if got := Wraps(c.Bounds[len(c.Bounds)-1]); len(got) != 2 {
				t.Errorf("Fiji wraps %v, want two copies", got)
			}
		}
		if c.Name == "Turkey" {
			if got := Wraps(c.Bounds[0]); len(got) != 1 {
				t.Errorf("Turkey wraps %v, want one copy", got)
			}
		}
	}
}
