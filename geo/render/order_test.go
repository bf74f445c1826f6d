package render_test

import (
	"slices"
	"strconv"
	"testing"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/render"
	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

// reference is an added layer of points at and around each of the
// dataset's sites, some named by bare numbers, as a reference extract
// like the USGS one is.
func reference(cat *data.Catalog) *layer.Layer {
	ref := &layer.Layer{ID: "ref", Title: "Reference"}
	n := 0
	for _, l := range cat.Layers {
		for i := range l.Len() {
			p := l.LonLat[i]
			for _, d := range []orb.Point{{0, 0}, {0.02, 0}, {-0.02, 0}, {0, 0.02}, {0.15, 0.05}} {
				n++
				name := "Mine " + strconv.Itoa(n)
				if n%2 == 0 {
					name = strconv.Itoa(n) // a record number for a name
				}
				ref.Add("r"+strconv.Itoa(n), name, "", "", orb.Point{p[0] + d[0], p[1] + d[1]}, nil, n)
			}
		}
	}
	return ref
}

// TestAddedLayerBelow checks an added reference layer never buries the
// dataset: the dataset's layers are drawn over it, their labels are
// placed as without it, the selected site keeps its label, and no label
// is a bare number.
func TestAddedLayerBelow(t *testing.T) {
	cat, err := data.Default()
	if err != nil {
		t.Fatal(err)
	}
	v := view.New(orb.Point{30.2, 39.6}, 6.2, 1280, 800)
	labels := func(s *render.Scene) []string {
		var out []string
		for _, l := range s.Labels {
			out = append(out, l.Text)
		}
		return out
	}
	alone, err := render.Build(render.Input{View: v, Layers: cat.Layers})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Beylikova", "Eti Maden Beylikova industrial REE processing plant", "BYD Turkiye EV/PHEV plant"} {
		if !slices.Contains(labels(alone), want) {
			t.Errorf("no label %q at the start view: %q", want, labels(alone))
		}
	}
	layers := append(slices.Clone(cat.Layers), reference(cat))
	with, err := render.Build(render.Input{View: v, Layers: layers})
	if err != nil {
		t.Fatal(err)
	}
	if with.Groups[0].Layer != "ref" {
		t.Errorf("the added layer is drawn as group %q, want first (below)", with.Groups[0].Layer)
	}
	for _, want := range labels(alone) {
		if !slices.Contains(labels(with), want) {
			t.Errorf("label %q is lost under the added layer; labels: %q", want, labels(with))
		}
	}
	for _, l := range labels(with) {
		if _, err := strconv.Atoi(l); err == nil {
			t.Errorf("a bare number is a label: %q", l)
		}
	}
	// The selected site gets its label, however crowded its spot.
	pilot := cat.Layers[1].Site(cat.Layers[1].Index("tr-beylikova-pilot-plant"))
	sel, err := render.Build(render.Input{View: v, Layers: layers, Selected: pilot})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(sel.Labels, func(l render.Label) bool { return l.Bold && l.Text == "Eti Maden Beylikova REE pilot plant" }) {
		t.Errorf("the selected pilot plant has no label: %q", labels(sel))
	}
}
