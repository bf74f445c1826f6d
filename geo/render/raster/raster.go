// Package raster is the image backend of geo/render: it draws a Scene into
// an RGBA image, for the window's map and for PNG exports. Markers are
// stamped from pre-rendered sprites, land is filled a band of rows at a
// time, and the window's frames are assembled from world-aligned tiles
// kept in a TileCache.
package raster

import (
	"context"
	"image"
	"math"
	"runtime"

	"github.com/lodemap/lodemap/geo/render"
)

// Draw draws a Scene into a new image. scale is the pixel ratio: 1 for a
// normal screen, 2 for a HiDPI one, dpi/96 for print, so markers and labels
// keep their look at any resolution. sprites may be nil (a cache for this
// drawing alone). progress and ctx are Scene.Draw's.
func Draw(ctx context.Context, s *render.Scene, scale float64, sprites *Sprites, progress func(done, total int)) (*image.RGBA, error) {
	return DrawInto(ctx, s, scale, sprites, nil, progress)
}

// DrawInto draws as Draw does, into dst (cleared first) when it has the
// picture's size, else into a new image.
func DrawInto(ctx context.Context, s *render.Scene, scale float64, sprites *Sprites, dst *image.RGBA, progress func(done, total int)) (*image.RGBA, error) {
	w := int(math.Ceil(s.Width * scale))
	h := int(math.Ceil(s.Height * scale))
	img := dst
	if img == nil || img.Rect != image.Rect(0, 0, w, h) {
		img = image.NewRGBA(image.Rect(0, 0, w, h))
	} else {
		clear(img.Pix)
	}
	c := New(img, scale, sprites)
	c.bands = runtime.GOMAXPROCS(0)
	if err := s.Draw(ctx, c, progress); err != nil {
		return nil, err
	}
	return img, nil
}

// Canvas is the raster Backend: it draws onto an image. A Canvas is for one
// drawing on one goroutine; the Sprites it stamps from may be shared.
type Canvas struct {
	img     *image.RGBA
	scale   float64
	sprites *Sprites
	faces   faces
	group   render.GroupKind
	pending []pendingPath // paths of one paint, filled together
	// bands, when 2 or more, is how many parts of the image a large layer
	// group is drawn in at once (see bands.go); calls is that group's
	// calls, recorded until it ends.
	bands     int
	recording bool
	calls     []call
	// lastSym is the symbol last stamped, lastSprite its sprite.
	lastSym    render.Symbol
	lastSprite *stampImage
}

// New returns a Canvas drawing onto img at a pixel ratio. sprites may be
// nil: the canvas then keeps its own.
func New(img *image.RGBA, scale float64, sprites *Sprites) *Canvas {
	if sprites == nil {
		sprites = NewSprites(0)
	}
	return &Canvas{img: img, scale: scale, sprites: sprites, faces: faces{}}
}

// BeginGroup implements render.Backend; an image has no groups, but the
// basemap's paths are filled together.
func (c *Canvas) BeginGroup(g render.GroupInfo) {
	c.flush()
	c.group = g.Kind
	// A layer of many shapes, or of very many markers and dots, is drawn
	// in bands; a smaller one of markers stamps them faster on its own.
	c.recording = c.bands > 1 && g.Kind == render.GroupLayer &&
		(g.Shapes >= bandFrom && 2*g.Shapes >= g.Items || g.Items >= bandSymbolsFrom)
	if c.recording {
		c.calls = make([]call, 0, g.Items)
	}
}

// EndGroup implements render.Backend: pending paths are filled.
func (c *Canvas) EndGroup() {
	if c.recording {
		c.recording = false
		c.drawBands(c.calls)
	}
	c.flush()
}

// Symbol implements render.Backend: it stamps the symbol's sprite.
func (c *Canvas) Symbol(sym render.Symbol, x, y float64, _ string) {
	if c.recording {
		c.calls = append(c.calls, call{kind: callSymbol, sym: sym, x: x, y: y})
		return
	}
	c.flush()
	// A layer's markers and dots mostly share a symbol: the last one's
	// sprite is kept at hand, which spares the shared cache's lock.
	sp := c.lastSprite
	if sp == nil || sym != c.lastSym {
		sp = c.sprites.get(sym, c.scale)
		c.lastSym, c.lastSprite = sym, sp
	}
	half := sp.img.Rect.Dx() / 2
	sp.over(c.img, int(math.Round(x*c.scale))-half, int(math.Round(y*c.scale))-half)
}
