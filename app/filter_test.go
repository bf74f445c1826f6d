package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/lodemap/lodemap/data/filter"
)

// facetBox finds the check box of a facet's value by its label's start.
func facetBox(t *testing.T, w *Window, field, label string) *widget.Check {
	t.Helper()
	for _, o := range w.Filter.groups[field].Objects {
		if c := o.(*widget.Check); strings.HasPrefix(c.Text, label+" (") {
			return c
		}
	}
	t.Fatalf("no %s box %q", field, label)
	return nil
}

// TestFilterPanel checks a kind's box, as a user would: the map, its hit
// tests, the layer counts, the facets' counts, the status line and exports
// show only what the filter lets through; the chip takes it off again,
// and "Clear all" clears everything.
func TestFilterPanel(t *testing.T) {
	w, cat := newTestWindow(t)
	drainUntil(t, "the facets", func() bool { return len(w.Filter.facets["kind"]) > 0 })
	if c := facetBox(t, w, "kind", "Refinery"); c.Text != "Refinery (6)" {
		t.Errorf("box %q, want 6 refineries counted", c.Text)
	}
	test.Tap(facetBox(t, w, "kind", "Refinery"))
	drainUntil(t, "the filter", func() bool { return w.Map.Filter() != nil })
	masks := w.Map.Filter()
	n := 0
	for _, l := range cat.Layers {
		n += masks[l.ID].Count(l.Len())
	}
	if n != 6 {
		t.Errorf("%d sites shown, want the 6 refineries", n)
	}
	if got := w.Layers.Check("processing").Text; got != "Refineries & processing (6 of 10)" {
		t.Errorf("layer row %q", got)
	}
	if !strings.Contains(w.status.Text, "6 of 28 sites shown") {
		t.Errorf("status %q", w.status.Text)
	}
	if under := w.Map.FeaturesAt(featurePos(t, w, cat, "tr-manisa-byd")); len(under) != 0 {
		t.Errorf("a filtered-out plant is under the pointer: %v", under)
	}
	if in := w.Map.SceneInput(); in.Filter == nil {
		t.Error("exports would not see the filter")
	}
	// The other facets count what the filter shows: Turkey has one refinery.
	drainUntil(t, "the counts", func() bool { return facetBox(t, w, "country", "TR").Text == "TR (1)" })
	if len(w.Filter.chips.Objects) != 1 {
		t.Fatalf("%d chips, want kind=refinery's", len(w.Filter.chips.Objects))
	}
	test.Tap(w.Filter.chips.Objects[0].(*widget.Button))
	drainUntil(t, "the filter to go", func() bool { return w.Map.Filter() == nil })
	test.Tap(facetBox(t, w, "status", "Operating"))
	w.Filter.expr.SetText("kind=mine")
	w.Filter.expr.OnSubmitted(w.Filter.expr.Text)
	drainUntil(t, "two conditions", func() bool { return w.Map.Filter() != nil && len(w.Filter.chips.Objects) == 2 })
	test.Tap(w.Filter.clearAll)
	drainUntil(t, "clear all", func() bool { return w.Map.Filter() == nil && len(w.Filter.chips.Objects) == 0 })
}

// TestFilterBadCondition types a condition that is not one: it is said,
// and nothing is filtered.
func TestFilterBadCondition(t *testing.T) {
	w, _ := newTestWindow(t)
	w.Filter.expr.SetText("depth>=deep")
	w.Filter.expr.OnSubmitted(w.Filter.expr.Text)
	if !w.Filter.message.Visible() || !strings.Contains(w.Filter.message.Text, `"deep" is not a number`) {
		t.Errorf("message %q", w.Filter.message.Text)
	}
	if len(w.Filter.Filter()) != 0 {
		t.Error("a bad condition was set")
	}
}

// TestWindowSetFilter starts the window filtered, as --filter does: the
// panel shows the condition as a chip and the map draws through it.
func TestWindowSetFilter(t *testing.T) {
	w, _ := newTestWindow(t)
	c, err := filter.Parse("kind=mine")
	if err != nil {
		t.Fatal(err)
	}
	w.SetFilter(filter.Filter{c})
	drainUntil(t, "the filter", func() bool { return w.Map.Filter() != nil })
	if len(w.Filter.chips.Objects) != 1 || !facetBox(t, w, "kind", "Mine").Checked {
		t.Error("the panel does not show the filter")
	}
	if got := w.Layers.Check("deposits").Text; got != "Deposits & mines (6 of 7)" {
		t.Errorf("layer row %q", got)
	}
}

// mustFilter parses conditions.
func mustFilter(t *testing.T, exprs ...string) filter.Filter {
	t.Helper()
	var f filter.Filter
	for _, e := range exprs {
		c, err := filter.Parse(e)
		if err != nil {
			t.Fatal(err)
		}
		f = append(f, c)
	}
	return f
}
