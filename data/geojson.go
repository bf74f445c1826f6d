package data

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/lodemap/lodemap/geo/layer"
)

// geoJSONFormat reads GeoJSON (RFC 7946): a FeatureCollection, a Feature
// or a bare geometry, of any geometry type.
var geoJSONFormat = Format{
	Name:       "GeoJSON",
	Extensions: []string{".geojson", ".json"},
	Sniff: func(head []byte) bool {
		i := skipWS(head, bomLen(head))
		return i < len(head) && head[i] == '{'
	},
	Read: func(ctx context.Context, src *Source) ([]*layer.Layer, Problems) {
		l, p := readGeoJSON(ctx, src)
		return one(l), p
	},
}

// geoFeature is the part of a GeoJSON Feature that Lodemap reads. The fast
// and the careful reader decode into it and hold it to the same check.
type geoFeature struct {
	Type       string       `json:"type"`
	ID         featureID    `json:"id"` // RFC 7946's Feature-level id
	BBox       bbox         `json:"bbox"`
	Geometry   *geoGeometry `json:"geometry"`
	Properties geoProps     `json:"properties"`
}

// geoProps are the properties the feature check reads.
type geoProps struct {
	ID        featureID `json:"id"`
	Name      string    `json:"name"` // also "Name", "NAME": members match in any case
	Title     string    `json:"title"`
	Kind      string    `json:"kind"`
	Status    string    `json:"status"`
	Precision string    `json:"coord_precision"`
}

// site is the feature as the properties say: properties.id when given,
// else the Feature's own id fid, else one made from the layer's id and n,
// the feature's place in the file.
func (p *geoProps) site(fid featureID, layerID string, n int) site {
	s := site{ID: string(p.ID), Name: p.Name, Kind: p.Kind, Status: p.Status, Precision: p.Precision}
	if s.ID == "" {
		s.ID = string(fid)
	}
	if s.ID == "" {
		s.ID, s.Generated = generatedID(layerID, n), true
	}
	if s.Name == "" {
		s.Name = p.Title
	}
	return s
}

// site is the feature as the feature check sees it: properties.id when
// given, else the Feature's own id, else one made from the layer's id and
// n, the feature's place in the file. What RFC 7946 forbids in its
// geometry is reported (format and args as fmt.Sprintf takes them).
func (f *geoFeature) site(layerID string, n int, report func(format string, args ...any)) site {
	s := f.Properties.site(f.ID, layerID, n)
	if f.BBox.bad {
		report("feature %q: its bbox must hold 4 or 6 numbers, the lows then the highs", s.ID)
	}
	switch g := f.Geometry; {
	case f.Type != "Feature":
		s.NoPoint = fmt.Sprintf("type is %q, want \"Feature\"", f.Type)
	case g == nil:
		s.Null = true
	case g.Type == "Point" && g.Coordinates.depth == 1 && !g.BBox.bad:
		s.Lon, s.Lat = g.Coordinates.first[0], g.Coordinates.first[1]
	default:
		s.Geom = g.build(func(format string, args ...any) {
			report("feature %q: "+format, append([]any{s.ID}, args...)...)
		})
		s.Null = s.Geom == nil
	}
	return s
}

// featureID is a GeoJSON id: a string, or a number kept as its JSON text
// (42 is "42"); null is no id.
type featureID string

// errBadID is the error of an id that is neither a string nor a number.
var errBadID = errors.New("the id is neither text nor a number")

// UnmarshalJSON is part of json.Unmarshaler.
func (id *featureID) UnmarshalJSON(b []byte) error {
	switch {
	case len(b) == 0 || string(b) == "null":
		*id = ""
	case b[0] == '"' && bytes.IndexByte(b, '\\') < 0:
		*id = featureID(b[1 : len(b)-1])
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*id = featureID(s)
	case b[0] == '-' || b[0] >= '0' && b[0] <= '9':
		*id = featureID(b)
	default:
		return errBadID
	}
	return nil
}

// geoJSONProps is the Decoder of GeoJSON layers: a record is a Feature.
type geoJSONProps struct{}

// Properties returns the Feature's "properties" member.
func (geoJSONProps) Properties(rec []byte) ([]byte, error) {
	for _, f := range orderedObject(rec) {
		if f.Key == "properties" {
			return f.Raw, nil
		}
	}
	return nil, nil
}

// readGeoJSON decodes a GeoJSON FeatureCollection: by the fast parallel
// reader, or, when that finds anything to report, by the careful one, which
// names every problem's line.
func readGeoJSON(ctx context.Context, src *Source) (*layer.Layer, Problems) {
	if l, ok := readGeoJSONFast(ctx, src); ok {
		return l, nil
	}
	return readGeoJSONCareful(src)
}

