package data

import (
	"encoding/xml"
	"strings"

	"github.com/paulmach/orb"
)

// isGeometry reports whether a Placemark's child element is a geometry.
func isGeometry(name string) bool {
	switch name {
	case "Point", "LineString", "LinearRing", "Polygon", "MultiGeometry", "Track", "MultiTrack":
		return true
	}
	return false
}

// geometry reads the geometry element just started, in lon/lat (altitudes
// are dropped). A part that cannot be used is reported and left out; nil
// when nothing is left. A LinearRing on its own is a closed line.
func (p *kmlParser) geometry(se xml.StartElement) (orb.Geometry, error) {
	switch se.Name.Local {
	case "Point":
		c, err := p.coordsOf()
		if c.ok && len(c.pts) == 0 {
			p.report(c.line, "a Point has no coordinates")
		}
		if !c.ok || len(c.pts) == 0 {
			return nil, err
		}
		return c.pts[0], err
	case "LineString":
		c, err := p.coordsOf()
		if !c.ok || !p.enough(c, 2, "a LineString needs at least 2 positions") {
			return nil, err
		}
		return orb.LineString(c.pts), err
	case "LinearRing":
		r, err := p.ring()
		if r == nil {
			return nil, err
		}
		return orb.LineString(r), err
	case "Polygon":
		return p.polygon()
	case "MultiGeometry", "MultiTrack":
		return p.multi(se.Name.Local == "MultiTrack")
	case "Track":
		return p.track()
	}
	return nil, p.skip()
}

// kmlCoords are the positions of a coordinates element; ok is false when
// there was none, or a bad one (reported).
type kmlCoords struct {
	pts  []orb.Point
	line int // where the coordinates start
	ok   bool
}

// coordsOf reads the element just started, looking for its coordinates.
func (p *kmlParser) coordsOf() (kmlCoords, error) {
	c := kmlCoords{line: p.line(), ok: true} // no coordinates: an empty geometry
	err := p.children(func(se xml.StartElement) error {
		if se.Name.Local != "coordinates" {
			return p.skip()
		}
		c.line = p.line()
		s, err := p.text(false)
		c.pts, c.ok = p.positions(s, c.line)
		return err
	})
	if err != nil {
		return kmlCoords{}, err
	}
	return c, nil
}

// enough reports whether c holds at least n positions, reporting when not.
func (p *kmlParser) enough(c kmlCoords, n int, what string) bool {
	if len(c.pts) >= n {
		return true
	}
	p.report(c.line, "%s; this one has %d", what, len(c.pts))
	return false
}

// ring reads a LinearRing: closed if it was not, at least 4 positions.
func (p *kmlParser) ring() (orb.Ring, error) {
	c, err := p.coordsOf()
	if !c.ok {
		return nil, err
	}
	if n := len(c.pts); n > 0 && c.pts[0] != c.pts[n-1] {
		c.pts = append(c.pts, c.pts[0])
	}
	if !p.enough(c, 4, "a LinearRing needs at least 4 positions (3 corners and the first again)") {
		return nil, err
	}
	return orb.Ring(c.pts), err
}

// polygon reads a Polygon: its outer ring and holes. A bad hole is left
// out; without a good outer ring there is no polygon.
func (p *kmlParser) polygon() (orb.Geometry, error) {
	var outer orb.Ring
	var holes []orb.Ring
	line, sawOuter := p.line(), false
	err := p.children(func(se xml.StartElement) error {
		switch se.Name.Local {
		case "outerBoundaryIs":
			sawOuter = true
			rings, err := p.boundary()
			if len(rings) > 0 {
				outer = rings[0]
			}
			return err
		case "innerBoundaryIs":
			rings, err := p.boundary()
			holes = append(holes, rings...)
			return err
		}
		return p.skip()
	})
	if err != nil || outer == nil {
		if err == nil && !sawOuter {
			p.report(line, "a Polygon has no outerBoundaryIs")
		}
		return nil, err
	}
	return append(orb.Polygon{outer}, holes...), nil
}

// boundary reads the LinearRings of an outer or inner boundary.
func (p *kmlParser) boundary() ([]orb.Ring, error) {
	var out []orb.Ring
	err := p.children(func(se xml.StartElement) error {
		if se.Name.Local != "LinearRing" {
			return p.skip()
		}
		r, err := p.ring()
		if r != nil {
			out = append(out, r)
		}
		return err
	})
	return out, err
}

// multi reads a MultiGeometry (or a gx:MultiTrack, tracks only), nested
// ones flattened: a MultiPoint, MultiLineString or MultiPolygon when its
// parts are of one kind, else a Collection.
func (p *kmlParser) multi(tracks bool) (orb.Geometry, error) {
	var parts []orb.Geometry
	err := p.children(func(se xml.StartElement) error {
		if !isGeometry(se.Name.Local) || tracks && se.Name.Local != "Track" {
			return p.skip()
		}
		g, err := p.geometry(se)
		parts = appendSimple(parts, g)
		return err
	})
	if err != nil {
		return nil, err
	}
	return combine(parts), nil
}

// appendSimple appends g's simple parts (points, lines, polygons).
func appendSimple(out []orb.Geometry, g orb.Geometry) []orb.Geometry {
	switch g := g.(type) {
	case orb.MultiPoint:
		for _, q := range g {
			out = append(out, q)
		}
	case orb.MultiLineString:
		for _, l := range g {
			out = append(out, l)
		}
	case orb.MultiPolygon:
		for _, q := range g {
			out = append(out, q)
		}
	case orb.Collection:
		for _, m := range g {
			out = appendSimple(out, m)
		}
	case nil:
	default:
		out = append(out, g)
	}
	return out
}

// combine makes one geometry of simple parts.
func combine(parts []orb.Geometry) orb.Geometry {
	if len(parts) == 0 {
		return nil
	}
	var mp orb.MultiPoint
	var ml orb.MultiLineString
	var mpoly orb.MultiPolygon
	for _, g := range parts {
		switch g := g.(type) {
		case orb.Point:
			mp = append(mp, g)
		case orb.LineString:
			ml = append(ml, g)
		case orb.Polygon:
			mpoly = append(mpoly, g)
		}
	}
	switch len(parts) {
	case len(mp):
		return mp
	case len(ml):
		return ml
	case len(mpoly):
		return mpoly
	}
	return orb.Collection(parts)
}

// track reads a gx:Track's gx:coord positions ("lon lat alt") as a line.
func (p *kmlParser) track() (orb.Geometry, error) {
	c := kmlCoords{line: p.line(), ok: true}
	err := p.children(func(se xml.StartElement) error {
		if se.Name.Local != "coord" {
			return p.skip()
		}
		line := p.line()
		s, err := p.text(false)
		pts, ok := p.positions(strings.Join(strings.Fields(s), ","), line)
		c.pts, c.ok = append(c.pts, pts...), c.ok && ok
		return err
	})
	if err != nil || !c.ok || !p.enough(c, 2, "a gx:Track needs at least 2 positions") {
		return nil, err
	}
	return orb.LineString(c.pts), nil
}
