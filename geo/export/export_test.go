package export

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
		{"pixels", func() (Size, error) { return ParsePixels("1920x1080", 96) }, 1920, 1080, 1, ""},
		{"pixels with spaces", func() (Size, error) { return ParsePixels(" 800 X 600 ", 192) }, 800, 600, 2, ""},
		{"unknown paper", func() (Size, error) { return Paper("b5", false, 300) }, 0, 0, 0, "unknown paper"},
		{"bad text", func() (Size, error) { return ParsePixels("big", 96) }, 0, 0, 0, "want WxH"},
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
		})
	}
}

func TestFormatFor(t *testing.T) {
	for name, want := range map[string]Format{"a.png": PNG, "b.SVG": SVG, "c/d.pdf": PDF} {
		if got, err := FormatFor(name); err != nil || got != want {
			t.Errorf("FormatFor(%q) = %v, %v", name, got, err)
		}
	}
	if _, err := FormatFor("x.jpg"); err == nil {
		t.Error("no error for .jpg")
	}
}

func scene(t testing.TB, n int) *render.Scene {
	t.Helper()
	l := &layer.Layer{ID: "pts", Title: "Points"}
	for i := 0; i < n; i++ {
		// A deterministic spread over Anatolia.
		x := float64((i*7919)%10007) / 10007
		y := float64((i*104729)%10009) / 10009
		l.Add(string(rune('a'+i%26))+strings.Repeat("x", i%3), "Site", "mine", "operating", orb.Point{26 + 19*x, 36 + 6*y}, json.RawMessage(`{}`), i+2)
	}
	s, err := render.Build(render.Input{View: view.New(orb.Point{30.2, 39.6}, 6.2, 800, 500), Layers: []*layer.Layer{l}})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestWrite(t *testing.T) {
	s := scene(t, 50)
	dir := t.TempDir()
	for _, f := range Formats {
		t.Run(f.String(), func(t *testing.T) {
			p := filepath.Join(dir, "map"+f.Ext())
			if err := Write(p, s, 2, "Map", nil); err != nil {
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
}

func TestCancelledWriteLeavesNothing(t *testing.T) {
	s := scene(t, 10000)
	dir := t.TempDir()
	old := filepath.Join(dir, "old.png")
	if err := os.WriteFile(old, []byte("previous export"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range Formats {
		t.Run(f.String(), func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			calls := 0
			k := &render.Sink{Ctx: ctx, Progress: func(done, total int) {
				if calls++; calls == 2 {
					cancel() // the user presses Cancel mid-way
				}
			}}
			p := filepath.Join(dir, "old"+f.Ext())
			if f == PNG {
				p = old
			}
			err := Write(p, s, 1, "", k)
			if !errors.Is(err, context.Canceled) {
				t.Errorf("err = %v, want cancelled", err)
			}
		})
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || string(must(os.ReadFile(old))) != "previous export" {
		t.Errorf("folder after cancelled exports: %v", entries)
	}
	if err := Write(filepath.Join(dir, "no", "such", "dir.png"), s, 1, "", nil); err == nil {
		t.Error("no error writing into a missing folder")
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}
