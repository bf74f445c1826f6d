package basemap

import (
	"slices"
	"testing"

	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

func TestPlaces(t *testing.T) {
	all, err := Places()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 100_000 {
		t.Fatalf("%d places, want the GeoNames set of over 100,000", len(all))
	}
	if !slices.IsSortedFunc(all, func(a, b Place) int { return b.Population - a.Population }) {
		t.Error("places are not the most populous first")
	}
	for z := 0.0; z < 12; z += 0.5 {
		if MinPopulation(z+0.5) > MinPopulation(z) {
			t.Errorf("zoom %g names fewer places than zoom %g", z+0.5, z)
		}
	}
}

// TestNamed checks the places named around the Beylikova deposit: the
// cities at the start view, the towns at zoom 9, with Turkish letters.
func TestNamed(t *testing.T) {
	tests := []struct {
		name string
		v    view.Viewport
		want []string
		not  []string
	}{
		{"start view", view.New(orb.Point{30.2, 39.6}, 6.2, 1280, 800), []string{"Istanbul", "Ankara", "İzmir", "Eskişehir"}, []string{"Alpu", "Sivrihisar"}},
		{"zoom 9", view.New(orb.Point{31.0, 39.7}, 9, 1280, 800), []string{"Eskişehir", "Sivrihisar", "Alpu"}, []string{"Ankara"}},
		{"zoom 3", view.New(orb.Point{30, 40}, 3, 1280, 800), []string{"Istanbul", "Ankara", "Moscow"}, []string{"Eskişehir"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var names []string
			if err := Named(tt.v, func(p Place, _, _ float64) bool { names = append(names, p.Name); return true }); err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !slices.Contains(names, w) {
					t.Errorf("%q not named among %d places", w, len(names))
				}
			}
			for _, w := range tt.not {
				if slices.Contains(names, w) {
					t.Errorf("%q named at zoom %g", w, tt.v.Zoom)
				}
			}
		})
	}
}

func TestDecodePlacesErrors(t *testing.T) {
	if _, err := DecodePlaces([]byte("not gzip")); err == nil {
		t.Error("no error for bytes that are not gzip")
	}
}
