package render_test

import (
	"fmt"
	"testing"

	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/render"
	"github.com/lodemap/lodemap/geo/render/rendertest"
	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

// TestFilterHidesFeatures filters a crowd of points and a layer of
// polygons: what the filter leaves out is neither drawn nor counted in
// clusters, nor highlighted when selected.
func TestFilterHidesFeatures(t *testing.T) {
	crowd := rendertest.Crowd(3000)
	polys := rendertest.Polygons(2000)
	even := func(l *layer.Layer) *layer.Mask { return layer.NewMask(l.Len(), func(i int) bool { return i%2 == 0 }) }
	count := func(s *render.Scene) (sites int, odd bool) {
		for _, g := range s.Groups {
			for _, c := range g.Clusters {
				sites += c.Count
			}
			sites += len(g.Markers) + len(g.Dots) + len(g.Shapes)
			for _, m := range g.Markers {
				odd = odd || m.Site.Index%2 == 1
			}
			for _, sh := range g.Shapes {
				odd = odd || sh.Site.Index%2 == 1
			}
		}
		return sites, odd
	}
	tests := []struct {
		name string
		in   render.Input
	}{
		{"clusters", render.Input{View: rendertest.Anatolia(800, 500), Layers: []*layer.Layer{crowd}}},
		{"markers", render.Input{View: view.New(orb.Point{30.2, 39.6}, 9, 800, 500), Layers: []*layer.Layer{crowd}}},
		{"polygons", render.Input{View: view.New(orb.Point{32, 39}, 7, 800, 500), Layers: []*layer.Layer{polys}, NoLabels: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			all, err := render.Build(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			l := tt.in.Layers[0]
			tt.in.Filter = map[string]*layer.Mask{l.ID: even(l)}
			tt.in.Selected = l.Site(1) // filtered out
			some, err := render.Build(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			n, _ := count(all)
			m, odd := count(some)
			if n < 20 || m < n/2-n/10 || m > n/2+n/10 || odd {
				t.Errorf("%d of %d features drawn through the filter (odd ones among them: %v), want about half, none odd", m, n, odd)
			}
			if some.Highlight != nil || len(some.HighlightShapes) > 0 {
				t.Error("a filtered-out selection is highlighted")
			}
		})
	}
}

// TestLabelPriority puts six sites on one point, where only four labels
// fit: the site of an unknown kind, whose label comes last by kind, is
// labelled once it has a priority.
func TestLabelPriority(t *testing.T) {
	l := &layer.Layer{ID: "six", Title: "Six"}
	for i := range 5 {
		l.Add(fmt.Sprint("r", i), fmt.Sprint("Refinery ", i), "refinery", "operating", orb.Point{31.35, 39.62}, nil, i+1)
	}
	l.Add("x", "The other one", "other", "operating", orb.Point{31.35, 39.62}, nil, 6)
	tests := []struct {
		name     string
		priority map[layer.Site]int
		want     bool // the other one is labelled
	}{
		{"by kind", nil, false},
		{"with a priority", map[layer.Site]int{l.Site(5): 1}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := render.Build(render.Input{View: view.New(orb.Point{31.35, 39.62}, 7, 800, 500), Layers: []*layer.Layer{l}, LabelPriority: tt.priority})
			if err != nil {
				t.Fatal(err)
			}
			got, n := false, 0
			for _, lb := range s.Labels {
				got = got || lb.Text == "The other one"
				if !lb.Place {
					n++
				}
			}
			if got != tt.want || n >= 6 {
				t.Errorf("%d labels, the other one's among them: %v, want %v", n, got, tt.want)
			}
		})
	}
}
