package raster

import (
	"image"
	"math"
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
	x, y  float64       // a symbol's centre; a path's top and bottom
	text  *render.Text
}

// pathCall records a Path or Lines call with its vertical extent, widened
// by the stroke's half width and a pixel of anti-aliasing, so a band skips
// the paths that cannot reach it.
func pathCall(kind callKind, rings [][]orb.Point, p render.Paint) call {
	top, bottom := math.Inf(1), math.Inf(-1)
	for _, r := range rings {
		for _, pt := range r {
			top, bottom = min(top, pt[1]), max(bottom, pt[1])
		}
	}
	reach := p.Width/2 + 1
	return call{kind: kind, rings: rings, paint: p, x: top - reach, y: bottom + reach}
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

// bandSymbolsFrom is how many calls a layer group of markers and dots
// needs before it is drawn in bands.
const bandSymbolsFrom = 16384

// symbolReach is how far (logical pixels) a symbol may reach from its
// centre: a band skips the symbols farther from it.
const symbolReach = 48

// replay draws recorded calls into c.
func (c *Canvas) replay(calls []call) {
	top, bottom := float64(c.img.Rect.Min.Y)/c.scale, float64(c.img.Rect.Max.Y)/c.scale
	for _, k := range calls {
		switch k.kind {
		case callSymbol:
			if k.y >= top-symbolReach && k.y <= bottom+symbolReach {
				c.Symbol(k.sym, k.x, k.y, "")
			}
		case callText:
			c.Text(*k.text)
		case callLines:
			if k.y >= top && k.x <= bottom {
				c.Lines(k.rings, k.paint)
			}
		default:
			if k.y >= top && k.x <= bottom {
				c.Path(k.rings, k.paint)
			}
		}
	}
	c.flush()
}

// drawBands draws recorded calls into c.bands horizontal bands of the
// image, at once.
func (c *Canvas) drawBands(calls []call) {
	r := c.img.Rect
	cuts := c.bandCuts(calls)
	var wg sync.WaitGroup
	for i := range c.bands {
		band := image.Rect(r.Min.X, cuts[i], r.Max.X, cuts[i+1])
		if band.Empty() {
			continue
		}
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

// bandCuts are the rows where the bands start, and the image's bottom:
// each band holds about as many calls as the others (by where each call
// lies, a row histogram), so a layer crowded into part of the image still
// shares its work out evenly.
func (c *Canvas) bandCuts(calls []call) []int {
	r := c.img.Rect
	rows := make([]int, r.Dy())
	counted := 0
	for _, k := range calls {
		y := k.y // a symbol's centre
		switch k.kind {
		case callText:
			continue
		case callPath, callLines:
			y = (k.x + k.y) / 2
		}
		row := min(max(int(y*c.scale)-r.Min.Y, 0), r.Dy()-1)
		rows[row]++
		counted++
	}
	cuts := make([]int, c.bands+1)
	cuts[c.bands] = r.Max.Y
	band, sum := 1, 0
	for row, n := range rows {
		for band < c.bands && sum >= counted*band/c.bands {
			cuts[band] = r.Min.Y + row
			band++
		}
		sum += n
	}
	for ; band < c.bands; band++ {
		cuts[band] = r.Max.Y
	}
	cuts[0] = r.Min.Y
	return cuts
}
