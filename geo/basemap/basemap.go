// Package basemap provides the country polygons that Lodemap always draws
// under its layers, offline: Natural Earth at 1:110m for small scales and
// 1:50m when zoomed in, decoded once from the embedded files and projected to
// Web Mercator unit coordinates with rings that cross the antimeridian
// unwrapped, so they draw as one piece instead of a band across the map.
package basemap

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"sync"

	"github.com/lodemap/lodemap/assets"
	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// DetailZoom is the zoom from which the 1:50m polygons are used.
const DetailZoom = 4.0

// Attribution credits the basemap data.
const Attribution = assets.BasemapAttribution

// Country is one country's polygons in Mercator unit coordinates.
type Country struct {
	Name   string
	Rings  [][]orb.Point // outer rings and holes; drawn with the non-zero rule
	Bounds []orb.Bound   // the bound of each ring
}

// Set is a decoded basemap at one scale.
type Set struct {
	Countries []Country
}

var (
	once110, once50 sync.Once
	set110, set50   *Set
	err110, err50   error
)

// ForZoom returns the basemap to draw at the given zoom.
func ForZoom(zoom float64) (*Set, error) {
	if zoom >= DetailZoom {
		once50.Do(func() { set50, err50 = Decode(assets.Countries50m) })
		return set50, err50
	}
	once110.Do(func() { set110, err110 = Decode(assets.Countries110m) })
	return set110, err110
}

// Decode reads a gzipped GeoJSON FeatureCollection of country polygons.
func Decode(gz []byte) (*Set, error) {
	r, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("basemap: %w", err)
	}
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("basemap: %w", err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(raw)
	if err != nil {
		return nil, fmt.Errorf("basemap: %w", err)
	}
	s := &Set{}
	for _, f := range fc.Features {
		c := Country{Name: f.Properties.MustString("name", "")}
		switch g := f.Geometry.(type) {
		case orb.Polygon:
			c.add(g)
		case orb.MultiPolygon:
			for _, p := range g {
				c.add(p)
			}
		}
		if len(c.Rings) > 0 {
			s.Countries = append(s.Countries, c)
		}
	}
	return s, nil
}

func (c *Country) add(p orb.Polygon) {
	for _, ring := range p {
		u := project(ring)
		if len(u) < 3 {
			continue
		}
		c.Rings = append(c.Rings, u)
		c.Bounds = append(c.Bounds, orb.MultiPoint(u).Bound())
	}
}

// project turns a lon/lat ring into unit coordinates. A ring that jumps
// across the antimeridian is unwrapped (x may leave [0,1]) so it stays one
// shape. A ring that circles the pole (Antarctica) would not close once
// unwrapped; it is already a closed shape on the flat map and is kept as it is.
func project(ring orb.Ring) []orb.Point {
	out := make([]orb.Point, len(ring))
	shift := 0.0
	for i, p := range ring {
		if i > 0 {
			d := p[0] - ring[i-1][0]
			if d > 180 {
				shift -= 360
			} else if d < -180 {
				shift += 360
			}
		}
		out[i] = view.ToUnit(orb.Point{p[0] + shift, p[1]})
	}
	if shift != 0 {
		for i, p := range ring {
			out[i] = view.ToUnit(p)
		}
	}
	return out
}

// Wraps reports the world copies (offsets in unit x) a bound needs to be
// drawn at so that the part beyond the antimeridian shows too.
func Wraps(b orb.Bound) []float64 {
	offs := []float64{0}
	if b.Min[0] < 0 {
		offs = append(offs, 1)
	}
	if b.Max[0] > 1 {
		offs = append(offs, -1)
	}
	return offs
}
