package data

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/lodemap/lodemap/geo/layer"
	"github.com/paulmach/orb"
)

// layers makes a layer of each container that holds Placemarks, in the
// order they open. A file of one such container is one layer of the
// file's id; otherwise each layer's id is the file's id and a slug of its
// title, made unique. The layers name src's file; problems name the
// parser's.
func (p *kmlParser) layers(src *Source) ([]*layer.Layer, Problems) {
	var full []*kmlGroup
	for _, g := range p.groups {
		if len(g.marks) > 0 {
			full = append(full, g)
		}
	}
	var out []*layer.Layer
	var probs Problems
	taken := map[string]bool{}
	for _, g := range full {
		title := g.title(src.ID)
		id := src.ID
		if len(full) > 1 {
			id = unique(src.ID+"-"+slug(title), "%s-%d", taken)
		}
		l := &layer.Layer{ID: id, Title: src.title(title), File: src.Display, Decoder: kmlProps{}}
		l.Grow(len(g.marks))
		for n, pm := range g.marks {
			report := func(format string, args ...any) {
				probs = append(probs, Problem{File: p.file, Line: pm.line, Msg: fmt.Sprintf(format, args...)})
			}
			addPlacemark(l, pm, n+1, src.Schema, report)
		}
		out = append(out, l)
	}
	return out, probs
}

// title names a container's layer by the Folders (and Documents inside
// others) it lies in, outermost first: "Parent / Child". Placemarks of the
// top Document, or outside any, take its name, else fileID.
func (g *kmlGroup) title(fileID string) string {
	var names []string
	fallback := ""
	for c := g; c != nil; c = c.parent {
		nested := c.folder || c.parent != nil && c.parent.parent != nil
		if nested && c.name != "" {
			names = append([]string{c.name}, names...)
		}
		if fallback == "" {
			fallback = c.name
		}
	}
	switch {
	case len(names) > 0:
		return strings.Join(names, " / ")
	case fallback != "":
		return fallback
	}
	return fileID
}

// addPlacemark adds one Placemark as feature n (1-based) of l: its id, or
// "<layer id>-<n>"; its name, or the id; kind and status from its
// ExtendedData. Coordinates were checked as they were read; the feature
// check applies its rules on ids, names, kinds and statuses.
func addPlacemark(l *layer.Layer, pm placemark, n int, schema bool, report func(string, ...any)) {
	s := site{ID: pm.id, Name: pm.name, Null: pm.geom == nil}
	if s.ID == "" {
		s.ID, s.Generated = generatedID(l.ID, n), true
	}
	if pt, ok := pm.geom.(orb.Point); ok {
		s.Lon, s.Lat = pt[0], pt[1]
	} else {
		s.Geom = pm.geom
	}
	for _, a := range pm.attrs {
		switch a.key {
		case "kind":
			s.Kind = textOf(a.raw)
		case "status":
			s.Status = textOf(a.raw)
		case "coord_precision":
			s.Precision = textOf(a.raw)
		}
	}
	s.check(schema, report)
	l.Add(s.ID, s.Name, s.Kind, s.Status, orb.Point{s.Lon, s.Lat}, pm.record(), pm.line)
	s.place(l)
}

// record is the Placemark's attributes as one JSON object: name,
// description (plain text), then ExtendedData in file order. A key that
// repeats gets " (2)", " (3)", ...
func (pm placemark) record() []byte {
	var b bytes.Buffer
	seen := map[string]bool{}
	add := func(key string, raw []byte) {
		if b.Len() > 0 {
			b.WriteByte(',')
		} else {
			b.WriteByte('{')
		}
		b.Write(jsonText(unique(key, "%s (%d)", seen)))
		b.WriteByte(':')
		b.Write(raw)
	}
	if pm.name != "" {
		add("name", jsonText(pm.name))
	}
	if pm.desc != "" {
		add("description", jsonText(pm.desc))
	}
	for _, a := range pm.attrs {
		add(a.key, a.raw)
	}
	if b.Len() == 0 {
		return []byte("{}")
	}
	b.WriteByte('}')
	return b.Bytes()
}

// unique returns name, or the first of format(name, 2), format(name, 3),
// ... that is not taken, and takes it.
func unique(name, format string, taken map[string]bool) string {
	k := name
	for n := 2; taken[k]; n++ {
		k = fmt.Sprintf(format, name, n)
	}
	taken[k] = true
	return k
}

// slug is a title in lower-case letters and digits joined by dashes:
// "Mines / Active" is "mines-active".
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "folder"
	}
	return b.String()
}

// kmlProps is the Decoder of KML layers: a record is already the
// feature's attributes as a JSON object.
type kmlProps struct{}

// Properties returns the record itself.
func (kmlProps) Properties(rec []byte) ([]byte, error) { return rec, nil }
