package data

import (
	"bytes"
	"encoding/json"
	"fmt"
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
		switch f.key {
		case "id", "name", "kind", "status":
		case "operator":
			d.Operator = textOf(f.raw)
		case "country":
			d.Country = textOf(f.raw)
		case "country_name":
			d.CountryName = textOf(f.raw)
		case "description":
			d.Description = textOf(f.raw)
		case "coord_precision":
			d.Precision = textOf(f.raw)
		case "commodities":
			d.Commodities = stringsOf(f.raw)
		case "sources":
			d.Sources = stringsOf(f.raw)
		case "key_figures":
			d.KeyFigures = fieldsOf(f.raw)
		case "dates":
			d.Dates = fieldsOf(f.raw)
		default:
			d.Other = append(d.Other, Field{Key: f.key, Value: textOf(f.raw)})
		}
	}
	return d, true
}

type rawField struct {
	key string
	raw json.RawMessage
}

// orderedObject splits a JSON object into its members in file order.
func orderedObject(raw json.RawMessage) []rawField {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	var out []rawField
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return out
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return out
		}
		out = append(out, rawField{key: fmt.Sprint(t), raw: v})
	}
	return out
}

func fieldsOf(raw json.RawMessage) []Field {
	var out []Field
	for _, f := range orderedObject(raw) {
		out = append(out, Field{Key: f.key, Value: textOf(f.raw)})
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
			parts = append(parts, f.key+": "+textOf(f.raw))
		}
		return strings.Join(parts, "; ")
	}
	return string(raw)
}
