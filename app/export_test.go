package app

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/lodemap/lodemap/geo/render"
)

// drainUntil runs the UI callbacks until cond holds.
func drainUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	timeout := time.After(20 * time.Second)
	for !cond() {
		select {
		case f := <-uiQueue:
			f()
		case <-time.After(10 * time.Millisecond):
		case <-timeout:
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

func openExportByShortcut(t *testing.T) (*Window, *ExportPanel) {
	t.Helper()
	w, cat := newTestWindow(t)
	test.TapCanvas(w.Canvas(), featurePos(t, w, cat, "tr-manisa-byd"))
	waitFrame(t, w.Map)
	w.Canvas().(fyne.Shortcutable).TypedShortcut(ExportShortcut)
	if w.Export == nil {
		t.Fatal("Ctrl+E did not open the export dialog")
	}
	p := w.Export
	drainUntil(t, "the preview", func() bool { return p.PreviewImage() != nil })
	return w, p
}

func TestExportDialogSizesAndFraming(t *testing.T) {
	w, p := openExportByShortcut(t)
	screen := w.Map.View()
	tests := []struct {
		preset string
		w, h   int
		dpi    float64
	}{
		{"A4 landscape, 300 dpi", 3508, 2480, 300},
		{"A4 portrait, 300 dpi", 2480, 3508, 300},
		{"3840 x 2160 (4K slide)", 3840, 2160, 192},
		{"US Letter portrait, 300 dpi", 2550, 3300, 300},
	}
	for _, tt := range tests {
		t.Run(tt.preset, func(t *testing.T) {
			p.Preset.SetSelected(tt.preset)
			size, err := p.OutputSize()
			if err != nil || size.Width != tt.w || size.Height != tt.h || size.DPI != tt.dpi {
				t.Fatalf("size %v (%v), want %dx%d at %g dpi", size, err, tt.w, tt.h, tt.dpi)
			}
			in := p.Input(size)
			if in.View.Center != screen.Center {
				t.Errorf("centre moved: %v -> %v", screen.Center, in.View.Center)
			}
			// Everything on screen is in the export frame, and the frame
			// matches the screen in width or in height.
			sb, eb := screen.Bounds(), in.View.Bounds()
			if !eb.Contains(sb.Min) || !eb.Contains(sb.Max) {
				t.Errorf("export frame %v crops the screen's %v", eb, sb)
			}
			if dw, dh := eb.Max[0]-eb.Min[0]-(sb.Max[0]-sb.Min[0]), eb.Max[1]-eb.Min[1]-(sb.Max[1]-sb.Min[1]); min(dw, dh) > 1e-9 {
				t.Errorf("neither width nor height kept: %v vs %v", eb, sb)
			}
			if got := idOf(w, in.Selected); got != "tr-manisa-byd" {
				t.Errorf("selection %q not exported", got)
			}
			drainUntil(t, "the preview's aspect", func() bool {
				b := p.PreviewImage().Bounds()
				return abs32(float32(b.Dx())/float32(b.Dy())-float32(tt.w)/float32(tt.h)) < 0.02
			})
		})
	}
	t.Run("custom mm", func(t *testing.T) {
		p.Preset.SetSelected(presetCustom)
		p.Width.SetText("100")
		p.Height.SetText("50")
		p.Unit.SetSelected("mm")
		p.DPI.SetText("150")
		if size, err := p.OutputSize(); err != nil || size.Width != 591 || size.Height != 295 {
			t.Errorf("size %v (%v)", size, err)
		}
		p.DPI.SetText("lots")
		if _, err := p.OutputSize(); err == nil || p.ExportButton.Disabled() == false {
			t.Errorf("bad dpi accepted (err %v)", err)
		}
	})
}

func TestExportWritesFile(t *testing.T) {
	_, p := openExportByShortcut(t)
	dir := t.TempDir()
	p.Folder.SetText(dir)
	p.Title.SetText("Rare earths in Anatolia")
	for _, f := range []struct{ format, ext, head string }{{"PNG", ".png", "\x89PNG"}, {"SVG", ".svg", "<?xml"}, {"PDF", ".pdf", "%PDF"},
		{"KML", ".kml", "<?xml"}, {"KMZ", ".kmz", "PK"}} {
		t.Run(f.format, func(t *testing.T) {
			p.Format.SetSelected(f.format)
			p.FileName.SetText("map")
			p.Preset.SetSelected("1920 x 1080 (Full HD slide)")
			test.Tap(p.ExportButton)
			drainUntil(t, "the export", func() bool {
				return strings.HasPrefix(p.Status.Text, "Saved") || strings.HasPrefix(p.Status.Text, "Export failed")
			})
			b, err := os.ReadFile(filepath.Join(dir, "map"+f.ext))
			if err != nil || !bytes.HasPrefix(b, []byte(f.head)) {
				t.Fatalf("%s: %v (status %q)", f.ext, err, p.Status.Text)
			}
			if p.Progress.Value != 1 {
				t.Errorf("progress %g after saving", p.Progress.Value)
			}
			if f.format == "KML" && (!strings.Contains(p.Status.Text, "features in") || !bytes.Contains(b, []byte("Beylikova"))) {
				t.Errorf("KML export: status %q, %d bytes", p.Status.Text, len(b))
			}
		})
	}
}

func TestExportCancel(t *testing.T) {
	_, p := openExportByShortcut(t)
	dir := t.TempDir()
	p.Folder.SetText(dir)
	p.FileName.SetText("big.png")
	p.Preset.SetSelected("A4 landscape, 300 dpi")
	test.Tap(p.ExportButton)
	if p.Cancel.Disabled() {
		t.Fatal("Cancel is not enabled during an export")
	}
	test.Tap(p.Cancel)
	drainUntil(t, "the cancellation", func() bool { return strings.Contains(p.Status.Text, "cancelled") })
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("cancelled export left %v", entries)
	}
	if !p.Cancel.Disabled() || p.ExportButton.Disabled() {
		t.Error("buttons not reset after cancelling")
	}
}

func TestCopyToClipboard(t *testing.T) {
	var got [][]byte
	old := copyPNG
	copyPNG = func(b []byte) error { got = append(got, b); return nil }
	t.Cleanup(func() { copyPNG = old })
	w, p := openExportByShortcut(t)
	test.Tap(p.CopyButton)
	w.Canvas().(fyne.Shortcutable).TypedShortcut(CopyShortcut)
	if len(got) != 2 {
		t.Fatalf("%d copies, want one from the dialog and one from Ctrl+Shift+C", len(got))
	}
	v := w.Map.View()
	for i, b := range got {
		cfg, err := png.DecodeConfig(bytes.NewReader(b))
		if err != nil || abs32(float32(cfg.Width)-float32(v.Width)) > 1 || abs32(float32(cfg.Height)-float32(v.Height)) > 1 {
			t.Errorf("copy %d: %dx%d PNG (%v), want the window's %gx%g", i, cfg.Width, cfg.Height, err, v.Width, v.Height)
		}
	}
}

func TestSelectionWarning(t *testing.T) {
	m := render.Marker{X: 50, Y: 50, ID: "x", Selected: true}
	tests := []struct {
		name string
		s    render.Scene
		want string
	}{
		{"visible", render.Scene{Highlight: &m}, ""},
		{"outside", render.Scene{}, "outside this frame"},
		{"covered", render.Scene{Highlight: &m, Overlays: []render.Overlay{{Name: "legend", Boxes: []render.Box{{X: 0, Y: 0, W: 100, H: 100}}}}}, "legend covers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := selectionWarning(&tt.s, true)
			if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
				t.Errorf("warning %q, want %q", got, tt.want)
			}
		})
	}
}
