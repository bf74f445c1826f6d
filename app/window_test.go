package app

import (
	"image/color"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/style"
)

const deposit = "tr-beylikova-ree-deposit"

func newTestWindow(t *testing.T) (*Window, *data.Catalog) {
	t.Helper()
	a := test.NewTempApp(t)
	cat, err := data.Default()
	if err != nil {
		t.Fatal(err)
	}
	w := NewWindow(a, cat, cat.Home(800, 600), "")
	w.Resize(MinWindowSize)
	w.Show()
	t.Cleanup(w.Close)
	waitFrame(t, w.Map)
	return w, cat
}

// uiQueue holds the UI callbacks of the render goroutine: Fyne's test driver
// would run them at once on that goroutine, racing the test, which here
// plays the UI thread and runs them in waitFrame.
var uiQueue = make(chan func(), 256)

func TestMain(m *testing.M) {
	uiDo = func(f func()) { uiQueue <- f }
	os.Exit(m.Run())
}

// waitFrame runs the UI callbacks until the map shows a frame rendered for
// its latest state.
func waitFrame(t *testing.T, m *MapView) {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		m.mu.Lock()
		done := m.frame != nil && m.frameGen == m.gen
		m.mu.Unlock()
		if done {
			return
		}
		select {
		case f := <-uiQueue:
			f()
		case <-timeout:
			t.Fatal("no frame rendered for the current view")
		}
	}
}

// siteOf is the feature of a dataset id.
func siteOf(t *testing.T, cat *data.Catalog, id string) layer.Site {
	t.Helper()
	r, ok := cat.Feature(id)
	if !ok {
		t.Fatalf("no feature %s", id)
	}
	return r.Layer.Site(r.Index)
}

// idOf is the record id of a feature on the map, or "" for none.
func idOf(w *Window, s layer.Site) string {
	for _, l := range w.Map.Layers() {
		if l.ID == s.Layer && !s.IsZero() {
			return l.IDs[s.Index]
		}
	}
	return ""
}

// featurePos is where a feature's marker is, in canvas coordinates.
func featurePos(t *testing.T, w *Window, cat *data.Catalog, id string) fyne.Position {
	t.Helper()
	r, ok := cat.Feature(id)
	if !ok {
		t.Fatalf("no feature %s", id)
	}
	x, y := w.Map.View().ToPixel(r.Layer.LonLat[r.Index])
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(w.Map)
	return fyne.NewPos(abs.X+float32(x), abs.Y+float32(y))
}

// texts collects the text a user can read in a widget tree.
func texts(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Label:
			b.WriteString(v.Text + "\n")
		case *widget.RichText:
			b.WriteString(v.String() + "\n")
		case *widget.Button:
			b.WriteString("[" + v.Text + "]\n")
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
			return
		}
		if w, ok := o.(fyne.Widget); ok {
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return b.String()
}

func TestTapMarkerShowsExcerpt(t *testing.T) {
	w, cat := newTestWindow(t)
	if !strings.Contains(texts(w.Details), "Click a site") {
		t.Fatalf("details panel should start with a hint, has:\n%s", texts(w.Details))
	}
	test.TapCanvas(w.Canvas(), featurePos(t, w, cat, deposit))
	waitFrame(t, w.Map)
	if got := idOf(w, w.Map.Selected()); got != deposit {
		t.Fatalf("selected %q, want %q", got, deposit)
	}
	shown := texts(w.Details)
	for _, want := range []string{
		"Beylikova (Kizilcaoren) rare earth-fluorite-barite-thorium deposit",
		"Two years ago, Turkey announced the discovery of a significant rare earths reserve in Beylikova, near Eskisehir in central Anatolia.",
		"Turkey pursues China partnership for rare earths processing to boost EV industry appeal",
		"Mining Europe · 2024-09-04",
		"[Read article]", "[Open in browser]",
		"Eti Maden (Eti Maden Isletmeleri Genel Mudurlugu, state-owned)",
		"approximate site",
	} {
		if !strings.Contains(shown, want) {
			t.Errorf("details panel lacks %q", want)
		}
	}
	// The deposit, the pilot plant and the planned refinery lie within 8 px:
	// the panel offers them all.
	if w.Details.pick == nil || w.Details.pick.Length() != 3 {
		t.Fatalf("pick list = %v, want the 3 Beylikova sites", w.Details.pick)
	}
}