// newGeoJSONLayer is an empty layer for src's features.
func newGeoJSONLayer(src *Source) *layer.Layer {
	l := &layer.Layer{ID: src.ID, Title: src.title(""), File: src.Display, Decoder: geoJSONProps{}}
	src.keepRecords(l)
	return l
}

// readGeoJSONCareful decodes one GeoJSON FeatureCollection into a layer,
// reporting every problem with its line. Features that the feature check
// keeps off the map are reported and skipped; the others are kept even when
// a property is off, and reported.
func readGeoJSONCareful(src *Source) (*layer.Layer, Problems) {
	b := src.Bytes
	var probs Problems
	ln := newLines(b)
	report := func(off int, format string, args ...any) {
		probs = append(probs, Problem{File: src.Display, Line: ln.at(off), Msg: fmt.Sprintf(format, args...)})
	}
	l := newGeoJSONLayer(src)
	bom := bomLen(b)
	switch t := rootType(b); {
	case t == "Feature" || geometryDepth[t] > 0 || t == "GeometryCollection":
		readRoot(l, src, t, ln, report)
		return l, probs
	}
	dec := json.NewDecoder(bytes.NewReader(b[bom:]))
	at := func() int { return bom + int(dec.InputOffset()) }
	if err := expectDelim(dec, '{'); err != nil {
		report(at(), "not a GeoJSON object: %v", err)
		return nil, probs
	}
	sawFeatures, sawType := false, false
	for dec.More() {
		keyOff := at()
		tok, err := dec.Token()
		if err != nil {
			o, msg := jsonProblem(b, keyOff, err)
			report(o, "%s", msg)
			return nil, probs
		}
		key, _ := tok.(string)
		switch key {
		case "name", "title":
			var title string
			if err := dec.Decode(&title); err == nil {
				src.setTitle(l, key, title)
			}
		case "order":
			if err := dec.Decode(&l.Order); err != nil {
				report(keyOff, "order must be an integer")
			}
		case "style":
			var raw json.RawMessage
			err := dec.Decode(&raw)
			if err == nil {
				l.Style, err = parseStyle(raw)
			}
			if err != nil {
				report(keyOff, "%v", err)
			}
		case "type":
			sawType = true
			var t string
			if err := dec.Decode(&t); err != nil || t != "FeatureCollection" {
				report(keyOff, "type is %q; a GeoJSON file holds a FeatureCollection, a Feature or a geometry", t)
			}
		case "features":
			sawFeatures = true
			if err := expectDelim(dec, '['); err != nil {
				report(keyOff, "features is not an array")
				return nil, probs
			}
			if !readFeatures(dec, l, src, at, ln, report) {
				return l, probs // keep the features read so far
			}
			if _, err := dec.Token(); err != nil {
				o, msg := jsonProblem(b, at(), err)
				report(o, "%s", msg)
				return nil, probs
			}
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				o, msg := jsonProblem(b, keyOff, err)
				report(o, "%s", msg)
				return nil, probs
			}
		}
	}
	if !sawFeatures {
		report(0, "no \"features\" array")
	}
	if !sawType {
		report(0, "the file has no \"type\" member: a FeatureCollection must say it is one")
	}
	if _, err := dec.Token(); err == nil && len(bytes.TrimSpace(b[at():])) > 0 {
		report(at(), "text after the end of the GeoJSON object")
	}
	return l, probs
}

// readFeatures decodes the elements of the features array into l; it
// returns false at a syntax error, after which nothing more can be read.
func readFeatures(dec *json.Decoder, l *layer.Layer, src *Source, at func() int, ln lines, report func(int, string, ...any)) bool {
	b := src.Bytes
	for n := 1; dec.More(); n++ {
		// InputOffset is just past the previous token; skip separators so
		// the line is the feature's own.
		off := skipSpace(b, at())
		var f geoFeature
		if !decodeFeature(b, off, dec.Decode(&f), &f, report) {
			return false
		}
		addFeature(l, src, &f, featureSpan{off: off, end: at(), n: n}, ln, report)
	}
	return true
}

// featureSpan is where a Feature lies in the file, and its place (1-based)
// among the file's features; bare when it is a geometry standing alone.
type featureSpan struct {
	off, end, n int
	bare        bool
}

