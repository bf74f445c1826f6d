package raster

import (
	"image"
	"sync"

	"github.com/lodemap/lodemap/geo/render"
	"github.com/paulmach/orb"
)

// A layer's calls are recorded, then drawn into horizontal bands of the
// image at once, each band by its own Canvas on its own goroutine: the
// bands hold different pixels, and each draws the calls in order, so the
// picture is the one a single Canvas draws.

// call is one recorded Backend call of a layer group.
type call struct {
	kind  callKind
	rings [][]orb.Point // Path (closed) or Lines
	paint render.Paint
	sym   render.Symbol // at x, y
	x, y  float64
	text  *render.Text
}

type callKind uint8

const (
	callPath callKind = iota
	callLines
	callSymbol
	callText
)

// bandFrom is how many paths (polygons and lines) a layer group needs
// before it is drawn in bands: a small one draws faster on its own, and
// symbols (markers, dots) stamp too fast to gain from it.
const bandFrom = 1024

// symbolReach is how far (logical pixels) a symbol may reach from its
// centre: a band skips the symbols farther from it.
const symbolReach = 48

// replay draws recorded calls into c.
func (c *Canvas) replay(calls []call) {
	top, bottom := float64(c.img.Rect.Min.Y)/c.scale-symbolReach, float64(c.img.Rect.Max.Y)/c.scale+symbolReach
	for _, k := range calls {
		switch k.kind {
		case callSymbol:
			if k.y >= top && k.y <= bottom {
				c.Symbol(k.sym, k.x, k.y, "")
			}
		case callText:
			c.Text(*k.text)
		case callLines:
			c.Lines(k.rings, k.paint)
		default:
			c.Path(k.rings, k.paint)
		}
	}
	c.flush()
}

// drawBands draws recorded calls into c.bands horizontal bands of the
// image, at once.
func (c *Canvas) drawBands(calls []call) {

	r := c.img.Rect
	var wg sync.WaitGroup
	for i := range c.bands {
		band := image.Rect(r.Min.X, r.Min.Y+r.Dy()*i/c.bands, r.Max.X, r.Min.Y+r.Dy()*(i+1)/c.bands)
		sub := New(c.img.SubImage(band).(*image.RGBA), c.scale, c.sprites)
		sub.group = render.GroupLayer
		wg.Add(1)
		go func() {
			defer wg.Done()
			sub.replay(calls)
		}()
	}
	wg.Wait()
}