func TestQuoteHighlightsSiteName(t *testing.T) {
	w, cat := newTestWindow(t)
	w.Map.Select(siteOf(t, cat, "tr-manisa-byd"))
	waitFrame(t, w.Map)
	r, _ := w.Map.cat.Feature("tr-manisa-byd")
	w.Details.SetFeature(r.Layer.Site(r.Index), []data.Ref{r})
	var bold []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if rt, ok := o.(*widget.RichText); ok {
			for _, s := range rt.Segments {
				if ts, ok := s.(*widget.TextSegment); ok && ts.Style.TextStyle.Bold {
					bold = append(bold, strings.TrimSpace(ts.Text)) // a space may trail: it is invisible
				}
			}
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, o := range c.Objects {
				walk(o)
			}
		}
	}
	walk(w.Details.content)
	if strings.Join(bold, "|") != "BYD|BYD Co." {
		t.Errorf("highlighted %q, want the site's name in each quote", bold)
	}
}

func TestPickAmongOverlapping(t *testing.T) {
	w, cat := newTestWindow(t)
	test.TapCanvas(w.Canvas(), featurePos(t, w, cat, deposit))
	waitFrame(t, w.Map)
	w.Details.pick.Select(1)
	waitFrame(t, w.Map)
	if got := idOf(w, w.Map.Selected()); got == deposit || !strings.HasPrefix(got, "tr-beylikova-") {
		t.Errorf("picked %q, want another Beylikova site", got)
	}
	if idOf(w, w.Details.Feature()) != idOf(w, w.Map.Selected()) {
		t.Errorf("panel shows %q, map selects %q", idOf(w, w.Details.Feature()), idOf(w, w.Map.Selected()))
	}
}

func TestTapEmptyMapClears(t *testing.T) {
	w, cat := newTestWindow(t)
	test.TapCanvas(w.Canvas(), featurePos(t, w, cat, "tr-manisa-byd"))
	waitFrame(t, w.Map)
	if idOf(w, w.Map.Selected()) != "tr-manisa-byd" {
		t.Fatalf("selected %q", idOf(w, w.Map.Selected()))
	}
	p := featurePos(t, w, cat, "tr-manisa-byd")
	test.TapCanvas(w.Canvas(), fyne.NewPos(p.X+60, p.Y+60))
	waitFrame(t, w.Map)
	if idOf(w, w.Map.Selected()) != "" || idOf(w, w.Details.Feature()) != "" {
		t.Errorf("selection %q / panel %q not cleared", idOf(w, w.Map.Selected()), idOf(w, w.Details.Feature()))
	}
}

func TestToggleLayerRemovesMarkers(t *testing.T) {
	w, cat := newTestWindow(t)
	p := featurePos(t, w, cat, "tr-manisa-byd")
	local := w.Map.View()
	r, _ := cat.Feature("tr-manisa-byd")
	x, y := local.ToPixel(r.Layer.LonLat[r.Index])
	// An under-construction marker is hollow: sample its outline, one
	// marker radius minus half a stroke from the centre.
	px := func() color.Color {
		return w.Map.frame.At(int(x+style.MarkerSize/2-1), int(y))
	}
	before := px()
	test.Tap(w.Layers.Check("automakers"))
	waitFrame(t, w.Map)
	if w.Map.LayerVisible("automakers") {
		t.Fatal("layer still visible after unchecking")
	}
	if got := w.Map.FeaturesAt(p.Subtract(fyne.CurrentApp().Driver().AbsolutePositionForObject(w.Map))); len(got) != 0 {
		t.Errorf("hidden layer's feature still hit: %v", got[0].ID())
	}
	after := px()
	if before == after || colorDist(after, style.Land) > 30 {
		t.Errorf("marker pixel %v -> %v, want land %v once hidden", before, after, style.Land)
	}
	test.Tap(w.Layers.Check("automakers"))
	waitFrame(t, w.Map)
	if got := px(); colorDist(got, before) > 30 {
		t.Errorf("marker not back after re-checking: %v", got)
	}
}

