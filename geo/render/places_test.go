package render_test

import (
	"math"
	"slices"
	"testing"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/geo/render"
	"github.com/lodemap/lodemap/geo/tiles"
	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

// TestPlaceLabels checks the basemap's place names among the dataset's
// sites: the cities the issue names are placed, they give way to every
// site's label and marker, and their credit is shown; without labels or
// with NoPlaces there are none.
func TestPlaceLabels(t *testing.T) {
	cat, err := data.Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		in   render.Input
		want []string
	}{
		{"start view", render.Input{View: view.New(orb.Point{30.2, 39.6}, 6.2, 1280, 800), Layers: cat.Layers}, []string{"Istanbul", "Ankara", "İzmir", "Eskişehir"}},
		{"zoom 9 at Beylikova", render.Input{View: view.New(orb.Point{31.0, 39.7}, 9, 1280, 800), Layers: cat.Layers}, []string{"Eskişehir", "Sivrihisar", "Alpu"}},
		{"no places", render.Input{View: view.New(orb.Point{31.0, 39.7}, 9, 1280, 800), Layers: cat.Layers, NoPlaces: true}, nil},
		{"no labels", render.Input{View: view.New(orb.Point{31.0, 39.7}, 9, 1280, 800), Layers: cat.Layers, NoLabels: true}, nil},
		// Tiles name their own places.
		{"over tiles", render.Input{View: view.New(orb.Point{31.0, 39.7}, 9, 1280, 800), Layers: cat.Layers, Tiles: tiles.NewLayer(nil, "Tiles", 9)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			without := tt.in
			without.NoPlaces = true
			alone, err := render.Build(without)
			if err != nil {
				t.Fatal(err)
			}
			s, err := render.Build(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			var places, sites []string
			for _, l := range s.Labels {
				if l.Place {
					places = append(places, l.Text)
				} else {
					sites = append(sites, l.Text)
				}
			}
			for _, w := range tt.want {
				if !slices.Contains(places, w) {
					t.Errorf("%q is not named: %q", w, places)
				}
			}
			if tt.want == nil && len(places) > 0 {
				t.Errorf("places named: %q", places)
			}
			var before []string
			for _, l := range alone.Labels {
				before = append(before, l.Text)
			}
			if !slices.Equal(sites, before) {
				t.Errorf("the sites' labels changed with the places: %q, were %q", sites, before)
			}
			credit := s.Overlays[len(s.Overlays)-1].Texts[0].Text
			for _, o := range s.Overlays {
				if o.Name == "attribution" {
					credit = o.Texts[0].Text
				}
			}
			if got := len(places) > 0; got != (credit == "Basemap: Natural Earth (public domain), world-atlas; places: GeoNames (CC BY 4.0)") {
				t.Errorf("places named %v, credit %q", got, credit)
			}
		})
	}
}

// TestBoundaries draws a polygon file's outlines with the basemap: in the
// basemap's group, under the sites, and only what lies in the frame.
func TestBoundaries(t *testing.T) {
	ls, probs := data.ReadLayers([]byte(`{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"name":"Eskişehir"},"geometry":{"type":"Polygon","coordinates":[[[30,39],[32,39],[32,40.5],[30,40.5],[30,39]]]}},
{"type":"Feature","properties":{"name":"Far away"},"geometry":{"type":"Polygon","coordinates":[[[100,10],[101,10],[101,11],[100,10]]]}}]}`), "provinces.geojson", "provinces.geojson")
	if len(ls) != 1 || len(probs) > 0 {
		t.Fatalf("%d layers, %v", len(ls), probs)
	}
	v := view.New(orb.Point{31, 39.7}, 7, 800, 500)
	s, err := render.Build(render.Input{View: v, Boundaries: ls})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Boundaries) != 1 {
		t.Fatalf("%d outlines, want Eskişehir's alone", len(s.Boundaries))
	}
	x, y := v.ToPixel(orb.Point{30, 39})
	if p := s.Boundaries[0][0]; math.Abs(p[0]-x) > 1 || math.Abs(p[1]-y) > 1 {
		t.Errorf("outline starts at %v, want (%g, %g)", p, x, y)
	}
	if none, _ := render.Build(render.Input{View: v}); len(none.Boundaries) != 0 {
		t.Error("outlines without a file")
	}
}
