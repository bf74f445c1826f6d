package render

import (
	"github.com/lodemap/lodemap/geo/basemap"
	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/style"
	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

// addBasemap gives the scene what lies under the layers: the sea, the
// countries (unless map tiles cover the view), the tiles, and a boundary
// file's outlines, all simplified for the zoom and kept to the frame.
func (s *Scene) addBasemap(in Input) error {
	v := in.View
	s.Background = style.Sea
	d := newShapeDrawer(s, in, newProjector(v))
	if in.Tiles != nil {
		s.Raster = in.Tiles.Placed(v)
	}
	if in.Tiles == nil || !in.Tiles.Covers(v) { // else hidden under the tiles
		bm, err := basemap.ForZoom(v.Zoom)
		if err != nil {
			return err
		}
		s.Land = landPolygons(bm, v, d)
	}
	s.Boundaries = boundaries(in.Boundaries, d)
	return nil
}

func landPolygons(bm *basemap.Set, v view.Viewport, d *shapeDrawer) []Polygon {
	b := v.Bounds()
	var out []Polygon
	for _, c := range bm.Countries {
		p := Polygon{Fill: style.Land, Stroke: style.Border}
		for ri, r := range c.Rings {
			rb := c.Bounds[ri]
			for _, off := range basemap.Wraps(rb) {
				if !(orb.Bound{Min: orb.Point{rb.Min[0] + off, rb.Min[1]}, Max: orb.Point{rb.Max[0] + off, rb.Max[1]}}).Intersects(b) {
					continue
				}
				// Simplified for the zoom, as shapes are: the 1:10m
				// coasts have many vertices to a pixel zoomed out.
				p.Rings = append(p.Rings, d.simplify(r, off))
			}
		}
		if len(p.Rings) > 0 {
			out = append(out, p)
		}
	}
	return out
}

// boundaries are the outlines of the polygons of layers that lie in d's
// frame, simplified for the zoom.
func boundaries(layers []*layer.Layer, d *shapeDrawer) [][]orb.Point {
	var out [][]orb.Point
	for _, l := range layers {
		for i := range l.Len() {
			for _, p := range l.Parts(i) {
				if p.Kind != layer.Polygon || !p.Bound.Intersects(d.frame) {
					continue
				}
				for _, r := range p.Rings {
					out = append(out, d.simplify(r, 0))
				}
			}
		}
	}
	return out
}
