package filter

import (
	"context"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/geo/layer"
)

// column is one field's values for each feature of a layer, read once
// from the records: each feature's values are codes into dict.
type column struct {
	offs  []uint32 // feature i's codes are codes[offs[i]:offs[i+1]]
	codes []uint32
	dict  []string
}

// values calls fn with the codes of feature i.
func (c *column) values(i int) []uint32 { return c.codes[c.offs[i]:c.offs[i+1]] }

// Columns keeps the fields' columns a filter has read, so that changing a
// filter does not read every record again. It belongs to one window (or
// command); Forget drops a layer's columns when the layer goes.
type Columns struct {
	mu   sync.Mutex
	cols map[colKey]*column
}

type colKey struct {
	layer *layer.Layer
	rev   layer.Revision
	field string
}

// NewColumns returns an empty cache.
func NewColumns() *Columns { return &Columns{cols: map[colKey]*column{}} }

// Forget drops the columns of the layer of that id.
func (cs *Columns) Forget(id string) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	for k := range cs.cols {
		if k.layer.ID == id {
			delete(cs.cols, k)
		}
	}
}

// column returns field's column of l, reading the records the first time.
func (cs *Columns) column(ctx context.Context, cat *data.Catalog, l *layer.Layer, field string) (*column, error) {
	if err := cs.Read(ctx, cat, l, field); err != nil {
		return nil, err
	}
	cs.mu.Lock()
	defer cs.mu.Unlock()
	return cs.cols[colKey{l, l.Revision(), field}], nil
}

// Read reads the columns of fields that l's records hold and cs does not
// have yet, all in one pass over the records: decoding a record costs far
// more than taking several fields from it. Fields that are columns of the
// layer itself (layer, kind, status) are left out.
func (cs *Columns) Read(ctx context.Context, cat *data.Catalog, l *layer.Layer, fields ...string) error {
	rev := l.Revision()
	var missing []string
	cs.mu.Lock()
	for _, f := range fields {
		if _, ok := cs.cols[colKey{l, rev, f}]; !ok && !layerColumn[f] && !slices.Contains(missing, f) {
			missing = append(missing, f)
		}
	}
	cs.mu.Unlock()
	if len(missing) == 0 {
		return nil
	}
	cols, err := readColumns(ctx, cat, l, missing)
	if err != nil {
		return err
	}
	cs.mu.Lock()
	for k, f := range missing {
		cs.cols[colKey{l, rev, f}] = cols[k]
	}
	cs.mu.Unlock()
	return nil
}

// layerColumn are the fields a layer holds as columns of its own.
var layerColumn = map[string]bool{"layer": true, "kind": true, "status": true}

// columnBuilder gathers one field's values, feature by feature.
type columnBuilder struct {
	c     *column
	codes map[string]uint32
}

func newColumnBuilder(n int) *columnBuilder {
	return &columnBuilder{c: &column{offs: make([]uint32, 1, n+1)}, codes: map[string]uint32{}}
}

// add adds a value to the feature being read.
func (b *columnBuilder) add(v string) {
	v = strings.TrimSpace(v)
	if v == "" {
		return
	}
	code, ok := b.codes[v]
	if !ok {
		code = uint32(len(b.c.dict))
		b.codes[v] = code
		b.c.dict = append(b.c.dict, v)
	}
	b.c.codes = append(b.c.codes, code)
}

// next ends the feature being read.
func (b *columnBuilder) next() { b.c.offs = append(b.c.offs, uint32(len(b.c.codes))) }

// readColumns reads fields' values for every feature of l, decoding each
// record once.
func readColumns(ctx context.Context, cat *data.Catalog, l *layer.Layer, fields []string) ([]*column, error) {
	bs := make([]*columnBuilder, len(fields))
	for k := range fields {
		bs[k] = newColumnBuilder(l.Len())
	}
	var quoted map[layer.Site][]string // the dates of the articles quoting each site
	if cat != nil && (slices.Contains(fields, "date") || slices.Contains(fields, eventsField)) {
		quoted = cat.QuoteDates()
	}
	for i := range l.Len() {
		if i%4096 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var props map[string]any
		if raw, err := l.Properties(i); err == nil {
			_ = json.Unmarshal(raw, &props)
		}
		for k, f := range fields {
			for _, v := range fieldValues(quoted[l.Site(i)], props, f) {
				bs[k].add(v)
			}
			bs[k].next()
		}
	}
	out := make([]*column, len(fields))
	for k, b := range bs {
		out[k] = b.c
	}
	return out, nil
}

// fieldValues are a feature's values of a field, from its attributes
// (props) and, for dates, the dates of the articles quoting it.
func fieldValues(quoted []string, props map[string]any, field string) []string {
	switch field {
	case "date":
		return dates(quoted, props)
	case eventsField:
		return events(quoted, props)
	}
	names := attributes[field]
	if names == nil {
		names = []string{field}
	}
	var out []string
	for k, v := range props {
		if !slices.Contains(names, strings.ToLower(k)) {
			continue
		}
		for _, s := range texts(v) {
			if field == "commodity" {
				out = append(out, listSep.Split(s, -1)...)
			} else {
				out = append(out, s)
			}
		}
	}
	return out
}

// attributes are the attributes a field reads; another field reads the
// attribute of its name.
var attributes = map[string][]string{
	"country":   {"country", "country_name", "country_code", "iso_a2"},
	"operator":  {"operator", "owner", "company"},
	"commodity": {"commodities", "commodity", "commod1", "commod2", "commod3"},
}

// FieldOf is the field that reads an attribute: "country" for
// "country_name", "commodity" for "commod1"; the attribute itself
// otherwise.
func FieldOf(attr string) string {
	a := strings.ToLower(attr)
	for f, names := range attributes {
		if slices.Contains(names, a) {
			return f
		}
	}
	return attr
}

// listSep splits a commodities text ("Au|W", "copper; gold").
var listSep = regexp.MustCompile(`\s*[|;]\s*`)

// texts are a value's texts: a string, the items of an array, a number
// as written.
func texts(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case float64:
		b, _ := json.Marshal(v)
		return []string{string(b)}
	case []any:
		var out []string
		for _, e := range v {
			out = append(out, texts(e)...)
		}
		return out
	}
	return nil
}

// leadingDate is a date at the start of a text ("2024-07 (Istanbul; ...)").
var leadingDate = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?`)

// dates are a feature's dates: the values of its "dates" attribute and of
// any attribute named like a date ("announced_date", "start_date",
// "opened"), and the dates of the articles whose excerpts quote it.
func dates(quoted []string, props map[string]any) []string {
	var out []string
	keep := func(_, s string) {
		if d := leadingDate.FindString(strings.TrimSpace(s)); d != "" {
			out = append(out, d)
		}
	}
	eachDate(props, keep)
	for _, d := range quoted {
		keep("", d)
	}
	return out
}

// eachDate calls fn with each dated attribute's name, lower case, and
// text: the members of a "dates" attribute and the attributes named like
// a date.
func eachDate(props map[string]any, fn func(key, text string)) {
	for k, v := range props {
		k = strings.ToLower(k)
		switch {
		case k == "dates":
			if m, ok := v.(map[string]any); ok {
				for dk, d := range m {
					for _, s := range texts(d) {
						fn(strings.ToLower(dk), s)
					}
				}
			}
		case strings.Contains(k, "date") || k == "announced" || k == "opened" || k == "year":
			for _, s := range texts(v) {
				fn(k, s)
			}
		}
	}
}
