package app

import (
	"image"
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"

	"github.com/lodemap/lodemap/geo/style"
)

// statusSwatch is the swatch of the layer panel's status key row of text.
func statusSwatch(t *testing.T, p *LayerPanel, text string) image.Image {
	t.Helper()
	for _, o := range p.statusKey {
		row, ok := o.(*fyne.Container)
		if !ok || len(row.Objects) != 2 {
			continue
		}
		if l, ok := row.Objects[1].(*widget.Label); ok && l.Text == text {
			tile := row.Objects[0].(*fyne.Container)
			return tile.Objects[1].(*fyne.Container).Objects[0].(*canvas.Image).Image
		}
	}
	t.Fatalf("the status key has no row %q", text)
	return nil
}

// TestStatusKeyNoStatus checks the layer panel's status key explains the
// pale marker of a site with no status as the map draws it: the grey
// circle pale inside, unlike the operating one.
func TestStatusKeyNoStatus(t *testing.T) {
	w, _ := newTestWindow(t)
	tests := []struct {
		text   string
		inside color.NRGBA
	}{
		{"Operating or commissioning", style.Grey},
		{"Planned, announced or proposed", style.HollowInside},
		{"Status not given", style.Paler(style.Grey)},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			img := statusSwatch(t, w.Layers, tt.text)
			b := img.Bounds()
			got := color.NRGBAModel.Convert(img.At((b.Min.X+b.Max.X)/2, (b.Min.Y+b.Max.Y)/2))
			if got != tt.inside {
				t.Errorf("the swatch is %v inside, want %v", got, tt.inside)
			}
		})
	}
}

// centreOf is the colour at the middle of a key row's swatch.
func centreOf(e *keyEntry) color.Color {
	b := e.img.Image.Bounds()
	return color.NRGBAModel.Convert(e.img.Image.At((b.Min.X+b.Max.X)/2, (b.Min.Y+b.Max.Y)/2))
}

// TestPlainLayerKeyPale adds a table of no statuses: its key is pale, as
// its markers are on the map, while a dataset layer's stays solid.
func TestPlainLayerKeyPale(t *testing.T) {
	w, _ := newTestWindow(t)
	addFile(t, w, "mines.csv", "id,name,lon,lat\nm1,Kestanelik,26.93,40.28\nm2,Other,27.5,39.1\n")
	plain := w.Layers.rows["mines"]
	if len(plain.entries) == 0 {
		t.Fatal("the added layer has no key")
	}
	for _, e := range plain.entries {
		if got := centreOf(e); got != style.Paler(style.Grey) {
			t.Errorf("the added layer's key %q is %v inside, want pale", e.label.Text, got)
		}
	}
	want := map[string]color.NRGBA{"Deposit (1)": style.Orange, "Mine (6)": style.Vermillion}
	dataset := w.Layers.rows["deposits"].entries
	if len(dataset) != len(want) {
		t.Fatalf("the dataset's deposits have %d key rows, want %d", len(dataset), len(want))
	}
	for _, e := range dataset {
		if got := centreOf(e); got != want[e.label.Text] {
			t.Errorf("the dataset's key %q is %v inside, want %v", e.label.Text, got, want[e.label.Text])
		}
	}
}
