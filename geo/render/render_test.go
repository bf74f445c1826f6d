package render

import (
	"encoding/json"
	"testing"

	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/style"
	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

// testLayers is a small fixed dataset: every kind and fill, two overlapping
// sites and one across the antimeridian.
func testLayers() []*layer.Layer {
	a := &layer.Layer{ID: "a", Title: "Deposits"}
	a.Add("dep", "Beylikova deposit", "deposit", "planned", orb.Point{31.3508, 39.6194}, json.RawMessage(`{}`), 1)
	a.Add("mine", "Some mine (district)", "mine", "operating", orb.Point{29.0, 41.0}, json.RawMessage(`{}`), 2)
	a.Add("fiji", "Fiji mine", "mine", "exploration", orb.Point{179.5, -17.5}, json.RawMessage(`{}`), 3)
	b := &layer.Layer{ID: "b", Title: "Plants"}
	b.Add("ref", "Beylikova refinery", "refinery", "planned", orb.Point{31.3833, 39.6333}, json.RawMessage(`{}`), 1)
	b.Add("byd", "BYD Manisa, Akgedik", "automaker_plant", "under_construction", orb.Point{27.2794, 38.6399}, json.RawMessage(`{}`), 2)
	b.Add("hq", "Headquarters", "headquarters", "operating", orb.Point{33.0, 37.5}, json.RawMessage(`{}`), 3)
	b.Add("pilot", "Pilot plant", "pilot_plant", "commissioning", orb.Point{30.0, 37.8}, json.RawMessage(`{}`), 4)
	b.Add("mag", "Magnet plant", "magnet_plant", "proposed", orb.Point{26.0, 40.2}, json.RawMessage(`{}`), 5)
	b.Add("bat", "Battery plant", "battery_plant", "announced", orb.Point{34.5, 39.0}, json.RawMessage(`{}`), 6)
	b.Add("odd", "Odd kind", "smelter", "operating", orb.Point{28.5, 37.2}, json.RawMessage(`{}`), 7)
	return []*layer.Layer{a, b}
}

func anatolia(w, h float64) view.Viewport { return view.New(orb.Point{30.2, 39.6}, 6.2, w, h) }

func TestGolden(t *testing.T) {
	tests := []struct {
		name  string
		in    Input
		scale float64
	}{
		{"anatolia.png", Input{View: anatolia(640, 400), Layers: testLayers()}, 1},
		{"anatolia-selected.png", Input{View: anatolia(640, 400), Layers: testLayers(), Selected: "byd", Hovered: "hq"}, 1},
		{"anatolia-hidpi.png", Input{View: anatolia(320, 200), Layers: testLayers(), Selected: "dep"}, 2},
		{"world.png", Input{View: view.New(orb.Point{20, 20}, 1.5, 800, 500), Layers: testLayers(), NoLabels: true}, 1},
		{"pacific.png", Input{View: view.New(orb.Point{180, -15}, 4.5, 500, 300), Layers: testLayers()}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Build(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			assertGolden(t, tt.name, Raster(s, tt.scale))
		})
	}
}

func TestBuild(t *testing.T) {
	ls := testLayers()
	count := func(s *Scene) int {
		n := 0
		for _, g := range s.Groups {
			n += len(g.Markers)
		}
		return n
	}
	t.Run("markers in view", func(t *testing.T) {
		s, err := Build(Input{View: anatolia(1280, 800), Layers: ls})
		if err != nil {
			t.Fatal(err)
		}
		if got := count(s); got != 9 { // all but Fiji
			t.Errorf("%d markers, want 9", got)
		}
		if s.Highlight != nil {
			t.Error("highlight without a selection")
		}
	})
	t.Run("hidden layer has no markers", func(t *testing.T) {
		s, _ := Build(Input{View: anatolia(1280, 800), Layers: ls, Hidden: map[string]bool{"b": true}})
		if got := count(s); got != 2 {
			t.Errorf("%d markers, want 2", got)
		}
		for _, g := range s.Groups {
			if g.Layer == "b" {
				t.Error("hidden layer has a group")
			}
		}
	})
	t.Run("selection is highlighted and labelled first", func(t *testing.T) {
		s, _ := Build(Input{View: anatolia(1280, 800), Layers: ls, Selected: "ref"})
		if s.Highlight == nil || s.Highlight.ID != "ref" || !s.Highlight.Selected {
			t.Fatalf("highlight = %+v", s.Highlight)
		}
		if len(s.Labels) == 0 || s.Labels[0].Text != "Beylikova refinery" || !s.Labels[0].Bold {
			t.Errorf("first label = %+v", s.Labels)
		}
	})
	t.Run("labels do not overlap", func(t *testing.T) {
		s, _ := Build(Input{View: view.New(orb.Point{30.2, 39.6}, 4, 600, 400), Layers: ls})
		var boxes []box
		for _, l := range s.Labels {
			w := MeasureText(l.Text, style.LabelSize, l.Bold)
			b := box{l.X, l.Y - style.LabelSize*0.72, l.X + w, l.Y + style.LabelSize*0.28}
			for _, o := range boxes {
				if b.overlaps(o) {
					t.Errorf("label %q overlaps another", l.Text)
				}
			}
			boxes = append(boxes, b)
		}
		if len(s.Labels) >= count(s) {
			t.Errorf("%d labels for %d crowded markers: some should be left out", len(s.Labels), count(s))
		}
	})
	t.Run("no labels", func(t *testing.T) {
		s, _ := Build(Input{View: anatolia(1280, 800), Layers: ls, NoLabels: true})
		if len(s.Labels) != 0 {
			t.Errorf("%d labels", len(s.Labels))
		}
	})
	t.Run("marker across the antimeridian", func(t *testing.T) {
		s, _ := Build(Input{View: view.New(orb.Point{-179, -17}, 6, 800, 600), Layers: ls})
		found := false
		for _, g := range s.Groups {
			for _, m := range g.Markers {
				found = found || m.ID == "fiji"
			}
		}
		if !found {
			t.Error("Fiji marker at 179.5E not drawn in a view centred on 179W")
		}
	})
	t.Run("attribution", func(t *testing.T) {
		s, _ := Build(Input{View: anatolia(640, 400), Layers: ls, Attribution: []string{"Data: test"}})
		if len(s.Overlays) != 1 || s.Overlays[0].Name != "attribution" || len(s.Overlays[0].Texts) != 2 || s.Overlays[0].Texts[1].Text != "Data: test" {
			t.Errorf("overlays = %+v", s.Overlays)
		}
	})
}

func TestShortLabel(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Beylikova (Kizilcaoren) rare earth deposit", "Beylikova"},
		{"BYD Turkiye EV/PHEV plant, Manisa OSB (7th section, Akgedik)", "BYD Turkiye EV/PHEV plant"},
		{"Mountain Pass rare earth mine & processing facility", "Mountain Pass rare earth mine & processing facility"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := ShortLabel(tt.in); got != tt.want {
				t.Errorf("ShortLabel(%q) = %q", tt.in, got)
			}
		})
	}
}

func TestSwatchIsCropped(t *testing.T) {
	img := Swatch(style.For("mine", "operating"), 1)
	b := img.Bounds()
	if b.Dx() < 10 || b.Dx() > 22 || b.Dy() < 10 || b.Dy() > 22 {
		t.Errorf("swatch %v: want about the marker's size", b)
	}
}
