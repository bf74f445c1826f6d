package export

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lodemap/lodemap/geo/export/kml"
	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/render"
	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

func TestSizes(t *testing.T) {
	tests := []struct {
		name   string
		size   func() (Size, error)
		w, h   int
		scale  float64
		errSub string
	}{
		{"a4 landscape 300", func() (Size, error) { return Paper("a4", true, 300) }, 3508, 2480, 3.125, ""},
		{"a4 portrait 300", func() (Size, error) { return Paper("A4", false, 300) }, 2480, 3508, 3.125, ""},
		{"letter landscape 300", func() (Size, error) { return Paper("letter", true, 300) }, 3300, 2550, 3.125, ""},
		{"mm at 150", func() (Size, error) { return Millimetres(100, 50, 150) }, 591, 295, 1.5625, ""},
		{"unknown paper", func() (Size, error) { return Paper("b5", false, 300) }, 0, 0, 0, "unknown paper"},
		{"too big", func() (Size, error) { return Pixels(40000, 100, 96) }, 0, 0, 0, "out of range"},
		{"bad dpi", func() (Size, error) { return Pixels(100, 100, 5) }, 0, 0, 0, "dpi 5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := tt.size()
			if tt.errSub != "" {
				if err == nil || !strings.Contains(err.Error(), tt.errSub) {
					t.Errorf("err = %v, want %q", err, tt.errSub)
				}
				return
			}
			if err != nil || s.Width != tt.w || s.Height != tt.h || s.Scale() != tt.scale {
				t.Errorf("got %v scale %g (%v), want %dx%d scale %g", s, s.Scale(), err, tt.w, tt.h, tt.scale)
			}
		})
	}
	for _, p := range Presets() {
		t.Run(p.Name, func(t *testing.T) {
			if err := p.Size.check(); err != nil {
				t.Error(err)
			}
			// Every preset keeps the screen's look: about as many logical
			// pixels as a laptop screen, whatever its resolution.
			if w, h := p.Size.Logical(); min(w, h) < 790 || max(w, h) > 1920 {
				t.Errorf("logical size %gx%g", w, h)
			}
			// The dialog's preset names are sizes the CLI takes too.
			if got, err := ParseSize(p.Name, 0); err != nil || got != p.Size {
				t.Errorf("ParseSize(%q) = %v, %v; want %v", p.Name, got, err, p.Size)
			}
		})
	}
}

// TestParseSize covers every form of size the dialog and --size take.
func TestParseSize(t *testing.T) {
	tests := []struct {
		text   string
		dpi    float64
		want   Size
		errSub string
	}{
		{"1920x1080", 0, Size{1920, 1080, 96}, ""},
		{" 800 X 600 ", 192, Size{800, 600, 192}, ""},
		{"800x600px", 0, Size{800, 600, 96}, ""},
		{"297x210mm", 0, Size{3508, 2480, 300}, ""},
		{"297 x 210 mm", 150, Size{1754, 1240, 150}, ""},
		{"100.5x50mm", 96, Size{380, 189, 96}, ""},
		{"a4", 0, Size{2480, 3508, 300}, ""},
		{"A4 landscape", 0, Size{3508, 2480, 300}, ""},
		{"a4-landscape", 150, Size{1754, 1240, 150}, ""},
		{"letter portrait", 0, Size{2550, 3300, 300}, ""},
		{"3840 x 2160 (4K slide)", 0, Size{3840, 2160, 192}, ""},
		{"3840 x 2160", 0, Size{3840, 2160, 192}, ""},
		{"3840x2160", 0, Size{3840, 2160, 192}, ""},
		{"3840x2160px", 0, Size{3840, 2160, 96}, ""},
		{"3840 x 2160 (4K slide)", 96, Size{3840, 2160, 96}, ""},
		{"A4 landscape, 300 dpi", 150, Size{1754, 1240, 150}, ""},
		{"1920 x 1080 (full hd slide)", 0, Size{1920, 1080, 96}, ""},
		{"a4 sideways", 0, Size{}, "portrait or landscape"},
		{"big", 0, Size{}, "want WxH"},
		{"100.4x20.6", 0, Size{100, 21, 96}, ""},
		{"5x5", 0, Size{}, "out of range"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got, err := ParseSize(tt.text, tt.dpi)
			if tt.errSub != "" {
				if err == nil || !strings.Contains(err.Error(), tt.errSub) {
					t.Errorf("ParseSize(%q) = %v, %v; want an error with %q", tt.text, got, err, tt.errSub)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("ParseSize(%q, %g) = %v, %v; want %v", tt.text, tt.dpi, got, err, tt.want)
			}
		})
	}
}

