// Package basemap provides what Lodemap always draws under its layers,
// offline: the country polygons, Natural Earth at 1:110m for small
// scales, 1:50m when zoomed in and 1:10m when zoomed in far, decoded once from the embedded files and projected to
// Web Mercator unit coordinates with rings that cross the antimeridian
// unwrapped, so they draw as one piece instead of a band across the map.
package basemap

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"sync"

	"github.com/goccy/go-json"

	"github.com/lodemap/lodemap/assets"
	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

// DetailZoom is the zoom from which the 1:50m polygons are used, and
// FineZoom the zoom from which the 1:10m ones are.
const (
	DetailZoom = 4.0
	FineZoom   = 6.0
)

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
	once110, once50, once10 sync.Once
	set110, set50, set10    *Set
	err110, err50, err10    error
)

// ForZoom returns the basemap to draw at the given zoom.
func ForZoom(zoom float64) (*Set, error) {
	if zoom >= FineZoom {
		once10.Do(func() { set10, err10 = Decode(assets.Countries10m) })
		return set10, err10
	}
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
	// The gzip trailer gives the size: one buffer, not one grown by
	// doubling (fresh memory is slow to touch on some machines).
	raw := make([]byte, 0, binary.LittleEndian.Uint32(gz[len(gz)-4:]))
	buf := bytes.NewBuffer(raw)
	if _, err := buf.ReadFrom(r); err != nil {
		return nil, fmt.Errorf("basemap: %w", err)
	}
	raw = buf.Bytes()
	// A typed decode: the 1:10m file took 0.86 s through orb's generic
	// GeoJSON, too long for the first frame of a view zoomed in.
	var fc countryFile
	if err := json.Unmarshal(raw, &fc); err != nil {
		return nil, fmt.Errorf("basemap: %w", err)
	}
	s := &Set{}
	for _, f := range fc.Features {
		c := Country{Name: f.Properties.Name}
		switch f.Geometry.Type {
		case "Polygon":
			var p [][]orb.Point
			if err := json.Unmarshal(f.Geometry.Coordinates, &p); err != nil {
				return nil, fmt.Errorf("basemap: %s: %w", c.Name, err)
			}
			c.add(p)
		case "MultiPolygon":
			var mp [][][]orb.Point
			if err := json.Unmarshal(f.Geometry.Coordinates, &mp); err != nil {
				return nil, fmt.Errorf("basemap: %s: %w", c.Name, err)
			}
			for _, p := range mp {
				c.add(p)
			}
		}
		if len(c.Rings) > 0 {
			s.Countries = append(s.Countries, c)
		}
	}
	return s, nil
}

// countryFile is the part of a GeoJSON FeatureCollection of countries
// that the basemap reads.
type countryFile struct {
	Features []struct {
		Properties struct {
			Name string `json:"name"`
		} `json:"properties"`
		Geometry struct {
			Type        string          `json:"type"`
			Coordinates json.RawMessage `json:"coordinates"`
		} `json:"geometry"`
	} `json:"features"`
}

func (c *Country) add(p [][]orb.Point) {
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
func project(ring []orb.Point) []orb.Point {
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
