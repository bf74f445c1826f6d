package table

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/lodemap/lodemap/data/search"
)

// SortedBy is the column the rows are sorted by ("" for the file's
// order) and whether the order is descending.
func (t *Table) SortedBy() (string, bool) { return t.sort, t.desc }

// Sorted is the table with its rows ordered by a field's values: as
// numbers when every value is one, otherwise as text ignoring case and
// accents; empty cells come last either way, and ties keep the file's
// order. field "" is the file's order. Sorting by an attribute reads
// every row once, stopping when ctx is done. t itself is left as it is,
// so it may be shown meanwhile.
func (t *Table) Sorted(ctx context.Context, field string, desc bool) (*Table, error) {
	keys, err := t.keys(ctx, field)
	if err != nil {
		return nil, err
	}
	rows := slices.Clone(t.rows)
	slices.SortStableFunc(rows, func(a, b int32) int {
		if field == "" {
			return cmp.Compare(a, b)
		}
		c := keys.compare(int(a), int(b))
		if desc && !keys.empty(int(a)) && !keys.empty(int(b)) {
			c = -c
		}
		return c
	})
	return &Table{Layer: t.Layer, Fields: t.Fields, Columns: slices.Clone(t.Columns), rows: rows, sort: field, desc: desc,
		cache: map[int32]map[string]json.RawMessage{}}, nil
}

// sortKeys are every feature's value of one field, folded for sorting.
type sortKeys struct {
	text    []string
	num     []float64
	numeric bool
}

func (k *sortKeys) empty(i int) bool { return k.text != nil && k.text[i] == "" }

// compare orders features i and j, empty values last.
func (k *sortKeys) compare(i, j int) int {
	if k.text == nil {
		return 0
	}
	if ei, ej := k.text[i] == "", k.text[j] == ""; ei || ej {
		return cmp.Compare(b2i(ei), b2i(ej))
	}
	if k.numeric {
		return cmp.Compare(k.num[i], k.num[j])
	}
	return cmp.Compare(k.text[i], k.text[j])
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// keys reads field's values of the listed features.
func (t *Table) keys(ctx context.Context, field string) (*sortKeys, error) {
	k := &sortKeys{numeric: true}
	if field == "" {
		return k, nil
	}
	n := t.Layer.Len()
	k.text, k.num = make([]string, n), make([]float64, n)
	seen := 0
	for r, f := range t.rows {
		if r%4096 == 0 && ctx.Err() != nil {
			return nil, fmt.Errorf("table: sort by %s: %w", field, context.Cause(ctx))
		}
		var v string
		if slices.Contains(builtin, field) {
			v = t.Cell(r, field)
		} else {
			v = Text(decode(t.Layer, int(f))[field]) // every row once: not through the page cache
		}
		if v == "" {
			continue
		}
		seen++
		k.text[f] = search.Fold(v)
		if x, ok := number(v); ok && k.numeric {
			k.num[f] = x
		} else {
			k.numeric = false
		}
	}
	k.numeric = k.numeric && seen > 0
	return k, nil
}
