package app

import (
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// typeSearch opens the search box by its shortcut, types text and waits
// for the results.
func typeSearch(t *testing.T, w *Window, text string) {
	t.Helper()
	drainUntil(t, "the search index", func() bool { return w.Search.Index != nil })
	w.Canvas().(fyne.Shortcutable).TypedShortcut(SearchShortcut)
	if w.Canvas().Focused() != w.Search.Entry {
		t.Fatal("Ctrl+F did not put the cursor in the search box")
	}
	w.Search.Entry.SetText("")
	test.Type(w.Search.Entry, text)
	drainUntil(t, "the results", func() bool { return w.Search.Showing() && w.Search.Query() == text })
}

func TestSearchPicksASite(t *testing.T) {
	tests := []struct {
		typed string
		downs int    // Down presses before Enter
		want  string // the site selected
	}{
		{"beylikova deposit", 0, "tr-beylikova-ree-deposit"},
		{"ESKİŞEHİR", 0, "tr-beylikova-ree-deposit"},
		{"byd", 0, "tr-manisa-byd"},
		{"beyl", 2, ""}, // the third Beylikova site: whichever it is, it is selected
	}
	for _, tt := range tests {
		t.Run(tt.typed, func(t *testing.T) {
			w, cat := newTestWindow(t)
			typeSearch(t, w, tt.typed)
			for range tt.downs {
				w.Search.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
			}
			highlighted := w.Search.Highlighted()
			w.Search.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
			if w.Search.Showing() {
				t.Error("the results stay open after a pick")
			}
			sel := w.Map.Selected()
			if sel.IsZero() {
				t.Fatal("nothing selected")
			}
			r, _ := cat.Ref(sel)
			if tt.want != "" && r.ID() != tt.want {
				t.Errorf("selected %q, want %q", r.ID(), tt.want)
			}
			if name := r.Layer.Names[r.Index]; name != highlighted {
				t.Errorf("selected %q, the highlighted result was %q", name, highlighted)
			}
			p, c := r.Layer.LonLat[r.Index], w.Map.View().Center
			if math.Abs(p[0]-c[0]) > 1e-6 || math.Abs(p[1]-c[1]) > 1e-6 || w.Map.View().Zoom < foundZoom {
				t.Errorf("map at %v zoom %.1f, want the site %v at zoom %d or more", c, w.Map.View().Zoom, p, foundZoom)
			}
			if w.Details.Feature() != sel {
				t.Errorf("details show %v, want %v", w.Details.Feature(), sel)
			}
		})
	}
}

func TestSearchOpensAnArticle(t *testing.T) {
	w, _ := newTestWindow(t)
	typeSearch(t, w, "china partnership")
	before := len(w.App.Driver().AllWindows())
	// Move past the sites, if any, to the first article.
	for range w.Search.Rows() {
		if strings.HasPrefix(w.Search.Highlighted(), "Turkey pursues China partnership") {
			break
		}
		w.Search.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	}
	if !strings.HasPrefix(w.Search.Highlighted(), "Turkey pursues China partnership") {
		t.Fatalf("the article is not among the results; highlighted %q", w.Search.Highlighted())
	}
	w.Search.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if n := len(w.App.Driver().AllWindows()); n != before+1 {
		t.Errorf("%d windows, want the article's too (%d)", n, before+1)
	}
}

func TestSearchEscapeAndNothingFound(t *testing.T) {
	w, _ := newTestWindow(t)
	typeSearch(t, w, "zzqxj")
	if w.Search.Highlighted() != "" || w.Search.Rows() != 1 {
		t.Errorf("%d rows, highlighted %q; want only \"Nothing found\"", w.Search.Rows(), w.Search.Highlighted())
	}
	w.Search.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if w.Search.Showing() {
		t.Error("Escape did not close the results")
	}
}

// TestSearchFindsAddedLayers adds a file and finds its feature; once the
// layer is taken off, it is not found.
func TestSearchFindsAddedLayers(t *testing.T) {
	w, _ := newTestWindow(t)
	drainUntil(t, "the search index", func() bool { return w.Search.Index != nil })
	before := w.Search.Index
	addFile(t, w, "offices.geojson", `{"type":"FeatureCollection","features":[
{"type":"Feature","id":"ofis","geometry":{"type":"Point","coordinates":[30.55,37.76]},"properties":{"name":"Isparta Ofis"}}]}`)
	drainUntil(t, "the index with the layer", func() bool { return w.Search.Index != before })
	typeSearch(t, w, "ISPARTA")
	if !strings.HasPrefix(w.Search.Highlighted(), "Isparta Ofis") {
		t.Fatalf("highlighted %q, want the added office", w.Search.Highlighted())
	}
	ix := w.Search.Index
	w.RemoveLayer("offices")
	drainUntil(t, "the index without the layer", func() bool { return w.Search.Index != ix })
	typeSearch(t, w, "ISPARTA")
	if w.Search.Highlighted() != "" {
		t.Errorf("found %q after its layer was taken off", w.Search.Highlighted())
	}
}
