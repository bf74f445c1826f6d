package data

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/style"
)

// Style works out a style for a layer's features from their attributes:
// nil for ByKind; each feature's category (ByCategory: the most common
// values get the palette's colours, the rest are "Other") or size step
// (BySize: the attribute's range in SizeSteps). It reads every feature's
// properties, so it runs off the UI thread, and stops when ctx is done.
func Style(ctx context.Context, l *layer.Layer, spec style.Spec) (*style.Layer, error) {
	switch spec.Mode {
	case style.ByKind:
		return nil, nil
	case style.Single:
		return &style.Layer{Spec: spec}, nil
	}
	if spec.Field == "" {
		return nil, fmt.Errorf("data: %s: a style by attribute needs the attribute's name", l.Title)
	}
	vals := make([]string, l.Len())
	for i := range vals {
		if i%4096 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		vals[i] = fieldText(l, i, spec.Field)
	}
	if spec.Mode == style.BySize {
		return sizes(l, spec, vals)
	}
	return categories(spec, vals), nil
}

// fieldText is feature i's value of an attribute as text: a list's first
// item, or the first of values written "a|b" or "a; b".
func fieldText(l *layer.Layer, i int, field string) string {
	props, err := l.Properties(i)
	if err != nil {
		return ""
	}
	for _, f := range orderedObject(props) {
		if f.Key != field {
			continue
		}
		v := textOf(f.Raw)
		if j := strings.IndexAny(v, "|;\n"); j >= 0 {
			v = v[:j]
		}
		return strings.TrimSpace(v)
	}
	return ""
}

// categories gives the most common values the palette's colours; values
// past it, and features without one, share the last entries.
func categories(spec style.Spec, vals []string) *style.Layer {
	commodity := strings.Contains(strings.ToLower(spec.Field), "commod")
	count := map[string]int{}
	for i, v := range vals {
		if commodity {
			v = Commodity(v)
			vals[i] = v
		}
		count[v]++
	}
	order := make([]string, 0, len(count))
	for v := range count {
		if v != "" {
			order = append(order, v)
		}
	}
	slices.SortFunc(order, func(a, b string) int { return cmp.Or(count[b]-count[a], strings.Compare(a, b)) })
	st := &style.Layer{Spec: spec, Codes: make([]uint8, len(vals))}
	code := map[string]uint8{}
	for k, v := range order {
		if k == len(style.Palette) {
			break
		}
		code[v] = uint8(k)
		st.Entries = append(st.Entries, style.Entry{Value: v, Count: count[v], Color: style.Palette[k]})
	}
	rest := uint8(len(st.Entries))
	for i, v := range vals {
		c, ok := code[v]
		if !ok {
			c = rest
		}
		st.Codes[i] = c
	}
	if len(order) > len(st.Entries) || count[""] > 0 {
		other := len(vals)
		for _, e := range st.Entries {
			other -= e.Count
		}
		label := "Other"
		if len(order) == len(st.Entries) {
			label = "Not stated"
		}
		st.Entries = append(st.Entries, style.Entry{Value: label, Count: other, Color: style.Grey})
	}
	return st
}

// sizes gives each feature a size step by its number; features without
// one keep the normal size.
func sizes(l *layer.Layer, spec style.Spec, vals []string) (*style.Layer, error) {
	nums := make([]float64, len(vals))
	lo, hi, n := math.Inf(1), math.Inf(-1), 0
	for i, v := range vals {
		f, err := strconv.ParseFloat(strings.ReplaceAll(v, ",", ""), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			nums[i] = math.NaN()
			continue
		}
		nums[i], lo, hi, n = f, min(lo, f), max(hi, f), n+1
	}
	if n == 0 {
		return nil, fmt.Errorf("data: %s: %q holds no numbers to size the sites by", l.Title, spec.Field)
	}
	st := &style.Layer{Spec: spec, Steps: make([]uint8, len(vals)), Min: lo, Max: hi}
	for i, f := range nums {
		if !math.IsNaN(f) {
			st.Steps[i] = style.Step(f, lo, hi)
		}
	}
	return st, nil
}

// categoryNames are attribute names that usually hold a category worth
// colouring by, most telling first.
var categoryNames = []string{"commodity", "commodities", "commod1", "main_commodity", "dep_type", "deposit_type",
	"deptype", "type", "category", "class", "group", "status"}

// DefaultStyle is the style a layer opens with: the one its file states
// (layer.Layer.Style); by kind and status when its features have kinds
// (nil); else a colour per category of the first attribute named like one
// (commodity, commodities, deposit type, type, category, class, ...) that
// holds 2 to 200 values; else nil.
func DefaultStyle(ctx context.Context, l *layer.Layer) (*style.Layer, error) {
	if l.Style != (style.Spec{}) {
		return Style(ctx, l, l.Style)
	}
	for _, k := range l.KindNames {
		if k != "" {
			return nil, nil
		}
	}
	names := map[string]string{} // lower case to as written
	for _, f := range Fields(l.Head(1000)) {
		names[strings.ToLower(f.Name)] = f.Name
	}
	for _, c := range categoryNames {
		field, ok := names[c]
		if !ok {
			continue
		}
		st, err := Style(ctx, l, style.Spec{Mode: style.ByCategory, Field: field})
		if err != nil {
			return nil, err
		}
		if n := len(st.Entries); n >= 2 && (n < len(style.Palette) || st.Entries[n-1].Count < l.Len()/2) {
			return st, nil
		}
	}
	return nil, nil
}

// styleMember is a layer file's own style, as a GeoJSON FeatureCollection
// states it in its "style" member: {"color_by": "commodity"}, {"size_by":
// "reserves_mt", "color": "#0072B2"} or {"color": "#0072B2"}.
type styleMember struct {
	ColorBy string `json:"color_by"`
	SizeBy  string `json:"size_by"`
	Color   string `json:"color"`
}

// parseStyle reads a "style" member.
func parseStyle(raw []byte) (style.Spec, error) {
	var m styleMember
	if err := json.Unmarshal(raw, &m); err != nil {
		return style.Spec{}, fmt.Errorf(`"style" must be an object such as {"color_by": "commodity"}`)
	}
	var spec style.Spec
	if m.Color != "" {
		c, err := style.ParseHex(m.Color)
		if err != nil {
			return style.Spec{}, fmt.Errorf(`"style": colour %q: want #RRGGBB`, m.Color)
		}
		spec.Mode, spec.Color = style.Single, c
	}
	switch {
	case m.ColorBy != "" && m.SizeBy != "":
		return style.Spec{}, fmt.Errorf(`"style" gives both color_by and size_by; choose one`)
	case m.ColorBy != "":
		spec.Mode, spec.Field = style.ByCategory, m.ColorBy
	case m.SizeBy != "":
		spec.Mode, spec.Field = style.BySize, m.SizeBy
	case m.Color == "":
		return style.Spec{}, fmt.Errorf(`"style" gives none of color_by, size_by or color`)
	}
	return spec, nil
}

// DefaultStyles are the styles layers open with (DefaultStyle), by layer
// id, for those not drawn by kind and status; a layer whose style cannot
// be worked out is drawn by kind and status.
func DefaultStyles(ctx context.Context, layers []*layer.Layer) map[string]*style.Layer {
	out := map[string]*style.Layer{}
	for _, l := range layers {
		if st, err := DefaultStyle(ctx, l); err == nil && st != nil {
			out[l.ID] = st
		}
	}
	return out
}
