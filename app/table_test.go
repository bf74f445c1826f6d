package app

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/data/search"
)

// TestAttributeTable opens the table, sorts it by a header click, clicks
// a row, picks a site on the map, filters, hides and moves columns and
// saves the rows.
func TestAttributeTable(t *testing.T) {
	w, cat := newTestWindow(t)
	w.ToggleTable()
	tb := w.Table
	if tb.Model() == nil || tb.current != "deposits" || tb.Model().Len() != 7 {
		t.Fatalf("the table lists %v", tb.Model())
	}
	// A click on the Name header sorts by name; a second, the other way.
	w.Content().Refresh() // the test canvas lays out a shown widget only when asked
	for _, desc := range []bool{false, true} {
		head := findButton(tb.grid, "Name")
		if head == nil {
			t.Fatal("no Name header")
		}
		test.Tap(head)
		drainUntil(t, "the sort", func() bool { by, d := tb.Model().SortedBy(); return by == "name" && d == desc })
		names := make([]string, tb.Model().Len())
		for r := range names {
			names[r] = search.Fold(tb.Model().Cell(r, "name"))
		}
		sorted := slices.IsSorted(names)
		if desc {
			slices.Reverse(names)
			sorted = slices.IsSorted(names)
		}
		if !sorted {
			t.Errorf("descending %v: names out of order: %q", desc, names)
		}
	}
	// A row click selects its site and shows it.
	r := tb.Model().RowOf(cat.Layers[0].Index("tr-beylikova-ree-deposit"))
	tb.grid.Select(widget.TableCellID{Row: r, Col: 1})
	if got := idOf(w, w.Map.Selected()); got != "tr-beylikova-ree-deposit" {
		t.Errorf("a row click selected %q", got)
	}
	// A site picked on the map brings its layer and row.
	w.Map.Home() // the row click flew the map to the deposit
	waitFrame(t, w.Map)
	test.TapCanvas(w.Canvas(), featurePos(t, w, cat, "tr-manisa-byd"))
	if sel := idOf(w, w.Map.Selected()); sel != "tr-manisa-byd" {
		t.Fatalf("the map selected %q", sel)
	}
	if tb.current != "automakers" || tb.grid.Length == nil {
		t.Fatalf("the table lists %q after a click on BYD Manisa", tb.current)
	}
	if want := tb.Model().RowOf(cat.Layers[2].Index("tr-manisa-byd")); tb.Row() != want || want < 0 {
		t.Errorf("row %d picked out, want %d", tb.Row(), want)
	}
	// Only filtered rows are listed.
	w.SetFilter(mustFilter(t, "status=operating"))
	drainUntil(t, "the filtered rows", func() bool { return tb.Model().Len() < cat.Layers[2].Len() })
	for r := range tb.Model().Len() {
		if s := tb.Model().Cell(r, "status"); s != "Operating" {
			t.Errorf("row %d is %q", r, s)
		}
	}
	// Columns: hide the operator, move the name first.
	tb.ShowColumn("operator", false)
	tb.MoveColumn("name", -1)
	if cols := tb.Columns(); slices.Contains(cols, "operator") || cols[0] != "name" || cols[1] != "id" {
		t.Errorf("columns %v", cols)
	}
	// Saving the rows, as CSV and as GeoJSON.
	dir := t.TempDir()
	for _, name := range []string{"rows.csv", "rows.geojson"} {
		path := filepath.Join(dir, name)
		w.SaveRows(path)
		drainUntil(t, "the save", func() bool {
			return strings.HasPrefix(w.status.Text, "Saved") && strings.HasSuffix(w.status.Text, name)
		})
		ls, probs, err := data.LoadFile(t.Context(), path, nil)
		if err != nil || len(probs) > 0 || len(ls) != 1 || ls[0].Len() != tb.Model().Len() {
			t.Fatalf("%s read back: %v %v", name, probs, err)
		}
		b, _ := os.ReadFile(path)
		if strings.Contains(string(b), "\"operator\"") || strings.Contains(string(b), "operator,") {
			t.Errorf("%s holds the hidden column", name)
		}
	}
	w.ToggleTable()
	if tb.Visible() {
		t.Error("the table did not close")
	}
}
