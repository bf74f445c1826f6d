package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/render/rendertest"
)

// BenchmarkTableScroll1M scrolls the attribute table of 1,000,000 sites
// by three rows (a mouse wheel's notch) and lays out the cells now on
// screen, at 1200x400 (issue 10: a scroll step at most 16 ms). The page
// of rows is read anew at each step, as a user scrolling on reads new
// rows.
func BenchmarkTableScroll1M(b *testing.B) {
	l := rendertest.Million(b)
	test.NewTempApp(b)
	tb := NewAttributeTable()
	w := test.NewWindow(tb)
	defer w.Close()
	w.Resize(fyne.NewSize(1200, 400))
	tb.SetLayers([]*layer.Layer{l}, nil)
	rowH := tb.grid.MinSize().Height // at least a header and a row
	y := float32(0)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		y += 3 * rowH / 2
		if y > 1e8 {
			y = 0
		}
		tb.grid.ScrollToOffset(fyne.NewPos(0, y))
	}
}