func TestFormatFor(t *testing.T) {
	for name, want := range map[string]Format{"a.png": PNG, "b.SVG": SVG, "c/d.pdf": PDF, "e.kml": KML, "f.KMZ": KMZ} {
		if got, err := FormatFor(name); err != nil || got != want {
			t.Errorf("FormatFor(%q) = %v, %v", name, got, err)
		}
	}
	if _, err := FormatFor("x.jpg"); err == nil {
		t.Error("no error for .jpg")
	}
}

// points is a layer of n sites spread over Anatolia.
func points(n int) *layer.Layer {
	l := &layer.Layer{ID: "pts", Title: "Points"}
	for i := 0; i < n; i++ {
		// A deterministic spread over Anatolia.
		x := float64((i*7919)%10007) / 10007
		y := float64((i*104729)%10009) / 10009
		l.Add(string(rune('a'+i%26))+strings.Repeat("x", i%3), "Site", "mine", "operating", orb.Point{26 + 19*x, 36 + 6*y}, json.RawMessage(`{}`), i+2)
	}
	return l
}

func input(n int) render.Input {
	return render.Input{View: view.New(orb.Point{30.2, 39.6}, 6.2, 800, 500), Layers: []*layer.Layer{points(n)}}
}

func TestRun(t *testing.T) {
	in := input(50)
	size, _ := Pixels(1600, 1000, 192)
	dir := t.TempDir()
	for _, f := range Formats {
		t.Run(f.String(), func(t *testing.T) {
			p := filepath.Join(dir, "map"+f.Ext())
			if err := Run(context.Background(), p, in, Options{Size: size, Title: "Map"}, nil); err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			head := map[Format]string{PNG: "\x89PNG", SVG: "<?xml", PDF: "%PDF"}[f]
			if !bytes.HasPrefix(b, []byte(head)) {
				t.Errorf("file starts %q", b[:8])
			}
			if st, _ := os.Stat(p); st.Mode().Perm() != 0o644 {
				t.Errorf("mode %v", st.Mode())
			}
		})
	}
	img, err := png.DecodeConfig(bytes.NewReader(must(os.ReadFile(filepath.Join(dir, "map.png")))))
	if err != nil || img.Width != 1600 || img.Height != 1000 {
		t.Errorf("PNG at scale 2 is %dx%d", img.Width, img.Height)
	}
	if err := Run(context.Background(), filepath.Join(dir, "map.jpg"), in, Options{Size: size}, nil); err == nil {
		t.Error("no error for .jpg")
	}
}

