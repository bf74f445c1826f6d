package render

import (
	"hash/fnv"
	"image"
	"image/draw"
	"math"
	"sync"

	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

// TileSize is the side of a screen tile in logical pixels.
const TileSize = 256

// maxTiles bounds the tile cache (a 256-px tile is 256 KB at scale 1).
const maxTiles = 400

// TileCache draws the window's frames from world-aligned tiles of the
// basemap and the crowded layers (clusters or dots), which it keeps: a pan
// redraws only the tiles that come into view. The rest of the frame, the
// layers of separate markers, labels, the selection and the furniture, is
// drawn over the tiles from a Scene of the frame. Exports draw whole Scenes.
type TileCache struct {
	mu    sync.Mutex
	tiles map[tileKey]*tile
	order []tileKey
	found struct { // the last selection looked up in a crowded layer
		l  *layer.Layer
		id string
		i  int
	}
}

// indexOf finds a site in a layer, remembering the last answer: a scan of a
// million sites is done once per selection, not once per frame.
func (c *TileCache) indexOf(l *layer.Layer, id string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.found.l != l || c.found.id != id {
		c.found.l, c.found.id, c.found.i = l, id, l.Index(id)
	}
	return c.found.i
}

type tileKey struct {
	zoom, scale float64
	x, y        int
	state       uint64
}

type tile struct {
	img      *image.RGBA
	clusters []Cluster // in world pixels, for hit tests
}

// NewTileCache returns an empty cache.
func NewTileCache() *TileCache { return &TileCache{tiles: map[tileKey]*tile{}} }

// Frame draws in's view at the given pixel ratio, moved by less than a
// pixel onto the world's pixel grid (view.Snapped). It draws into dst when
// dst has the frame's size (a frame no longer shown: memory already touched
// is much faster to fill than fresh memory), else into a new image. The Scene returned holds
// what was drawn over the tiles and, as groups of their own, the clusters
// from the tiles, so hit tests see them.
func (c *TileCache) Frame(in Input, scale float64, dst *image.RGBA) (*image.RGBA, *Scene, error) {
	in.View = in.View.Snapped(scale)
	v := in.View
	crowded := crowdedLayers(in)
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
	state := stateOf(tileLayers, in.NoClusters)

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
	if err := c.fill(in, tileLayers, crowded, key, tx0, ty0, tx1, ty1); err != nil {
		return nil, nil, err
	}
	var clusters []Cluster
	c.mu.Lock()
	for ty := ty0; ty < ty1; ty++ {
		for tx := tx0; tx < tx1; tx++ {
			t := c.tiles[key(tx, ty)]
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
	s, err := Build(top)
	if err != nil {
		return nil, nil, err
	}
	if in.Selected != "" && s.Highlight == nil {
		// The selection is in a crowded layer: the tiles draw it as one of
		// the crowd, so it is drawn again here, highlighted.
		proj := newProjector(v)
		for _, l := range tileLayers {
			if i := c.indexOf(l, in.Selected); i >= 0 {
				x, y := proj.pixel(l.Unit[i])
				m := marker(l, i, x, y, in)
				s.Highlight = &m
				break
			}
		}
	}
	drawTop(img, s, scale)
	// The tiles' clusters, for hit tests: each tile keeps those centred in it.
	g := Group{Layer: "tiles"}
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
func (c *TileCache) fill(in Input, layers []*layer.Layer, crowded map[string]bool, key func(x, y int) tileKey, tx0, ty0, tx1, ty1 int) error {
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
	bin := Input{View: view.Viewport{Center: centre, Zoom: in.View.Zoom, Width: w, Height: h},
		Layers: layers, Grids: in.Grids, Crowded: crowded, NoClusters: in.NoClusters, NoLabels: true,
		Furniture: Furniture{NoAttribution: true}}
	s, err := Build(bin)
	if err != nil {
		return err
	}
	scale := key(0, 0).scale
	block := Raster(s, scale)
	side := int(math.Round(TileSize * scale))
	c.mu.Lock()
	defer c.mu.Unlock()
	for ty := my0; ty <= my1; ty++ {
		for tx := mx0; tx <= mx1; tx++ {
			k := key(tx, ty)
			if _, ok := c.tiles[k]; ok {
				continue
			}
			t := &tile{img: image.NewRGBA(image.Rect(0, 0, side, side))}
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
		}
	}
	// Forget the oldest tiles, but none of this frame's.
	inFrame := func(k tileKey) bool {
		return k.zoom == key(0, 0).zoom && k.scale == scale && k.state == key(0, 0).state && k.x >= tx0 && k.x < tx1 && k.y >= ty0 && k.y < ty1
	}
	kept := c.order[:0]
	excess := len(c.order) - maxTiles
	for _, k := range c.order {
		if excess > 0 && !inFrame(k) {
			delete(c.tiles, k)
			excess--
			continue
		}
		kept = append(kept, k)
	}
	c.order = kept
	return nil
}

// crowdedLayers decides, once for the frame, which layers have more sites
// in it than can be told apart.
func crowdedLayers(in Input) map[string]bool {
	out := map[string]bool{}
	s := &Scene{Width: in.View.Width, Height: in.View.Height}
	proj := newProjector(in.View)
	for _, l := range in.Layers {
		if in.Hidden[l.ID] || l.Len() <= ClusterFrom {
			continue
		}
		each := candidates(l, in, s, frameMargin, false)
		out[l.ID] = countInFrame(l, each, proj, s.Width, s.Height, ClusterFrom) > ClusterFrom
	}
	return out
}

// stateOf identifies what the tiles of these layers show: the layers
// themselves (a loading layer grows) and the clustering switch.
func stateOf(layers []*layer.Layer, noClusters bool) uint64 {
	h := fnv.New64a()
	for _, l := range layers {
		h.Write([]byte(l.ID))
		var b [16]byte
		n := uint64(l.Len())
		p := uint64(uintptrOf(l))
		for i := 0; i < 8; i++ {
			b[i], b[8+i] = byte(n>>(8*i)), byte(p>>(8*i))
		}
		h.Write(b[:])
	}
	if noClusters {
		h.Write([]byte{1})
	}
	return h.Sum64()
}

// drawTop draws a frame's Scene over its tiles: markers, selection, labels
// and furniture (its clusters are in the tiles).
func drawTop(img *image.RGBA, s *Scene, scale float64) {
	for _, g := range s.Groups {
		for _, m := range g.Markers {
			stamp(img, m, scale)
		}
	}
	if s.Highlight != nil {
		stamp(img, *s.Highlight, scale)
	}
	drawLabels(img, s.Labels, scale)
	drawOverlays(img, s, scale)
}
