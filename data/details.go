package data

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/lodemap/lodemap/geo/layer"
	"github.com/paulmach/orb"
)

// Details is a feature's properties decoded for display, in file order.
type Details struct {
	ID, Name, Kind, Status   string
	Operator, Country        string
	CountryName, Description string
	Precision                string
	// LonLat is the feature's anchor: its point, a line's middle, a point
	// inside a polygon. Located is false for a feature with no geometry.
	LonLat  orb.Point
	Located bool
	// Geometry is the feature's geometry type; Length (m, of its lines),
	// Area (m², of its polygons) and Perimeter (m, of their outlines) are
	// measured on the sphere.
	Geometry                layer.Type
	Length, Area, Perimeter float64
	Commodities, Sources    []string
	KeyFigures, Dates       []Field
	// Other holds every other property, so nothing loaded is hidden.
	Other []Field
}

// Field is one named value.
type Field struct{ Key, Value string }

// Details decodes the properties of the feature a Site names.
func (c *Catalog) Details(s layer.Site) (*Details, bool) {
	r, ok := c.Ref(s)
	if !ok {
		return nil, false
	}
	l, i := r.Layer, r.Index
	d := &Details{ID: l.IDs[i], Name: l.Names[i], Kind: l.Kinds[i], Status: l.Status[i], LonLat: l.LonLat[i],
		Located: l.Located(i), Geometry: l.Type(i)}
	d.Length, d.Area, d.Perimeter = l.Measure(i)
	props, err := l.Properties(i)
	if err != nil {
		d.Other = append(d.Other, Field{Key: "error", Value: err.Error()})
	}
	for _, f := range orderedObject(props) {
		switch f.Key {
		case "id", "name", "kind", "status":
		case "operator":
			d.Operator = textOf(f.Raw)
		case "country":
			d.Country = textOf(f.Raw)
		case "country_name":
			d.CountryName = textOf(f.Raw)
		case "description":
			d.Description = textOf(f.Raw)
		case "coord_precision":
			d.Precision = textOf(f.Raw)
		case "commodities":
			d.Commodities = stringsOf(f.Raw)
		case "sources":
			d.Sources = stringsOf(f.Raw)
		case "key_figures":
			d.KeyFigures = fieldsOf(f.Raw)
		case "dates":
			d.Dates = fieldsOf(f.Raw)
		default:
			d.Other = append(d.Other, Field{Key: f.Key, Value: textOf(f.Raw)})
		}
	}
	return d, true
}

// orderedObject is a JSON object's members in order (layer.Members), as
// far as they can be read: a record that is not an object has none.
func orderedObject(raw []byte) []layer.Member {
	m, _ := layer.Members(raw)
	return m
}

func fieldsOf(raw json.RawMessage) []Field {
	var out []Field
	for _, f := range orderedObject(raw) {
		out = append(out, Field{Key: f.Key, Value: textOf(f.Raw)})
	}
	return out
}

func stringsOf(raw json.RawMessage) []string {
	var items []json.RawMessage
	if json.Unmarshal(raw, &items) != nil {
		if s := textOf(raw); s != "" {
			return []string{s}
		}
		return nil
	}
	out := make([]string, 0, len(items))
	for _, it := range items {
		out = append(out, textOf(it))
	}
	return out
}

// textOf renders any JSON value as readable text: strings as they are,
// lists one item a line, objects as "key: value" pairs.
func textOf(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	switch raw[0] {
	case '"':
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s
		}
	case '[':
		return strings.Join(stringsOf(raw), "\n")
	case '{':
		var parts []string
		for _, f := range orderedObject(raw) {
			parts = append(parts, f.Key+": "+textOf(f.Raw))
		}
		return strings.Join(parts, "; ")
	}
	return string(raw)
}
