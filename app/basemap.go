package app

import (
	"context"
	"errors"

	"github.com/paulmach/orb"

	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/render"
	"github.com/lodemap/lodemap/geo/tiles"
)

// A raster basemap on the map: the tiles a frame needs are loaded off the
// UI thread, by the render loop, after the frame is drawn with what is
// there (a lower zoom's tile, or the offline basemap, standing in); each
// one that comes redraws the part of the map it covers. Only the tiles in
// view are asked for: no prefetching.

// SetBasemap draws a raster basemap under the layers (nil: the offline
// one alone). The caller closes the one it replaces.
func (m *MapView) SetBasemap(l *tiles.Layer) {
	m.mu.Lock()
	m.basemap, m.shownTiles = l, nil
	m.loading = map[tiles.Key]bool{}
	m.tileFails = 0
	m.mu.Unlock()
	m.requestRender()
}

// SetBoundaries draws polygon layers' outlines with the basemap (nil:
// none).
func (m *MapView) SetBoundaries(ls []*layer.Layer) {
	m.mu.Lock()
	m.boundaries = ls
	m.mu.Unlock()
	m.requestRender()
}

// Basemap is the raster basemap drawn, nil for the offline one.
func (m *MapView) Basemap() *tiles.Layer {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.basemap
}

// loadTiles starts loading the tiles in's view needs and has not got,
// each in a goroutine of ctx's (the render loop's), at most as many at
// once as the source allows.
func (m *MapView) loadTiles(ctx context.Context, in render.Input) {
	l := in.Tiles
	if l == nil {
		return
	}
	for _, k := range l.Missing(in.View) {
		m.mu.Lock()
		busy := m.loading[k] || m.shownTiles != l
		if !busy {
			m.loading[k] = true
		}
		m.mu.Unlock()
		if busy {
			continue
		}
		go func() {
			err := l.Load(ctx, k)
			if ctx.Err() != nil {
				return
			}
			m.mu.Lock()
			current := m.shownTiles == l
			delete(m.loading, k)
			if err != nil && current && !errors.Is(err, tiles.ErrNoTile) {
				m.tileFails++ // beyond a package's area is no failure
			}
			failures := m.tileFails
			m.mu.Unlock()
			if !current {
				return
			}
			if err == nil {
				m.mu.Lock()
				m.arrived = append(m.arrived, k)
				m.mu.Unlock()
				m.requestRender()
			}
			if m.OnTiles != nil {
				uiDo(func() { m.OnTiles(failures) })
			}
		}()
	}
}

// forgetArrived drops the screen tiles drawn without the web tiles that
// have come since; the render loop calls it before each frame, so a tile
// that comes while a frame is drawn is drawn into the next.
func (m *MapView) forgetArrived() {
	m.mu.Lock()
	arrived := m.arrived
	m.arrived = nil
	m.mu.Unlock()
	for _, k := range arrived {
		m.tiles.Forget(keyBound(k))
	}
}

// tilesLocked is the basemap's layer for the screen's pixel ratio: on a
// HiDPI screen, one taking tiles of a zoom as much higher, so they are
// not scaled up. m.mu is held.
func (m *MapView) tilesLocked() *tiles.Layer {
	if m.basemap == nil {
		return nil
	}
	if m.shownTiles == nil {
		m.shownTiles = m.basemap
		if m.scale > 1.01 {
			m.shownTiles = m.basemap.ForScale(float64(m.scale))
		}
	}
	return m.shownTiles
}

// keyBound is the Mercator unit bound of a web tile.
func keyBound(k tiles.Key) orb.Bound {
	n := float64(int(1) << k.Z)
	return orb.Bound{Min: orb.Point{float64(k.X) / n, float64(k.Y) / n}, Max: orb.Point{float64(k.X+1) / n, float64(k.Y+1) / n}}
}
