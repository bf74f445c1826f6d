package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// attrBox finds the check box of a value of the "Any attribute" facet.
func attrBox(t *testing.T, w *Window, label string) *widget.Check {
	t.Helper()
	for _, o := range w.Filter.attrGroup.Objects {
		if c := o.(*widget.Check); strings.HasPrefix(c.Text, label+" (") {
			return c
		}
	}
	t.Fatalf("no box %q under Any attribute", label)
	return nil
}

// TestFilterAnyAttribute filters an added file by an attribute of its
// own: its values are offered with their counts, and a numeric one takes
// a range.
func TestFilterAnyAttribute(t *testing.T) {
	w, _ := newTestWindow(t)
	addFile(t, w, "mines.geojson", `{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Point","coordinates":[30,39]},"properties":{"name":"A","dep_type":"Skarn","reserves_mt":12}},
{"type":"Feature","geometry":{"type":"Point","coordinates":[30.5,39]},"properties":{"name":"B","dep_type":"Skarn","reserves_mt":150}},
{"type":"Feature","geometry":{"type":"Point","coordinates":[31,39]},"properties":{"name":"C","dep_type":"Placer","reserves_mt":400}}]}`)
	drainUntil(t, "the file's attributes", func() bool { return slices.Contains(w.Filter.attrs, "dep_type") })
	for _, a := range []string{"kind", "country_name", "commodities", "name"} {
		if slices.Contains(w.Filter.attrs, a) {
			t.Errorf("%q is offered under Any attribute, beside its own facet", a)
		}
	}
	w.Filter.ChooseAttribute("dep_type")
	drainUntil(t, "dep_type's values", func() bool { return len(w.Filter.attrGroup.Objects) == 2 })
	if c := attrBox(t, w, "Skarn"); c.Text != "Skarn (2)" {
		t.Errorf("box %q, want 2 skarns", c.Text)
	}
	if w.Filter.attrRange.Visible() {
		t.Error("a range for a text attribute")
	}
	test.Tap(attrBox(t, w, "Placer"))
	drainUntil(t, "the filter", func() bool { return w.Map.Filter() != nil })
	if !strings.Contains(w.status.Text, "1 of 31 sites shown") {
		t.Errorf("status %q", w.status.Text)
	}
	test.Tap(w.Filter.clearAll)
	w.Filter.ChooseAttribute("reserves_mt")
	drainUntil(t, "the range", func() bool { return w.Filter.attrRange.Visible() })
	w.Filter.SetRange("100", "")
	drainUntil(t, "the range's filter", func() bool { return strings.Contains(w.status.Text, "2 of 31 sites shown") })
	if f := w.Filter.Filter(); len(f) != 1 || f[0].String() != "reserves_mt>=100" {
		t.Errorf("filter %v", f)
	}
}

// TestFilterLayerFacet ticks a layer in the filter's Layer facet: only its
// sites are shown, counted in its box.
func TestFilterLayerFacet(t *testing.T) {
	w, _ := newTestWindow(t)
	drainUntil(t, "the facets", func() bool { return len(w.Filter.facets["layer"]) > 0 })
	box := facetBox(t, w, "layer", "Deposits & mines")
	if box.Text != "Deposits & mines (7)" {
		t.Errorf("box %q", box.Text)
	}
	test.Tap(box)
	drainUntil(t, "the filter", func() bool { return strings.Contains(w.status.Text, "7 of 28 sites shown") })
}
