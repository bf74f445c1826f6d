package rendertest

import (
	"encoding/json"

	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/render"
	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

// Shapes is a layer of lines, polygons and multi-geometries around the
// test sites: a deposit outline with a hole (planned: dashed), a licence
// of two polygons, a rail line, a planned pipeline of two lines, three
// wells as a MultiPoint, a zone and a route across the antimeridian, and
// an office without a geometry.
func Shapes() *layer.Layer {
	l := &layer.Layer{ID: "s", Title: "Shapes"}
	add := func(id, name, kind, status string, g orb.Geometry) {
		l.Add(id, name, kind, status, orb.Point{}, json.RawMessage(`{}`), l.Len()+1)
		l.SetGeometry(g)
	}
	add("outline", "Beylikova outline", "deposit", "planned", orb.Polygon{
		{{31.0, 39.4}, {31.7, 39.4}, {31.75, 39.85}, {31.05, 39.9}, {31.0, 39.4}},
		{{31.2, 39.55}, {31.2, 39.7}, {31.5, 39.7}, {31.5, 39.55}, {31.2, 39.55}},
	})
	add("licence", "Licence", "mine", "operating", orb.MultiPolygon{
		{{{29.0, 38.2}, {29.5, 38.2}, {29.5, 38.6}, {29.0, 38.6}, {29.0, 38.2}}},
		{{{29.7, 38.3}, {30.1, 38.3}, {29.9, 38.8}, {29.7, 38.3}}},
	})
	add("rail", "Rail line", "", "operating", orb.LineString{{30.52, 39.78}, {30.0, 40.1}, {29.6, 40.6}, {29.0, 41.0}})
	add("pipeline", "Pipeline", "refinery", "planned", orb.MultiLineString{
		{{31.4, 39.6}, {32.0, 39.0}, {32.8, 38.9}},
		{{31.4, 39.6}, {31.9, 40.3}},
	})
	add("wells", "Wells", "mine", "exploration", orb.MultiPoint{{28.2, 39.0}, {28.4, 39.1}, {28.3, 38.85}})
	add("zone", "Fiji zone", "deposit", "operating", orb.Polygon{{{178, -16}, {-178, -16}, {-178, -19}, {178, -19}, {178, -16}}})
	add("route", "Dateline route", "automaker_plant", "announced", orb.LineString{{170, -15}, {-170, -20}})
	add("office", "Office", "headquarters", "operating", nil)
	return l
}

// ShapeView is a named framing of the Shapes layer.
type ShapeView struct {
	Name string
	In   render.Input
}

// ShapeViews frame the Shapes layer at three zooms over Anatolia (the
// outline selected and the rail line hovered in the middle one) and across
// the antimeridian, without the basemap's place names (the shapes are
// what these views test; places have tests of their own).
func ShapeViews() []ShapeView {
	l := Shapes()
	ls := []*layer.Layer{l}
	at := func(c orb.Point, z float64) view.Viewport { return view.New(c, z, 640, 400) }
	return []ShapeView{
		{"shapes-z5", render.Input{View: at(orb.Point{30.2, 39.6}, 5), Layers: ls, NoPlaces: true}},
		{"shapes-z7", render.Input{View: at(orb.Point{30.4, 39.6}, 7), Layers: ls, Selected: l.Site(0), Hovered: l.Site(2), NoPlaces: true}},
		{"shapes-z10", render.Input{View: at(orb.Point{31.35, 39.62}, 10), Layers: ls, NoPlaces: true}},
		{"shapes-antimeridian", render.Input{View: at(orb.Point{180, -17.5}, 5), Layers: ls, NoPlaces: true}},
	}
}