func TestHidingLayerClearsItsSelection(t *testing.T) {
	w, cat := newTestWindow(t)
	test.TapCanvas(w.Canvas(), featurePos(t, w, cat, "tr-manisa-byd"))
	waitFrame(t, w.Map)
	test.Tap(w.Layers.Check("automakers"))
	waitFrame(t, w.Map)
	if idOf(w, w.Map.Selected()) != "" || idOf(w, w.Details.Feature()) != "" {
		t.Errorf("hidden feature still selected: %q", idOf(w, w.Map.Selected()))
	}
}

func TestKeyboard(t *testing.T) {
	tests := []struct {
		name     string
		do       func(c fyne.Canvas)
		dz       float64
		dxSign   int
		dySign   int
		wantHome bool
	}{
		{"plus zooms in", func(c fyne.Canvas) { test.TypeOnCanvas(c, "+") }, 0.5, 0, 0, false},
		{"minus zooms out", func(c fyne.Canvas) { test.TypeOnCanvas(c, "-") }, -0.5, 0, 0, false},
		{"equals zooms in", func(c fyne.Canvas) { test.TypeOnCanvas(c, "==") }, 1, 0, 0, false},
		{"left arrow looks west", func(c fyne.Canvas) { c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyLeft}) }, 0, -1, 0, false},
		{"up arrow looks north", func(c fyne.Canvas) { c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyUp}) }, 0, 0, 1, false},
		{"home key", func(c fyne.Canvas) {
			test.TypeOnCanvas(c, "+++")
			c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyHome})
		}, 0, 0, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, _ := newTestWindow(t)
			v0 := w.Map.View()
			tt.do(w.Canvas())
			waitFrame(t, w.Map)
			v1 := w.Map.View()
			if d := v1.Zoom - v0.Zoom; d < tt.dz-1e-9 || d > tt.dz+1e-9 {
				t.Errorf("zoom %g -> %g, want change %g", v0.Zoom, v1.Zoom, tt.dz)
			}
			if sign(v1.Center[0]-v0.Center[0]) != tt.dxSign || sign(v1.Center[1]-v0.Center[1]) != tt.dySign {
				t.Errorf("centre %v -> %v", v0.Center, v1.Center)
			}
		})
	}
}

func TestToolbarHome(t *testing.T) {
	w, _ := newTestWindow(t)
	v0 := w.Map.View()
	w.Map.ZoomBy(2)
	w.Map.PanBy(200, 100)
	w.Map.Home()
	waitFrame(t, w.Map)
	if v := w.Map.View(); v.Zoom != v0.Zoom || v.Center != v0.Center {
		t.Errorf("home went to %+v, want %+v", v, v0)
	}
}

func TestScrollZoomsAboutPointer(t *testing.T) {
	w, cat := newTestWindow(t)
	p := featurePos(t, w, cat, "tr-manisa-byd")
	v0 := w.Map.View()
	// fyne/test's Scroll leaves the position out, so the event is built as
	// the GLFW driver builds it: one wheel notch up on Linux and Windows.
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(w.Map)
	w.Map.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: p.Subtract(abs), AbsolutePosition: p}, Scrolled: fyne.NewDelta(0, 25)})
	waitFrame(t, w.Map)
	v1 := w.Map.View()
	if d := v1.Zoom - v0.Zoom; d < 0.49 || d > 0.51 {
		t.Errorf("zoom change %g, want 0.5", d)
	}
	// The site under the pointer stays under it.
	if q := featurePos(t, w, cat, "tr-manisa-byd"); abs32(q.X-p.X) > 0.01 || abs32(q.Y-p.Y) > 0.01 {
		t.Errorf("site moved from %v to %v", p, q)
	}
}

func TestDragPans(t *testing.T) {
	w, cat := newTestWindow(t)
	p := featurePos(t, w, cat, "tr-manisa-byd")
	test.Drag(w.Canvas(), fyne.NewPos(p.X+30, p.Y+30), 120, -40)
	waitFrame(t, w.Map)
	q := featurePos(t, w, cat, "tr-manisa-byd")
	if abs32(q.X-p.X-120) > 0.01 || abs32(q.Y-p.Y+40) > 0.01 {
		t.Errorf("site moved from %v to %v, want by (120, -40)", p, q)
	}
}

