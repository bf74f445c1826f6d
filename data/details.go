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
	// Facts are the sourced statements of a `facts` list, in file order.
	Facts []Fact
	// Other holds every other property, so nothing loaded is hidden.
	Other []Field
}

// Field is one named value.
type Field struct{ Key, Value string }

// Fact is one statement about a site and the link it was taken from ("" if
// none is given).
type Fact struct{ Text, Source string }

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
		default:
			d.special(f)
		}
	}
	return d, true
}

// special decodes the lists and objects the details show in their own
// form (key figures, dates, facts); one of another form, and every other
// property, is kept in Other as text.
func (d *Details) special(f layer.Member) {
	var ok bool
	switch f.Key {
	case "key_figures":
		d.KeyFigures, ok = fieldsOf(f.Raw)
	case "dates":
		d.Dates, ok = fieldsOf(f.Raw)
	case "facts":
		d.Facts, ok = factsOf(f.Raw)
	}
	if !ok {
		d.Other = append(d.Other, Field{Key: f.Key, Value: textOf(f.Raw)})
	}
}

// orderedObject is a JSON object's members in order (layer.Members), as
// far as they can be read: a record that is not an object has none.
func orderedObject(raw []byte) []layer.Member {
	m, _ := layer.Members(raw)
	return m
}

// fieldsOf is an object's members as fields, and whether raw is an
// object.
func fieldsOf(raw json.RawMessage) ([]Field, bool) {
	m, err := layer.Members(raw)
	if err != nil {
		return nil, false
	}
	out := make([]Field, 0, len(m))
	for _, f := range m {
		out = append(out, Field{Key: f.Key, Value: textOf(f.Raw)})
	}
	return out, true
}

// factsOf reads a list of facts, each {"fact": text, "source": link} or
// plain text, and whether raw is such a list: one holding anything else
// is shown as it is, so that nothing in it goes unseen.
func factsOf(raw json.RawMessage) ([]Fact, bool) {
	var items []json.RawMessage
	if json.Unmarshal(raw, &items) != nil {
		return nil, false
	}
	out := make([]Fact, 0, len(items))
	for _, it := range items {
		f, ok := factOf(it)
		if !ok {
			return nil, false
		}
		out = append(out, f)
	}
	return out, true
}

// factOf reads one fact: text, or an object of a text "fact" and a text
// "source" and nothing else.
func factOf(raw json.RawMessage) (Fact, bool) {
	var f Fact
	if json.Unmarshal(raw, &f.Text) == nil {
		return f, f.Text != ""
	}
	m, err := layer.Members(raw)
	if err != nil {
		return f, false
	}
	for _, mb := range m {
		var v string
		if json.Unmarshal(mb.Raw, &v) != nil {
			return f, false
		}
		switch mb.Key {
		case "fact":
			f.Text = v
		case "source":
			f.Source = strings.TrimSpace(v)
		default:
			return f, false
		}
	}
	return f, f.Text != ""
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
