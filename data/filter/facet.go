package filter

import (
	"cmp"
	"context"
	"slices"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/geo/layer"
)

// Count is a value of a field and how many features have it.
type Count struct {
	Value string
	N     int
}

// Facet counts the values of field over layers among the features that
// the filter's conditions on other fields let through, the most common
// first, at most limit: the counts a filter panel shows beside each value
// it offers. Commodities are counted by name ("Au" and "Gold" as Gold).
func (f Filter) Facet(ctx context.Context, cat *data.Catalog, layers []*layer.Layer, cols *Columns, field string, limit int) ([]Count, error) {
	var others Filter
	for _, c := range f {
		if c.Field != field {
			others = append(others, c)
		}
	}
	counts := map[string]int{}
	for _, l := range layers {
		var mask *layer.Mask
		if len(others) > 0 {
			var err error
			if mask, err = others.Mask(ctx, cat, l, cols); err != nil {
				return nil, err
			}
		}
		if err := count(ctx, cat, l, cols, field, mask, counts); err != nil {
			return nil, err
		}
	}
	out := make([]Count, 0, len(counts))
	for v, n := range counts {
		out = append(out, Count{v, n})
	}
	slices.SortFunc(out, func(a, b Count) int { return cmp.Or(cmp.Compare(b.N, a.N), cmp.Compare(a.Value, b.Value)) })
	return out[:min(len(out), limit)], nil
}

// Facets counts several fields' values as Facet does, reading the
// records of each layer once for all the fields (and the filter's own
// conditions) instead of once a field.
func (f Filter) Facets(ctx context.Context, cat *data.Catalog, layers []*layer.Layer, cols *Columns, fields []string, limit int) (map[string][]Count, error) {
	needed := slices.Clone(fields)
	for _, c := range f {
		needed = append(needed, c.Field)
	}
	for _, l := range layers {
		if err := cols.Read(ctx, cat, l, needed...); err != nil {
			return nil, err
		}
	}
	out := make(map[string][]Count, len(fields))
	for _, field := range fields {
		counts, err := f.Facet(ctx, cat, layers, cols, field, limit)
		if err != nil {
			return nil, err
		}
		out[field] = counts
	}
	return out, nil
}

// count adds the values of field among l's features that mask lets
// through to counts.
func count(ctx context.Context, cat *data.Catalog, l *layer.Layer, cols *Columns, field string, mask *layer.Mask, counts map[string]int) error {
	switch field {
	case "layer":
		counts[l.ID] += mask.Count(l.Len())
		return nil
	case "kind", "status":
		col := l.Kinds
		if field == "status" {
			col = l.Status
		}
		for i, v := range col {
			if v != "" && mask.Has(i) {
				counts[v]++
			}
		}
		return nil
	}
	c, err := cols.column(ctx, cat, l, field)
	if err != nil {
		return err
	}
	names := c.dict
	if field == "commodity" {
		names = make([]string, len(c.dict))
		for k, v := range c.dict {
			names[k] = data.Commodity(v)
		}
	}
	seen := map[string]bool{}
	for i := range l.Len() {
		if !mask.Has(i) {
			continue
		}
		clear(seen)
		for _, code := range c.values(i) {
			if v := names[code]; !seen[v] {
				seen[v] = true
				counts[v]++
			}
		}
	}
	return nil
}
