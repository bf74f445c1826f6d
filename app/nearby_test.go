package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/lodemap/lodemap/data"
)

// nearButtons are the Nearby section's rows.
func nearButtons(w *Window) []*widget.Button {
	var out []*widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *widget.Button:
			if strings.Contains(o.Text, " km ") || strings.Contains(o.Text, " m ") {
				out = append(out, o)
			}
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
		}
	}
	walk(w.Details.content)
	return out
}

// TestNearbyInDetails shows the Beylikova deposit: the plants beside it
// are listed nearest first with distance and bearing; a wider radius
// reaches BYD's Manisa plant, which a click shows; a filter narrows the
// list as it narrows the map.
func TestNearbyInDetails(t *testing.T) {
	w, cat := newTestWindow(t)
	r, _ := cat.Feature(deposit)
	w.Details.SetFeature(r.Layer.Site(r.Index), []data.Ref{r})
	rows := nearButtons(w)
	if len(rows) != 2 || !strings.Contains(rows[0].Text, "Beylikova") {
		t.Fatalf("nearby within 50 km: %d rows, want the 2 Beylikova plants", len(rows))
	}
	if len(w.Details.nearRows) != 2 || w.Details.nearRows[0].Km > w.Details.nearRows[1].Km {
		t.Errorf("not nearest first: %+v", w.Details.nearRows)
	}
	w.Details.nearKm = 500
	w.Details.rebuild()
	var byd *widget.Button
	for _, b := range nearButtons(w) {
		if strings.HasPrefix(b.Text, "BYD Turkiye") {
			byd = b
		}
	}
	if byd == nil || !strings.Contains(byd.Text, " km W") {
		t.Fatalf("BYD's Manisa plant is not listed west of Beylikova within 500 km: %v", byd)
	}
	test.Tap(byd)
	if got := idOf(w, w.Map.Selected()); got != "tr-manisa-byd" {
		t.Errorf("picking BYD selected %q", got)
	}

	w.SetFilter(mustFilter(t, "kind=refinery"))
	drainUntil(t, "the filter", func() bool { return w.Map.Filter() != nil })
	w.Details.SetFeature(r.Layer.Site(r.Index), []data.Ref{r})
	for _, n := range w.Details.nearRows {
		if n.Layer.Kinds[n.Index] != "refinery" {
			t.Errorf("%s listed nearby through a refinery filter", n.Layer.IDs[n.Index])
		}
	}
}

// TestQuoteSegmentsKeepTheText checks that the spaces moved off a
// segment's start (which Fyne would wrap letter by letter) keep the quote
// exactly as written.
func TestQuoteSegmentsKeepTheText(t *testing.T) {
	quote := "Turkey aims to refine the Beylikova deposit into high-purity elements, the Beylikova deposit  again."
	segs := quoteSegments(quote, "Beylikova deposit")
	var all strings.Builder
	for i, s := range segs {
		text := s.(*widget.TextSegment).Text
		if i > 0 && strings.HasPrefix(text, " ") {
			t.Errorf("segment %d starts with a space: %q", i, text)
		}
		all.WriteString(text)
	}
	if all.String() != quote {
		t.Errorf("segments read %q, want %q", all.String(), quote)
	}
}
