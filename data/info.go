package data

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/lodemap/lodemap/geo/layer"
	"github.com/paulmach/orb"
)

// LayerInfo describes one layer of a file, as ogrinfo -so does: its
// format, coordinate system, extent, features by geometry type and fields.
type LayerInfo struct {
	ID, Title, Format string
	CRS               string // as the file gave it; "WGS 84" for lon/lat
	Features          int
	Types             []TypeCount
	Bound             orb.Bound // lon/lat of the located features
	Located           int       // features with a place on the map
	Fields            []FieldInfo
}

// TypeCount is how many features have a geometry type.
type TypeCount struct {
	Type  layer.Type
	Count int
}

// FieldInfo is one attribute and the kind of values it holds: Integer,
// Real, String, Boolean, List, Object, or a mix ("Integer or String").
type FieldInfo struct{ Name, Type string }

// Info reads a layer file in any registered format and describes each of
// its layers; problems are what reading it found, as validate lists them.
func Info(ctx context.Context, path string) ([]LayerInfo, Problems, error) {
	format, err := formatOfFile(path)
	if err != nil {
		return nil, nil, err
	}
	ls, probs, err := LoadFile(ctx, path, nil)
	if err != nil {
		return nil, probs, err
	}
	out := make([]LayerInfo, 0, len(ls))
	for _, l := range ls {
		out = append(out, describe(l, format))
	}
	return out, probs, nil
}

// formatOfFile is the registered format of a file, by its first bytes or
// its name.
func formatOfFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", openError(path, false, err)
	}
	defer f.Close()
	head := make([]byte, 512)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return "", openError(path, false, err)
	}
	fm, err := FormatOf(filepath.Base(path), head[:n])
	if err != nil {
		return "", err
	}
	return fm.Name, nil
}

// describe sums up a layer: counts by type, extent and fields.
func describe(l *layer.Layer, format string) LayerInfo {
	in := LayerInfo{ID: l.ID, Title: l.Title, Format: format, CRS: l.CRS, Features: l.Len()}
	if in.CRS == "" {
		in.CRS = "WGS 84 (EPSG:4326)"
	}
	counts := map[layer.Type]int{}
	for i := range l.Len() {
		t := l.Type(i)
		if counts[t] == 0 {
			in.Types = append(in.Types, TypeCount{Type: t})
		}
		counts[t]++
		if !l.Located(i) {
			continue
		}
		b := lonLatBound(l, i)
		if in.Located == 0 {
			in.Bound = b
		} else {
			in.Bound = in.Bound.Union(b)
		}
		in.Located++
	}
	for k := range in.Types {
		in.Types[k].Count = counts[in.Types[k].Type]
	}
	in.Fields = Fields(l)
	return in
}

// lonLatBound is feature i's bound in lon/lat.
func lonLatBound(l *layer.Layer, i int) orb.Bound {
	if l.Type(i) == layer.Point {
		return orb.Bound{Min: l.LonLat[i], Max: l.LonLat[i]}
	}
	return l.Geometry(i).Bound()
}

// Fields lists the attributes of a layer's features in the order they
// first appear, with the kinds of values each holds.
func Fields(l *layer.Layer) []FieldInfo {
	var out []FieldInfo
	kinds := map[string][]string{}
	for i := range l.Len() {
		props, err := l.Properties(i)
		if err != nil {
			continue
		}
		for _, f := range orderedObject(props) {
			if _, seen := kinds[f.Key]; !seen {
				kinds[f.Key] = nil
				out = append(out, FieldInfo{Name: f.Key})
			}
			if v := valueKind(f.Raw); v != "" && !slices.Contains(kinds[f.Key], v) {
				kinds[f.Key] = append(kinds[f.Key], v)
			}
		}
	}
	for k := range out {
		out[k].Type = strings.Join(kinds[out[k].Name], " or ")
		if out[k].Type == "" {
			out[k].Type = "always empty"
		}
	}
	return out
}

// valueKind is the kind of a JSON value; "" for null.
func valueKind(raw []byte) string {
	s := strings.TrimSpace(string(raw))
	switch {
	case s == "" || s == "null":
		return ""
	case s[0] == '"':
		return "String"
	case s[0] == '[':
		return "List"
	case s[0] == '{':
		return "Object"
	case s == "true" || s == "false":
		return "Boolean"
	case strings.ContainsAny(s, ".eE"):
		return "Real"
	}
	return "Integer"
}

// String writes the description as ogrinfo -so lays it out.
func (in LayerInfo) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Layer: %s", in.Title)
	if in.ID != in.Title {
		fmt.Fprintf(&b, " (id %s)", in.ID)
	}
	fmt.Fprintf(&b, "\nFormat: %s\nCoordinate system: %s\n", in.Format, in.CRS)
	if in.Located > 0 {
		fmt.Fprintf(&b, "Extent: (%s, %s) - (%s, %s) lon/lat\n", deg(in.Bound.Min[0]), deg(in.Bound.Min[1]), deg(in.Bound.Max[0]), deg(in.Bound.Max[1]))
	} else {
		b.WriteString("Extent: none (no feature has a place)\n")
	}
	fmt.Fprintf(&b, "Features: %d\n", in.Features)
	for _, tc := range in.Types {
		fmt.Fprintf(&b, "  %s: %d\n", tc.Type, tc.Count)
	}
	fmt.Fprintf(&b, "Fields: %d\n", len(in.Fields))
	for _, f := range in.Fields {
		fmt.Fprintf(&b, "  %s: %s\n", f.Name, f.Type)
	}
	return b.String()
}

// deg writes degrees to 1e-7 (about a centimetre), past the noise of
// projecting and unprojecting.
func deg(v float64) string { return strconv.FormatFloat(math.Round(v*1e7)/1e7, 'f', -1, 64) }

// FieldNames are the attributes met in a layer's first sample features,
// in the order met: what a table's columns or a filter's attribute list
// offer without reading every record of a big layer.
func FieldNames(l *layer.Layer, sample int) []string {
	var out []string
	for i := range min(l.Len(), sample) {
		props, err := l.Properties(i)
		if err != nil {
			continue
		}
		for _, f := range orderedObject(props) {
			if !slices.Contains(out, f.Key) {
				out = append(out, f.Key)
			}
		}
	}
	return out
}
