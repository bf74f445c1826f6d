// Package table is the attribute table's model: one layer's features as
// rows (those the filter lets through), its fields as columns that can be
// hidden and reordered, sorting by any column, and the rows saved as CSV
// or GeoJSON. Rows are decoded only when asked for, a few at a time, so a
// table of a million rows costs what is on screen.
package table

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/style"
)

// The fields every layer has, from its own columns.
const (
	FieldID     = "id"
	FieldName   = "name"
	FieldKind   = "kind"
	FieldStatus = "status"
)

// builtin are the fields held by the layer itself.
var builtin = []string{FieldID, FieldName, FieldKind, FieldStatus}

// fieldSample is how many features are looked at for the fields a layer
// has: a field first met later is not offered.
const fieldSample = 2000

// Table is the rows of one layer, in one order. Its methods may be called
// from any goroutine; Columns belongs to the goroutine showing it.
type Table struct {
	Layer *layer.Layer
	// Fields are the layer's fields, the built-in ones first; Columns the
	// ones shown, in order.
	Fields  []string
	Columns []string

	rows []int32 // feature indexes, in the order shown
	sort string  // the column sorted by, "" for the file's order
	desc bool

	mu    sync.Mutex
	cache map[int32]map[string]json.RawMessage // decoded rows, a page or so
	pos   []int32                              // row of each feature, made when first asked
}

// New makes the table of l's features that mask lets through (nil: all),
// in the file's order, showing every field.
func New(l *layer.Layer, mask *layer.Mask) *Table {
	t := &Table{Layer: l, cache: map[int32]map[string]json.RawMessage{}}
	t.Fields = fieldsOf(l)
	t.Columns = slices.Clone(t.Fields)
	t.rows = make([]int32, 0, mask.Count(l.Len()))
	for i := range l.Len() {
		if mask.Has(i) {
			t.rows = append(t.rows, int32(i))
		}
	}
	return t
}

// fieldsOf are the built-in fields (kind and status only when some
// feature has one) and the attributes met in the first features, in the
// order met, leaving out those the built-in ones show.
func fieldsOf(l *layer.Layer) []string {
	out := []string{FieldID, FieldName}
	if slices.ContainsFunc(l.Kinds, func(k string) bool { return k != "" }) {
		out = append(out, FieldKind)
	}
	if slices.ContainsFunc(l.Status, func(s string) bool { return s != "" }) {
		out = append(out, FieldStatus)
	}
	for _, f := range data.FieldNames(l, fieldSample) {
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// Len is the number of rows.
func (t *Table) Len() int { return len(t.rows) }

// Feature is the index in the layer of row r's feature.
func (t *Table) Feature(r int) int { return int(t.rows[r]) }

// RowOf is the row of feature i, or -1 when it is not listed.
func (t *Table) RowOf(i int) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.pos == nil {
		t.pos = make([]int32, t.Layer.Len())
		for k := range t.pos {
			t.pos[k] = -1
		}
		for r, f := range t.rows {
			t.pos[f] = int32(r)
		}
	}
	if i < 0 || i >= len(t.pos) {
		return -1
	}
	return int(t.pos[i])
}

// Cell is row r's value of field as text.
func (t *Table) Cell(r int, field string) string {
	i := int(t.rows[r])
	l := t.Layer
	switch field {
	case FieldID:
		return l.IDs[i]
	case FieldName:
		return l.Names[i]
	case FieldKind:
		if l.Kinds[i] == "" {
			return ""
		}
		return style.KindLabel(l.Kinds[i])
	case FieldStatus:
		if l.Status[i] == "" {
			return ""
		}
		return style.StatusLabel(l.Status[i])
	}
	return Text(t.raw(i, field))
}

// raw is feature i's JSON value of an attribute, nil when it has none.
func (t *Table) raw(i int, field string) json.RawMessage {
	t.mu.Lock()
	row, ok := t.cache[int32(i)]
	t.mu.Unlock()
	if !ok {
		row = decode(t.Layer, i)
		t.mu.Lock()
		if len(t.cache) >= cacheRows {
			clear(t.cache) // a scroll moves on: the page shown is decoded again
		}
		t.cache[int32(i)] = row
		t.mu.Unlock()
	}
	return row[field]
}

// cacheRows is how many decoded rows are kept: a few screens' worth.
const cacheRows = 512

// decode reads feature i's attributes.
func decode(l *layer.Layer, i int) map[string]json.RawMessage {
	row := map[string]json.RawMessage{}
	if props, err := l.Properties(i); err == nil {
		ms, _ := layer.Members(props)
		for _, m := range ms {
			row[m.Key] = m.Raw
		}
	}
	return row
}

// Text is a JSON value as a cell shows it: a string as it is, a number as
// written, a list's items joined by "; ", an object's as "key: value",
// null as nothing.
func Text(raw json.RawMessage) string {
	s := strings.TrimSpace(string(raw))
	if s == "" || s == "null" {
		return ""
	}
	switch s[0] {
	case '"':
		var v string
		if json.Unmarshal(raw, &v) == nil {
			return v
		}
	case '[':
		var vs []json.RawMessage
		if json.Unmarshal(raw, &vs) == nil {
			parts := make([]string, len(vs))
			for k, v := range vs {
				parts[k] = Text(v)
			}
			return strings.Join(parts, "; ")
		}
	case '{':
		ms, _ := layer.Members(raw)
		parts := make([]string, len(ms))
		for k, m := range ms {
			parts[k] = m.Key + ": " + Text(m.Raw)
		}
		return strings.Join(parts, "; ")
	}
	return s
}

// number reads a cell as a number, if it is one ("1,200" is).
func number(s string) (float64, bool) {
	n, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	return n, err == nil
}
