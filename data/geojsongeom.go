package data

import (
	"cmp"
	"fmt"

	"github.com/paulmach/orb"
)

// geoGeometry is a GeoJSON geometry object as read: its type, its
// coordinates and, for a GeometryCollection, its members.
type geoGeometry struct {
	Type        string        `json:"type"`
	Coordinates coords        `json:"coordinates"`
	Geometries  []geoGeometry `json:"geometries"`
	BBox        bbox          `json:"bbox"`
}

// geometryDepth is how deep each type's coordinates nest.
var geometryDepth = map[string]int{
	"Point": 1, "MultiPoint": 2, "LineString": 2,
	"MultiLineString": 3, "Polygon": 3, "MultiPolygon": 4,
}

// build makes the geometry, holding it to RFC 7946: what the RFC forbids
// is reported (format and args as fmt.Sprintf takes them) and left out, so
// that the rest of the feature still loads. An unclosed ring is reported
// and closed. A nil result is no geometry (null, or empty).
func (g *geoGeometry) build(report func(format string, args ...any)) orb.Geometry {
	if g.BBox.bad {
		report("the bbox of a %s must hold 4 or 6 numbers, the lows then the highs", cmp.Or(g.Type, "geometry"))
	}
	if g.Type == "" {
		report("a geometry has no \"type\"")
		return nil
	}
	if g.Type == "GeometryCollection" && g.Geometries == nil {
		report("a GeometryCollection has no \"geometries\" list")
		return nil
	}
	if g.Type == "GeometryCollection" {
		var out orb.Collection
		for i := range g.Geometries {
			if m := g.Geometries[i].build(report); m != nil {
				out = append(out, m)
			}
		}
		if len(out) == 0 {
			return nil
		}
		return out
	}
	want, ok := geometryDepth[g.Type]
	if !ok {
		report("unknown geometry type %q (Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon or GeometryCollection)", g.Type)
		return nil
	}
	c := &g.Coordinates
	if !c.set {
		report("a %s has no \"coordinates\"", g.Type)
		return nil
	}
	if err := c.fault(); err != nil {
		report("%v", err)
		return nil
	}
	if c.depth == 0 {
		return nil // empty: RFC 7946 allows empty coordinates
	}
	if c.depth != want {
		report("a %s's coordinates must be %s", g.Type, depthText[want])
		return nil
	}
	if g.Type == "Point" {
		return c.first
	}
	cl := c.more
	switch g.Type {
	case "MultiPoint":
		return orb.MultiPoint(cl.pts)
	case "LineString":
		if ls := line(cl.pts, report); ls != nil {
			return ls
		}
		return nil
	case "MultiLineString":
		var out orb.MultiLineString
		for _, s := range spans(cl.ends[0]) {
			if ls := line(cl.pts[s[0]:s[1]], report); ls != nil {
				out = append(out, ls)
			}
		}
		return emptyNil(out, len(out))
	case "Polygon":
		if p := polygon(cl, spans(cl.ends[0]), report); p != nil {
			return p
		}
		return nil
	}
	var out orb.MultiPolygon
	rings := spans(cl.ends[0])
	for _, p := range spans(cl.ends[1]) {
		if poly := polygon(cl, rings[p[0]:p[1]], report); poly != nil {
			out = append(out, poly)
		}
	}
	return emptyNil(out, len(out))
}

var depthText = map[int]string{
	1: "one position, [lon, lat]",
	2: "a list of positions",
	3: "a list of lists of positions",
	4: "a list of polygons, each a list of rings",
}

func emptyNil(g orb.Geometry, n int) orb.Geometry {
	if n == 0 {
		return nil
	}
	return g
}

func line(pts []orb.Point, report func(string, ...any)) orb.LineString {
	if len(pts) < 2 {
		report("a line has %d position; it needs at least two", len(pts))
		return nil
	}
	return pts
}

// polygon builds the rings at spans of c's positions; a ring of fewer
// than four positions is left out (the polygon with it when it is the
// outer one), an unclosed one closed.
func polygon(c *coordList, rings [][2]int, report func(string, ...any)) orb.Polygon {
	var out orb.Polygon
	for k, s := range rings {
		r := orb.Ring(c.pts[s[0]:s[1]:s[1]])
		if len(r) < 4 {
			report("a polygon ring has %d positions; it needs at least four, the last the same as the first", len(r))
			if k == 0 {
				return nil
			}
			continue
		}
		if r[0] != r[len(r)-1] {
			report("a polygon ring is not closed: its last position %v is not its first %v", fmtPos(r[len(r)-1]), fmtPos(r[0]))
			r = append(r, r[0])
		}
		out = append(out, r)
	}
	return out
}

func fmtPos(p orb.Point) string { return fmt.Sprintf("[%g, %g]", p[0], p[1]) }
