package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/lodemap/lodemap/geo/style"
)

// minesFile has no kinds: it opens coloured by its commodities.
const minesFile = `{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Point","coordinates":[30,39]},"properties":{"name":"A","commodities":"Au|Ag","tonnes":5}},
{"type":"Feature","geometry":{"type":"Point","coordinates":[31,39]},"properties":{"name":"B","commodities":"Gold","tonnes":50}},
{"type":"Feature","geometry":{"type":"Point","coordinates":[32,39]},"properties":{"name":"C","commodities":"Cu","tonnes":500}}]}`

// TestLayerStyle adds a file without kinds, checks it opens coloured by
// its commodities, then restyles it from the layer panel's style button.
func TestLayerStyle(t *testing.T) {
	w, _ := newTestWindow(t)
	addFile(t, w, "mines.geojson", minesFile)
	st := w.Map.Style("mines")
	if st == nil || st.Mode != style.ByCategory || st.Field != "commodities" {
		t.Fatalf("the file opens with style %+v, want a colour per commodity", st)
	}
	keys := texts(w.Layers)
	for _, want := range []string{"Gold (2)", "Copper (1)"} {
		if !strings.Contains(keys, want) {
			t.Errorf("layer key lacks %q:\n%s", want, keys)
		}
	}
	tests := []struct {
		name, mode, field, colour string
		check                     func(t *testing.T, st *style.Layer)
	}{
		{"one colour", styleSingle, "", "Blue", func(t *testing.T, st *style.Layer) {
			if st.Mode != style.Single || st.Color != style.Blue {
				t.Errorf("style %+v", st.Spec)
			}
		}},
		{"sizes", styleBySize, "tonnes", "Green", func(t *testing.T, st *style.Layer) {
			if st.Mode != style.BySize || st.Min != 5 || st.Max != 500 || st.Steps[2] != style.SizeSteps {
				t.Errorf("style %+v steps %v", st.Spec, st.Steps)
			}
		}},
		{"kind and status", styleByKind, "", "", func(t *testing.T, st *style.Layer) {
			if st != nil {
				t.Errorf("style %+v, want none", st.Spec)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The palette button on the layer's row opens the dialog.
			test.Tap(w.Layers.rows["mines"].style)
			p := w.stylePanel
			p.Mode.SetSelected(tt.mode)
			if tt.field != "" {
				p.Field.SetSelected(tt.field)
			}
			if tt.colour != "" {
				p.Colour.SetSelected(tt.colour)
			}
			before := w.Map.Style("mines")
			w.ApplyStyle(p)
			drainUntil(t, "the style", func() bool { return w.Map.Style("mines") != before })
			st := w.Map.Style("mines")
			tt.check(t, st)
			if got := w.Map.SceneInput().Styles["mines"]; got != st {
				t.Error("exports do not get the layer's style")
			}
		})
	}
}
