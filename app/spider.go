package app

import (
	"math"

	"fyne.io/fyne/v2"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/render"
	"github.com/lodemap/lodemap/geo/style"
)

// sharedPoint is how near (logical pixels) sites' markers must lie to
// count as sharing a point, which a click fans out.
const sharedPoint = 3.0

// fanOut fans out the point sites in under when two or more share a point
// (under is FeaturesAt's list, nearest first), and reports whether it did.
func (m *MapView) fanOut(under []data.Ref) bool {
	if len(under) < 2 {
		return false
	}
	v := m.View()
	x0, y0 := v.ToPixel(under[0].Layer.LonLat[under[0].Index])
	var sites []layer.Site
	for _, r := range under {
		if r.Layer.Type(r.Index) != layer.Point {
			continue
		}
		x, y := v.ToPixel(r.Layer.LonLat[r.Index])
		if math.Hypot(x-x0, y-y0) <= sharedPoint {
			sites = append(sites, r.Layer.Site(r.Index))
		}
	}
	if len(sites) < 2 {
		return false
	}
	m.mu.Lock()
	m.spider = &render.Spider{Sites: sites}
	m.mu.Unlock()
	m.requestRender()
	return true
}

// Spider returns the sites fanned out, or nil.
func (m *MapView) Spider() *render.Spider {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.spider
}

// fannedAt returns the fanned-out site whose marker lies under p.
func (m *MapView) fannedAt(p fyne.Position) (data.Ref, bool) {
	m.mu.Lock()
	sp, v := m.spider, m.view
	m.mu.Unlock()
	if sp == nil {
		return data.Ref{}, false
	}
	for k, s := range sp.Sites {
		r, ok := m.cat.Ref(s)
		if !ok {
			continue
		}
		x, y := v.ToPixel(r.Layer.LonLat[r.Index])
		dx, dy := render.SpiderSpot(k, len(sp.Sites))
		if math.Hypot(float64(p.X)-(x+dx), float64(p.Y)-(y+dy)) <= style.HitTolerance {
			return r, true
		}
	}
	return data.Ref{}, false
}

// fanned reports whether a site is drawn fanned out, away from its point.
func fanned(sp *render.Spider, s layer.Site) bool {
	if sp == nil {
		return false
	}
	for _, f := range sp.Sites {
		if f == s {
			return true
		}
	}
	return false
}