// decodeFeature reports what decoding a Feature at off found wrong; it
// returns false at a syntax error, after which nothing more can be read.
// A geometry of the wrong shape is reported and dropped: the feature stays.
func decodeFeature(b []byte, off int, err error, f *geoFeature, report func(int, string, ...any)) bool {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se) || err != nil && !errors.As(err, &te) && !errors.Is(err, errBadID):
		o, msg := jsonProblem(b, off, err)
		report(o, "%s", msg)
		return false
	case errors.Is(err, errBadID):
		report(off, "feature: %v", err)
		f.ID, f.Properties.ID = "", ""
	case errors.As(err, &te) && strings.HasPrefix(te.Field, "geometry"):
		report(off, "feature%s: %s", idText(f), typeErrText(te))
		f.Geometry = nil
	case errors.As(err, &te):
		report(off, "feature%s: %s", idText(f), typeErrText(te))
	}
	return true
}

// idText is ` "id"` for a feature with an id, "" for one without.
func idText(f *geoFeature) string {
	if id := string(f.Properties.ID); id != "" {
		return fmt.Sprintf(" %q", id)
	}
	if f.ID != "" {
		return fmt.Sprintf(" %q", string(f.ID))
	}
	return ""
}

// members notes which of a Feature's required members are there: RFC 7946
// wants "geometry" and "properties", each maybe null.
type members struct {
	Geometry   present `json:"geometry"`
	Properties present `json:"properties"`
}

// present notes that a member is there, null or not.
type present bool

// UnmarshalJSON is part of json.Unmarshaler; it is called for null too.
func (p *present) UnmarshalJSON([]byte) error { *p = true; return nil }

// addFeature holds a decoded Feature to the feature check and adds it.
func addFeature(l *layer.Layer, src *Source, f *geoFeature, at featureSpan, ln lines, report func(int, string, ...any)) {
	rep := func(format string, args ...any) { report(at.off, format, args...) }
	var m members
	if f.Type == "Feature" && !at.bare && json.Unmarshal(src.Bytes[at.off:at.end], &m) == nil {
		for _, miss := range []struct {
			there bool
			name  string
		}{{bool(m.Geometry), "geometry"}, {bool(m.Properties), "properties"}} {
			if !miss.there {
				rep("feature%s has no %q member; RFC 7946 wants one, null when empty", idText(f), miss.name)
			}
		}
	}
	s := f.site(src.ID, at.n, rep)
	if s.check(src.Schema, rep) {
		s.add(l, int64(at.off), int32(at.end-at.off), ln.at(at.off))
	}
}

// readRoot reads a file whose root is one Feature, or a bare geometry (a
// feature with no properties), as a layer of one feature.
func readRoot(l *layer.Layer, src *Source, typ string, ln lines, report func(int, string, ...any)) {
	b := src.Bytes
	off := skipWS(b, bomLen(b))
	end := len(bytes.TrimRight(b, " \t\r\n"))
	var f geoFeature
	var err error
	if typ == "Feature" {
		err = json.Unmarshal(b[off:end], &f)
	} else {
		f.Type, f.Geometry = "Feature", &geoGeometry{}
		err = json.Unmarshal(b[off:end], f.Geometry)
	}
	if decodeFeature(b, off, err, &f, report) {
		addFeature(l, src, &f, featureSpan{off: off, end: end, n: 1, bare: typ != "Feature"}, ln, report)
	}
}

// rootType is the "type" member of the file's root object, or "".
func rootType(b []byte) string {
	i, ok := objectStart(b)
	for ok {
		key, v, end, found := memberAt(b, i)
		if end || !found {
			return ""
		}
		vEnd := valueEnd(b, v)
		if vEnd < 0 {
			return ""
		}
		if key == "type" {
			var t string
			if json.Unmarshal(b[v:vEnd], &t) != nil {
				return ""
			}
			return t
		}
		i = vEnd
	}
	return ""
}

// typeErrText says in plain words which member had the wrong type.
func typeErrText(e *json.UnmarshalTypeError) string {
	field := e.Field
	if i := strings.LastIndexByte(field, '.'); i >= 0 {
		field = field[i+1:]
	}
	want := "text"
	switch e.Type.Kind() {
	case reflect.Slice, reflect.Array:
		want = "a list"
	case reflect.Struct, reflect.Pointer, reflect.Map:
		want = "an object"
	case reflect.Float64, reflect.Float32, reflect.Int:
		want = "a number"
	}
	got, ok := map[string]string{"string": "text", "number": "a number", "bool": "true or false", "array": "a list", "object": "an object"}[e.Value]
	if !ok {
		got = strings.Replace(e.Value, "number ", "the number ", 1) // "number 1.5" for an integer
	}
	return fmt.Sprintf("%q is %s; it must be %s", field, got, want)
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return jsonErr(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("expected %q, found %v", want, tok)
	}
	return nil
}

func skipSpace(b []byte, off int) int {
	for off < len(b) && strings.IndexByte(" \t\r\n,", b[off]) >= 0 {
		off++
	}
	return off
}

func jsonErr(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return errors.New("unexpected end of file")
	}
	return err
}
