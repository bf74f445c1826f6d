package filter

import (
	"context"
	"encoding/json"
	"regexp"
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
	k := colKey{l, l.Revision(), field}
	cs.mu.Lock()
	c, ok := cs.cols[k]
	cs.mu.Unlock()
	if ok {
		return c, nil
	}
	c, err := readColumn(ctx, cat, l, field)
	if err != nil {
		return nil, err
	}
	cs.mu.Lock()
	cs.cols[k] = c
	cs.mu.Unlock()
	return c, nil
}

// attributes are the attributes a field reads; another field reads the
// attribute of its name.
var attributes = map[string][]string{
	"country":   {"country", "country_name", "country_code", "iso_a2"},
	"operator":  {"operator", "owner", "company"},
	"commodity": {"commodities", "commodity", "commod1", "commod2", "commod3"},
}

// listSep splits a commodities text ("Au|W", "copper; gold").
var listSep = regexp.MustCompile(`\s*[|;]\s*`)

// readColumn reads field's values for every feature of l.
func readColumn(ctx context.Context, cat *data.Catalog, l *layer.Layer, field string) (*column, error) {
	c := &column{offs: make([]uint32, 1, l.Len()+1)}
	codes := map[string]uint32{}
	add := func(v string) {
		v = strings.TrimSpace(v)
		if v == "" {
			return
		}
		code, ok := codes[v]
		if !ok {
			code = uint32(len(c.dict))
			codes[v] = code
			c.dict = append(c.dict, v)
		}
		c.codes = append(c.codes, code)
	}
	names := attributes[field]
	if names == nil {
		names = []string{field}
	}
	for i := range l.Len() {
		if i%4096 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var props map[string]any
		if raw, err := l.Properties(i); err == nil {
			_ = json.Unmarshal(raw, &props)
		}
		if field == "date" {
			for _, d := range dates(cat, l, i, props) {
				add(d)
			}
		} else {
			for k, v := range props {
				if contains(names, strings.ToLower(k)) {
					for _, s := range texts(v) {
						if field == "commodity" {
							for _, part := range listSep.Split(s, -1) {
								add(part)
							}
						} else {
							add(s)
						}
					}
				}
			}
		}
		c.offs = append(c.offs, uint32(len(c.codes)))
	}
	return c, nil
}

func contains(names []string, k string) bool {
	for _, n := range names {
		if n == k {
			return true
		}
	}
	return false
}

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
func dates(cat *data.Catalog, l *layer.Layer, i int, props map[string]any) []string {
	var out []string
	keep := func(s string) {
		if d := leadingDate.FindString(strings.TrimSpace(s)); d != "" {
			out = append(out, d)
		}
	}
	for k, v := range props {
		k = strings.ToLower(k)
		switch {
		case k == "dates":
			if m, ok := v.(map[string]any); ok {
				for _, d := range m {
					for _, s := range texts(d) {
						keep(s)
					}
				}
			}
		case strings.Contains(k, "date") || k == "announced" || k == "opened" || k == "year":
			for _, s := range texts(v) {
				keep(s)
			}
		}
	}
	if cat != nil {
		for _, e := range cat.Excerpts(l.Site(i)) {
			keep(e.Article.Date)
		}
	}
	return out
}
