package raster

import (
	"encoding/json"
	"image"
	"image/color"
	"testing"

	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/render"
	"github.com/lodemap/lodemap/geo/style"
	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

// TestNoStatusMarker draws a deposit of each fill side by side: one of no
// status is pale inside within an outline of the full colour, unlike an
// operating one (the colour inside a darker outline) and a planned one
// (white inside).
func TestNoStatusMarker(t *testing.T) {
	statuses := []string{"operating", "", "planned", "dormant"}
	l := &layer.Layer{ID: "l", Title: "Sites"}
	for i, st := range statuses {
		l.Add(string(rune('a'+i)), "Site", "deposit", st, orb.Point{30 + float64(i), 39}, json.RawMessage(`{}`), i+1)
	}
	v := view.New(orb.Point{31.5, 39}, 6, 600, 300)
	s, err := render.Build(render.Input{View: v, Layers: []*layer.Layer{l}, NoLabels: true})
	if err != nil {
		t.Fatal(err)
	}
	img := rasterize(t, s, 1)
	at := func(i int) (centre color.RGBA, crop *image.RGBA) {
		x, y := v.ToPixel(l.LonLat[i])
		r := image.Rect(int(x)-12, int(y)-12, int(x)+12, int(y)+12)
		return img.RGBAAt(int(x), int(y)), img.SubImage(r).(*image.RGBA)
	}
	tests := []struct {
		i               int
		inside, outline color.NRGBA // outline: a colour of its band, where 2 px wide
	}{
		{0, style.Orange, color.NRGBA{}},
		{1, style.Paler(style.Orange), style.Orange},
		{2, style.HollowInside, style.Orange},
		{3, style.Paler(style.Orange), style.Orange},
	}
	for _, tt := range tests {
		t.Run(statuses[tt.i], func(t *testing.T) {
			centre, crop := at(tt.i)
			if centre != rgba(tt.inside) {
				t.Errorf("inside %v, want %v", centre, tt.inside)
			}
			if tt.outline.A != 0 && !holds(crop, rgba(tt.outline)) {
				t.Errorf("no pixel of the outline's colour %v", tt.outline)
			}
		})
	}
	_, op := at(0)
	_, none := at(1)
	if differ := differing(op, none); differ < 50 {
		t.Errorf("a marker of no status differs from an operating one in %d pixels", differ)
	}
}

func rgba(c color.NRGBA) color.RGBA { return color.RGBAModel.Convert(c).(color.RGBA) }

// holds reports whether a picture has a pixel of colour c.
func holds(img *image.RGBA, c color.RGBA) bool {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if img.RGBAAt(x, y) == c {
				return true
			}
		}
	}
	return false
}

// differing counts the pixels that differ between two pictures of a size.
func differing(a, b *image.RGBA) int {
	n := 0
	ab, bb := a.Bounds(), b.Bounds()
	for y := 0; y < ab.Dy(); y++ {
		for x := 0; x < ab.Dx(); x++ {
			if a.RGBAAt(ab.Min.X+x, ab.Min.Y+y) != b.RGBAAt(bb.Min.X+x, bb.Min.Y+y) {
				n++
			}
		}
	}
	return n
}
