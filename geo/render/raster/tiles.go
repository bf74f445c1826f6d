package raster

import (
	"context"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"image"
	"image/draw"
	"math"
	"sync"

	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/render"
	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

// TileSize is the side of a screen tile in logical pixels.
const TileSize = 256

// maxTileBytes bounds the tile cache's pixels: 512 tiles at scale 1 (256
// KB each), 128 at scale 2. The tiles of the frame shown are always kept.
const maxTileBytes = 128 << 20

// TileCache draws the window's frames from world-aligned tiles of the
// basemap and the crowded layers (clusters or dots), which it keeps: a pan
// redraws only the tiles that come into view. The rest of the frame, the
// layers of separate markers, labels, the selection and the furniture, is
// drawn over the tiles from a Scene of the frame. Exports draw whole Scenes.
type TileCache struct {
	mu      sync.Mutex
	tiles   map[tileKey]*tile
	order   []tileKey // oldest first
	bytes   int       // of the tiles' pixels
	states  [2]uint64 // the layers' state now and before it
	sprites *Sprites
	// spare are the pixels of tiles evicted, and block those of the last
	// block of tiles drawn: drawn into again instead of new memory, whose
	// first touch costs more here than drawing a tile (a filter's new
	// frame spent most of its time there).
	spare []*image.RGBA
	block *image.RGBA
}

// maxSpare bounds the spare tiles kept, in bytes.
const maxSpare = 32 << 20

type tileKey struct {
	zoom, scale float64
	x, y        int
	state       uint64
}

type tile struct {
	img      *image.RGBA
	clusters []render.Cluster // in world pixels, for hit tests
}

// NewTileCache returns an empty cache, with sprites of its own for the
// markers it draws.
func NewTileCache() *TileCache {
	return &TileCache{tiles: map[tileKey]*tile{}, sprites: NewSprites(0)}
}

// Frame draws in's view at the given pixel ratio, moved by less than a
// pixel onto the world's pixel grid (view.Snapped). It draws into dst when
// dst has the frame's size (a frame no longer shown: memory already touched
// is much faster to fill than fresh memory), else into a new image. The Scene returned holds
// what was drawn over the tiles and, as groups of their own, the clusters
// from the tiles, so hit tests see them.
func (c *TileCache) Frame(ctx context.Context, in render.Input, scale float64, dst *image.RGBA) (*image.RGBA, *render.Scene, error) {
	in.View = in.View.Snapped(scale)
	v := in.View
	crowded := render.Crowded(in)
	var tileLayers, topLayers []*layer.Layer
	for _, l := range in.Layers {
		if in.Hidden[l.ID] {
			continue
		}
		if crowded[l.ID] {
			tileLayers = append(tileLayers, l)
		} else {
			topLayers = append(topLayers, l)
		}
	}
	state := stateOf(tileLayers, in)
	c.mu.Lock()
	if c.states[0] != state {
		// Tiles of the state before are kept (a layer switched off and on
		// again draws at once); older ones are of no more use.
		c.states = [2]uint64{state, c.states[0]}
	}
	c.mu.Unlock()

	w, h := int(math.Ceil(v.Width*scale)), int(math.Ceil(v.Height*scale))
	img := dst
	if img == nil || img.Rect != image.Rect(0, 0, w, h) {
		img = image.NewRGBA(image.Rect(0, 0, w, h))
	}
	ws := v.WorldSize()
	o := v.Origin()
	ox, oy := o[0]*ws, o[1]*ws // the frame's top-left in world pixels
	tx0, ty0 := int(math.Floor(ox/TileSize)), int(math.Floor(oy/TileSize))
	tx1, ty1 := int(math.Ceil((ox+v.Width)/TileSize)), int(math.Ceil((oy+v.Height)/TileSize))
	key := func(x, y int) tileKey { return tileKey{zoom: v.Zoom, scale: scale, x: x, y: y, state: state} }
	if err := c.fill(ctx, in, tileLayers, crowded, key, tx0, ty0, tx1, ty1); err != nil {
		return nil, nil, err
	}
	var clusters []render.Cluster
	c.mu.Lock()
	for ty := ty0; ty < ty1; ty++ {
		for tx := tx0; tx < tx1; tx++ {
			t := c.tiles[key(tx, ty)]
			if t == nil {
				continue // dropped by another frame of this cache meanwhile; the next frame draws it
			}
			at := image.Pt(int(math.Round((float64(tx*TileSize)-ox)*scale)), int(math.Round((float64(ty*TileSize)-oy)*scale)))
			draw.Draw(img, t.img.Rect.Add(at), t.img, image.Point{}, draw.Src)
			for _, cl := range t.clusters {
				cl.X, cl.Y = cl.X-ox, cl.Y-oy
				clusters = append(clusters, cl)
			}
		}
	}
	c.mu.Unlock()
	top := in
	top.Layers = topLayers
	top.NoBasemap = true
	top.Crowded = crowded
	top.Beneath = clusters // labels keep clear of the tiles' clusters
	s, err := render.Build(top)
	if err != nil {
		return nil, nil, err
	}
	if s.Highlight == nil && s.HighlightShapes == nil {
		// The selection may be in a crowded layer: the tiles draw it as
		// one of the crowd, so it is drawn again here, highlighted.
		s.HighlightFrom(in, tileLayers)
	}
	if err := s.Draw(ctx, New(img, scale, c.sprites), nil); err != nil {
		return nil, nil, err
	}
	// The tiles' clusters, for hit tests: each tile keeps those centred in it.
	g := render.Group{Layer: "tiles"}
	for _, cl := range clusters {
		if cl.X >= -cl.R && cl.Y >= -cl.R && cl.X <= v.Width+cl.R && cl.Y <= v.Height+cl.R {
			g.Clusters = append(g.Clusters, cl)
		}
	}
	s.Groups = append(s.Groups, g)
	return img, s, nil
}

// fill draws the missing tiles of the block [tx0, tx1) x [ty0, ty1) in one
// Scene over the smallest block of tiles that holds them, so the sites are
// visited once, in order, and cut it into tiles. Sites are gathered beyond
// the block (a cluster cell, a marker), so what crosses a tile's edge is the
// same whichever block drew the tile.
func (c *TileCache) fill(ctx context.Context, in render.Input, layers []*layer.Layer, crowded map[string]bool, key func(x, y int) tileKey, tx0, ty0, tx1, ty1 int) error {
	mx0, my0, mx1, my1 := tx1, ty1, tx0-1, ty0-1
	c.mu.Lock()
	for ty := ty0; ty < ty1; ty++ {
		for tx := tx0; tx < tx1; tx++ {
			if _, ok := c.tiles[key(tx, ty)]; !ok {
				mx0, my0, mx1, my1 = min(mx0, tx), min(my0, ty), max(mx1, tx), max(my1, ty)
			}
		}
	}
	c.mu.Unlock()
	if mx1 < mx0 {
		return nil
	}
	ws := in.View.WorldSize()
	w, h := float64((mx1-mx0+1)*TileSize), float64((my1-my0+1)*TileSize)
	centre := view.FromUnit(orb.Point{(float64(mx0*TileSize) + w/2) / ws, (float64(my0*TileSize) + h/2) / ws})
	bin := render.Input{View: view.Viewport{Center: centre, Zoom: in.View.Zoom, Width: w, Height: h},
		Layers: layers, Grids: in.Grids, Crowded: crowded, NoClusters: in.NoClusters, NoLabels: true, Tiles: in.Tiles, Boundaries: in.Boundaries,
		Furniture: render.Furniture{NoAttribution: true}}
	s, err := render.Build(bin)
	if err != nil {
		return err
	}
	scale := key(0, 0).scale
	c.mu.Lock()
	dst := c.block // this fill's alone until it gives it back
	c.block = nil
	c.mu.Unlock()
	block, err := DrawInto(ctx, s, scale, c.sprites, dst, nil)
	if err != nil {
		return err
	}
	side := int(math.Round(TileSize * scale))
	c.mu.Lock()
	defer c.mu.Unlock()
	c.block = block
	for ty := my0; ty <= my1; ty++ {
		for tx := mx0; tx <= mx1; tx++ {
			k := key(tx, ty)
			if _, ok := c.tiles[k]; ok {
				continue
			}
			t := &tile{img: c.newTileImage(side)}
			at := image.Pt((tx-mx0)*side, (ty-my0)*side)
			draw.Draw(t.img, t.img.Rect, block, at, draw.Src)
			x0, y0 := float64((tx-mx0)*TileSize), float64((ty-my0)*TileSize)
			for _, g := range s.Groups {
				for _, cl := range g.Clusters {
					if cl.X >= x0 && cl.X < x0+TileSize && cl.Y >= y0 && cl.Y < y0+TileSize {
						cl.X += float64(mx0 * TileSize)
						cl.Y += float64(my0 * TileSize)
						t.clusters = append(t.clusters, cl)
					}
				}
			}
			c.tiles[k] = t
			c.order = append(c.order, k)
			c.bytes += len(t.img.Pix)
		}
	}
	c.evict(func(k tileKey) bool {
		return k.zoom == key(0, 0).zoom && k.scale == scale && k.state == key(0, 0).state && k.x >= tx0 && k.x < tx1 && k.y >= ty0 && k.y < ty1
	})
	return nil
}

// evict forgets the tiles of states no longer current or just before, and
// the oldest tiles while over the byte budget, but none that inFrame
// reports in the frame being drawn. c.mu is held.
func (c *TileCache) evict(inFrame func(tileKey) bool) {
	kept := c.order[:0]
	for _, k := range c.order {
		stale := k.state != c.states[0] && k.state != c.states[1]
		if (stale || c.bytes > maxTileBytes) && !inFrame(k) {
			img := c.tiles[k].img
			c.bytes -= len(img.Pix)
			delete(c.tiles, k)
			if len(c.spare)*len(img.Pix) < maxSpare {
				c.spare = append(c.spare, img)
			}
			continue
		}
		kept = append(kept, k)
	}
	clear(c.order[len(kept):])
	c.order = kept
}

// Forget drops the tiles that show any of a bound of Mercator unit
// coordinates, at every zoom: a raster basemap's tile loaded there since
// they were drawn.
func (c *TileCache) Forget(b orb.Bound) {
	c.mu.Lock()
	defer c.mu.Unlock()
	kept := c.order[:0]
	for _, k := range c.order {
		ws := TileSize * math.Exp2(k.zoom)
		kb := orb.Bound{Min: orb.Point{float64(k.x) * TileSize / ws, float64(k.y) * TileSize / ws},
			Max: orb.Point{float64(k.x+1) * TileSize / ws, float64(k.y+1) * TileSize / ws}}
		if kb.Intersects(b) {
			c.bytes -= len(c.tiles[k].img.Pix)
			delete(c.tiles, k)
			continue
		}
		kept = append(kept, k)
	}
	clear(c.order[len(kept):])
	c.order = kept
}

// newTileImage is a tile's image of side x side pixels: a spare one if
// there is one of that size (its pixels are all written over). c.mu is
// held.
func (c *TileCache) newTileImage(side int) *image.RGBA {
	for len(c.spare) > 0 {
		img := c.spare[len(c.spare)-1]
		c.spare = c.spare[:len(c.spare)-1]
		if img.Rect.Dx() == side && img.Rect.Dy() == side {
			return img
		}
	}
	return image.NewRGBA(image.Rect(0, 0, side, side))
}

// Len is how many tiles are kept, and their pixels' bytes.
func (c *TileCache) Len() (tiles, bytes int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.tiles), c.bytes
}

// stateOf identifies what the tiles of these layers show: the layers'
// contents (a loading layer grows; a reloaded one is another history),
// their styles (worked out from the contents by their spec), the filter,
// the statuses at the time slider's date, and the clustering switch.
func stateOf(layers []*layer.Layer, in render.Input) uint64 {
	h := fnv.New64a()
	for _, l := range layers {
		h.Write([]byte(l.ID))
		r := l.Revision()
		h.Write(binary.LittleEndian.AppendUint64(binary.LittleEndian.AppendUint64(nil, r.Serial), uint64(r.Len)))
		if st := in.Styles[l.ID]; st != nil {
			fmt.Fprintf(h, "%d %q %v", st.Mode, st.Field, st.Color)
		}
		h.Write(binary.LittleEndian.AppendUint64(nil, in.Filter[l.ID].Serial()))
		h.Write(binary.LittleEndian.AppendUint64(nil, in.Status[l.ID].Serial()))
	}
	if in.NoClusters {
		h.Write([]byte{1})
	}
	fmt.Fprintf(h, "%p", in.Tiles) // another basemap draws other tiles
	for _, l := range in.Boundaries {
		fmt.Fprintf(h, " %p", l)
	}
	return h.Sum64()
}
