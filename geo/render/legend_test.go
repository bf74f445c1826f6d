package render_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/render"
	"github.com/lodemap/lodemap/geo/style"
	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

// legendLines are the legend's texts for a layer of deposits of the given
// statuses.
func legendLines(t *testing.T, statuses ...string) []string {
	t.Helper()
	var lines []string
	for _, tx := range legendOf(t, statuses...).Texts {
		lines = append(lines, tx.Text)
	}
	return lines
}

// legendOf is the legend for a layer of deposits of the given statuses.
func legendOf(t *testing.T, statuses ...string) render.Overlay {
	t.Helper()
	l := &layer.Layer{ID: "l", Title: "Sites"}
	for i, st := range statuses {
		l.Add(string(rune('a'+i)), "Site", "deposit", st, orb.Point{30 + float64(i), 39}, json.RawMessage(`{}`), i+1)
	}
	s, err := render.Build(render.Input{View: view.New(orb.Point{31, 39}, 6, 800, 500), Layers: []*layer.Layer{l},
		Furniture: render.Furniture{Legend: true}})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range s.Overlays {
		if o.Name == "legend" {
			return o
		}
	}
	t.Fatal("no legend")
	return render.Overlay{}
}

// TestLegendStatuses checks the legend's Status section: features of no
// status are explained beside others that have one, last; a layer of no
// statuses at all has no Status section, and never claims to operate.
func TestLegendStatuses(t *testing.T) {
	tests := []struct {
		name     string
		statuses []string
		want     []string
	}{
		{"no statuses", []string{"", ""}, []string{"Sites", "Deposit"}},
		{"unknown statuses only", []string{"dormant", ""}, []string{"Sites", "Deposit"}},
		{"some without", []string{"operating", ""}, []string{"Sites", "Deposit", "Status", "Operating or commissioning", "Status not given"}},
		{"unknown beside planned", []string{"dormant", "planned"}, []string{"Sites", "Deposit", "Status", "Planned, announced or proposed", "Status not given"}},
		{"all given", []string{"operating", "under_construction"}, []string{"Sites", "Deposit", "Status", "Operating or commissioning", "Under construction"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := legendLines(t, tt.statuses...); !slices.Equal(got, tt.want) {
				t.Errorf("legend = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestLegendKeyFill checks a layer's key is drawn as its markers are: pale
// for a layer of no statuses, solid (the Status rows explaining the fills)
// for one with statuses.
func TestLegendKeyFill(t *testing.T) {
	tests := []struct {
		name     string
		statuses []string
		want     style.Fill
	}{
		{"no statuses", []string{"", "dormant"}, style.Pale},
		{"some without", []string{"", "planned"}, style.Solid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key := legendOf(t, tt.statuses...).Markers[0] // the Deposit row
			if key.Style.Fill != tt.want {
				t.Errorf("the deposit key's fill is %d, want %d", key.Style.Fill, tt.want)
			}
		})
	}
}