func TestHoverShowsNameAndCursor(t *testing.T) {
	w, cat := newTestWindow(t)
	test.MoveMouse(w.Canvas(), featurePos(t, w, cat, "tr-manisa-byd"))
	waitFrame(t, w.Map)
	if idOf(w, w.Map.Hovered()) != "tr-manisa-byd" {
		t.Fatalf("hovered %q", idOf(w, w.Map.Hovered()))
	}
	if w.Map.Cursor() != desktop.PointerCursor {
		t.Error("cursor is not a pointer over a site")
	}
	r := test.WidgetRenderer(w.Map).(*mapRenderer)
	if !r.tipText.Visible() || r.tipText.Text != "BYD Turkiye EV/PHEV plant, Manisa OSB (7th section, Akgedik)" {
		t.Errorf("tooltip %q visible=%v", r.tipText.Text, r.tipText.Visible())
	}
	p := featurePos(t, w, cat, "tr-manisa-byd")
	test.MoveMouse(w.Canvas(), fyne.NewPos(p.X+80, p.Y+80))
	waitFrame(t, w.Map)
	if idOf(w, w.Map.Hovered()) != "" || w.Map.Cursor() != desktop.DefaultCursor || r.tipText.Visible() {
		t.Error("hover not cleared off the site")
	}
}

func TestReadArticleScrollsToQuote(t *testing.T) {
	w, cat := newTestWindow(t)
	test.TapCanvas(w.Canvas(), featurePos(t, w, cat, "tr-manisa-byd"))
	waitFrame(t, w.Map)
	var opened *url.URL
	w.Details.OnOpenURL = func(u *url.URL) { opened = u }
	var read, browse *widget.Button
	var find func(o fyne.CanvasObject)
	find = func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok {
			if b.Text == "Read article" && read == nil {
				read = b
			}
			if b.Text == "Open in browser" && browse == nil {
				browse = b
			}
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, o := range c.Objects {
				find(o)
			}
		}
	}
	find(w.Details.content)
	if read == nil || browse == nil {
		t.Fatal("no article buttons")
	}
	test.Tap(browse)
	if opened == nil || opened.Host != "miningeurope.news" {
		t.Errorf("opened %v", opened)
	}
	before := len(w.App.Driver().AllWindows())
	test.Tap(read)
	wins := w.App.Driver().AllWindows()
	if len(wins) != before+1 {
		t.Fatalf("%d windows, want a new one", len(wins))
	}
	aw := wins[len(wins)-1]
	v, ok := aw.Content().(*ArticleView)
	if !ok {
		t.Fatalf("article window holds %T", aw.Content())
	}
	if v.Target() == nil {
		t.Fatal("quote not found in the article")
	}
	rt := v.Target().(*widget.RichText)
	marked := ""
	for _, s := range rt.Segments {
		if ts, ok := s.(*widget.TextSegment); ok && ts.Style.TextStyle.Bold {
			marked = ts.Text
		}
	}
	if marked != "BYD has already committed to building a factory in Turkey" {
		t.Errorf("highlighted %q", marked)
	}
	// Scrolled so the quote's paragraph is at the top of the view.
	if off := v.Offset().Y; off <= 0 || off > v.Target().Position().Y {
		t.Errorf("scroll offset %g, paragraph at %g", off, v.Target().Position().Y)
	}
}

func colorDist(a, b color.Color) int {
	r1, g1, b1, _ := a.RGBA()
	r2, g2, b2, _ := b.RGBA()
	d := func(x, y uint32) int {
		if x > y {
			return int(x-y) >> 8
		}
		return int(y-x) >> 8
	}
	return d(r1, r2) + d(g1, g2) + d(b1, b2)
}

func sign(f float64) int {
	switch {
	case f > 1e-12:
		return 1
	case f < -1e-12:
		return -1
	}
	return 0
}

func abs32(f float32) float32 {
	if f < 0 {
		return -f
	}
	return f
}