// TestRunLayers exports the shown layers' features as KML and KMZ, with
// the attributes and descriptions Options.Describe gives, and no size.
func TestRunLayers(t *testing.T) {
	in := input(50)
	hidden := &layer.Layer{ID: "off", Title: "Switched off"}
	hidden.Add("h", "Hidden", "mine", "", orb.Point{1, 2}, nil, 1)
	in.Layers, in.Hidden = append(in.Layers, hidden), map[string]bool{"off": true}
	o := Options{Title: "Story", Describe: func(l *layer.Layer, i int) ([]kml.KV, string, error) {
		return []kml.KV{{Key: "source", Value: "test"}}, "Excerpt of " + l.IDs[i], nil
	}}
	dir := t.TempDir()
	for _, f := range []Format{KML, KMZ} {
		t.Run(f.String(), func(t *testing.T) {
			p := filepath.Join(dir, "sites"+f.Ext())
			if err := Run(context.Background(), p, in, o, nil); err != nil {
				t.Fatal(err)
			}
			b := must(os.ReadFile(p))
			if f == KMZ {
				zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
				if err != nil || len(zr.File) != 1 || zr.File[0].Name != "doc.kml" {
					t.Fatalf("KMZ: %v", err)
				}
				r, _ := zr.File[0].Open()
				b = must(io.ReadAll(r))
			}
			doc := string(b)
			for _, want := range []string{"<name>Story</name>", "<Folder><name>Points</name>", "<description>Excerpt of a</description>", `<Data name="source"><value>test</value></Data>`} {
				if !strings.Contains(doc, want) {
					t.Errorf("no %s", want)
				}
			}
			if n := strings.Count(doc, "<Placemark "); n != 50 || strings.Contains(doc, "Switched off") {
				t.Errorf("%d placemarks, want the 50 shown", n)
			}
		})
	}
	if err := Encode(context.Background(), io.Discard, KML, nil, 1, "", nil); err == nil {
		t.Error("Encode wrote KML from a scene")
	}
}

// TestOptionsInput checks the framing and furniture every export gets.
func TestOptionsInput(t *testing.T) {
	in := input(render.ClusterFrom + 1)
	a4, _ := Paper("a4", true, 300)
	o := Options{Size: a4, Title: "T", Subtitle: "S", Legend: true, ScaleBar: true, NorthArrow: true, NoAttribution: true, Footnote: "F", EverySite: true}
	got := o.Input(in)
	w, h := a4.Logical()
	if got.View.Width != w || got.View.Height != h || got.View.Center != in.View.Center {
		t.Errorf("view %+v, want %gx%g about %v", got.View, w, h, in.View.Center)
	}
	// Reframing keeps all that was in view: the new frame holds the old.
	ob, nb := in.View.Bounds(), got.View.Bounds()
	if nb.Min[0] > ob.Min[0]+1e-12 || nb.Max[0] < ob.Max[0]-1e-12 || nb.Min[1] > ob.Min[1]+1e-12 || nb.Max[1] < ob.Max[1]-1e-12 {
		t.Errorf("reframed %v does not hold %v", nb, ob)
	}
	want := render.Furniture{Title: "T", Subtitle: "S", Legend: true, ScaleBar: true, NorthArrow: true, NoAttribution: true, Footnote: "F"}
	if got.Furniture != want || !got.NoClusters {
		t.Errorf("furniture %+v, every site %v", got.Furniture, got.NoClusters)
	}
	if got.Grids[in.Layers[0]] == nil {
		t.Error("a layer of more sites than ClusterFrom got no grid index")
	}
	if in.Grids != nil {
		t.Error("Input changed the map's own grids")
	}
}

func TestCancelledRunLeavesNothing(t *testing.T) {
	in := input(10000)
	size, _ := Pixels(800, 500, 96)
	dir := t.TempDir()
	old := filepath.Join(dir, "old.png")
	if err := os.WriteFile(old, []byte("previous export"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range append(Formats, KML, KMZ) {
		t.Run(f.String(), func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			calls := 0
			progress := func(done, total int) {
				if calls++; calls == 2 {
					cancel() // the user presses Cancel mid-way
				}
			}
			p := filepath.Join(dir, "old"+f.Ext())
			if f == PNG {
				p = old
			}
			err := Run(ctx, p, in, Options{Size: size, EverySite: true}, progress)
			if !errors.Is(err, context.Canceled) {
				t.Errorf("err = %v, want cancelled", err)
			}
		})
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || string(must(os.ReadFile(old))) != "previous export" {
		t.Errorf("folder after cancelled exports: %v", entries)
	}
	if err := Run(context.Background(), filepath.Join(dir, "no", "such", "dir.png"), in, Options{Size: size}, nil); err == nil {
		t.Error("no error writing into a missing folder")
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}
