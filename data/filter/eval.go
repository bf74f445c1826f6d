package filter

import (
	"context"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/data/search"
	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/style"
)

// Masks evaluates the filter over layers: a mask for each layer it
// narrows (none when the filter is empty). Fields read from the records
// are read once into cols.
func (f Filter) Masks(ctx context.Context, cat *data.Catalog, layers []*layer.Layer, cols *Columns) (map[string]*layer.Mask, error) {
	if len(f) == 0 {
		return nil, nil
	}
	out := map[string]*layer.Mask{}
	for _, l := range layers {
		m, err := f.Mask(ctx, cat, l, cols)
		if err != nil {
			return nil, err
		}
		out[l.ID] = m
	}
	return out, nil
}

// Mask evaluates the filter over one layer.
func (f Filter) Mask(ctx context.Context, cat *data.Catalog, l *layer.Layer, cols *Columns) (*layer.Mask, error) {
	tests := make([]func(i int) bool, 0, len(f))
	for _, c := range f {
		t, err := c.test(ctx, cat, l, cols)
		if err != nil {
			return nil, err
		}
		tests = append(tests, t)
	}
	return layer.NewMask(l.Len(), func(i int) bool {
		for _, t := range tests {
			if !t(i) {
				return false
			}
		}
		return true
	}), nil
}

// test makes the condition's test of l's features.
func (c Cond) test(ctx context.Context, cat *data.Catalog, l *layer.Layer, cols *Columns) (func(i int) bool, error) {
	switch c.Field {
	case "layer":
		keep := c.matchAny(l.ID) || c.matchAny(l.Title)
		return func(int) bool { return keep }, nil
	case "kind", "status":
		col := l.Kinds
		label := style.KindLabel
		if c.Field == "status" {
			col, label = l.Status, style.StatusLabel
		}
		memo := map[string]bool{}
		return func(i int) bool {
			v := col[i]
			keep, ok := memo[v]
			if !ok {
				keep = c.matchAny(v) || c.matchAny(label(v))
				memo[v] = keep
			}
			return keep
		}, nil
	}
	col, err := cols.column(ctx, cat, l, c.Field)
	if err != nil {
		return nil, err
	}
	match := make([]bool, len(col.dict))
	for k, v := range col.dict {
		match[k] = c.match(v)
	}
	return func(i int) bool {
		for _, code := range col.values(i) {
			if match[code] {
				return true
			}
		}
		return false
	}, nil
}

// matchAny reports whether text meets an "=" condition (other conditions
// never hold for a layer, kind or status).
func (c Cond) matchAny(text string) bool { return c.Op == "=" && c.match(text) }

// match reports whether one value meets the condition.
func (c Cond) match(v string) bool {
	switch c.Op {
	case "=":
		for _, want := range c.Values {
			if sameText(v, want) || (c.Field == "commodity" && sameCommodity(v, want)) {
				return true
			}
		}
		return false
	case "..":
		from, to := span(v)
		return (c.To == "" || from <= pad(c.To, "-12-31")) && (c.From == "" || to >= pad(c.From, "-01-01"))
	}
	n, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(v), ",", ""), 64)
	if err != nil {
		return false
	}
	switch c.Op {
	case ">=":
		return n >= c.Num
	case "<=":
		return n <= c.Num
	case ">":
		return n > c.Num
	}
	return n < c.Num
}

// sameText reports whether v is want, ignoring case and accents, or begins
// with want as a whole word ("REE (10 of 17 elements)" is REE; "planned"
// is not "plan").
func sameText(v, want string) bool {
	fv, fw := search.Fold(v), search.Fold(want)
	if fv == fw {
		return true
	}
	if !strings.HasPrefix(fv, fw) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(fv[len(fw):])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// sameCommodity reports whether v names the commodity want names, by
// symbol or name ("Au" is "Gold"), v whole or its first word ("Au Bi").
func sameCommodity(v, want string) bool {
	w := data.Commodity(want)
	first, _, _ := strings.Cut(strings.TrimSpace(v), " ")
	return data.Commodity(v) == w || data.Commodity(first) == w
}

// span is the first and last day a date of 2024, 2024-09 or 2024-09-04
// stands for, as comparable text.
func span(d string) (string, string) { return pad(d, "-01-01"), pad(d, "-12-31") }

// pad completes a date to a day with the end of fill ("2024-09" with
// "-12-31" is "2024-09-31", which compares after every day of the month).
func pad(d, fill string) string {
	if len(d) >= 10 {
		return d[:10]
	}
	return d + fill[len(d)-4:]
}
