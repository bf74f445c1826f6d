package data

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/lodemap/lodemap/geo/layer"
	"github.com/paulmach/orb"
)

// rawFeature is the part of a GeoJSON Feature that Lodemap reads.
type rawFeature struct {
	Type     string `json:"type"`
	Geometry *struct {
		Type        string          `json:"type"`
		Coordinates json.RawMessage `json:"coordinates"`
	} `json:"geometry"`
	Properties json.RawMessage `json:"properties"`
}

// schema is the part of the properties the layer keeps as columns.
type schema struct {
	ID     *string `json:"id"`
	Name   string  `json:"name"`
	Kind   string  `json:"kind"`
	Status string  `json:"status"`
}

// readGeoJSON decodes a GeoJSON FeatureCollection: by the fast parallel
// reader, or, when that finds anything wrong, by the careful one, which
// names every problem's line.
// p and decoded are readGeoJSONFast's.
func readGeoJSON(b []byte, id, display string, p *Progress, decoded func(upTo int)) (*layer.Layer, Problems) {
	if l, ok := readGeoJSONFast(b, id, display, p, decoded); ok {
		return l, nil
	}
	return readLayer(b, id, display)
}

// readLayer decodes one GeoJSON FeatureCollection into a layer. Features
// with a problem that keeps them off the map (no id, no point) are reported
// and skipped; the others are kept even when a property is off, and reported.
// display is the file's name in messages.
func readLayer(b []byte, id, display string) (*layer.Layer, Problems) {
	var probs Problems
	ln := newLines(b)
	report := func(off int, format string, args ...any) {
		probs = append(probs, Problem{File: display, Line: ln.at(off), Msg: fmt.Sprintf(format, args...)})
	}
	l := &layer.Layer{ID: id, Title: id, File: display, Format: "geojson"}
	l.SetSource(bytes.NewReader(b))
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := expectDelim(dec, '{'); err != nil {
		report(int(dec.InputOffset()), "not a GeoJSON object: %v", err)
		return nil, probs
	}
	sawFeatures := false
	for dec.More() {
		keyOff := int(dec.InputOffset())
		tok, err := dec.Token()
		if err != nil {
			report(keyOff, "bad JSON: %v", err)
			return nil, probs
		}
		key, _ := tok.(string)
		switch key {
		case "name":
			var title string
			if err := dec.Decode(&title); err == nil && title != "" {
				l.Title = title
			}
		case "order":
			if err := dec.Decode(&l.Order); err != nil {
				report(keyOff, "order must be an integer: %v", jsonErr(err))
			}
		case "type":
			var t string
			if err := dec.Decode(&t); err != nil || t != "FeatureCollection" {
				report(keyOff, "type is %q, want \"FeatureCollection\"", t)
			}
		case "features":
			sawFeatures = true
			if err := expectDelim(dec, '['); err != nil {
				report(keyOff, "features is not an array")
				return nil, probs
			}
			for dec.More() {
				off := int(dec.InputOffset())
				var f rawFeature
				if err := dec.Decode(&f); err != nil {
					var se *json.SyntaxError
					if errors.As(err, &se) {
						off = int(se.Offset)
					}
					report(off, "bad feature: %v", jsonErr(err))
					return l, probs // keep the features read so far
				}
				// InputOffset is just past the previous token; skip separators
				// so the line is the feature's own.
				off = skipSpace(b, off)
				addFeature(l, f, off, int(dec.InputOffset())-off, ln.at(off), report)
			}
			if _, err := dec.Token(); err != nil {
				report(int(dec.InputOffset()), "bad JSON: %v", err)
				return nil, probs
			}
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				report(keyOff, "bad JSON: %v", jsonErr(err))
				return nil, probs
			}
		}
	}
	if !sawFeatures {
		report(0, "no \"features\" array")
	}
	return l, probs
}

func addFeature(l *layer.Layer, f rawFeature, off, n, line int, report func(int, string, ...any)) {
	if f.Type != "Feature" {
		report(off, "type is %q, want \"Feature\"", f.Type)
		return
	}
	var s schema
	if len(f.Properties) > 0 && string(f.Properties) != "null" {
		if err := json.Unmarshal(f.Properties, &s); err != nil {
			report(off, "bad properties: %v", jsonErr(err))
			return
		}
	}
	if s.ID == nil || *s.ID == "" {
		report(off, "feature has no id")
		return
	}
	id := *s.ID
	if f.Geometry == nil || f.Geometry.Type != "Point" {
		report(off, "feature %q: geometry is not a Point", id)
		return
	}
	var c []float64
	if err := json.Unmarshal(f.Geometry.Coordinates, &c); err != nil || len(c) < 2 {
		report(off, "feature %q: coordinates are not [lon, lat]", id)
		return
	}
	if math.IsNaN(c[0]) || math.IsNaN(c[1]) || c[0] < -180 || c[0] > 180 || c[1] < -90 || c[1] > 90 {
		report(off, "feature %q: coordinates (%g, %g) out of range: lon must be in [-180, 180], lat in [-90, 90]", id, c[0], c[1])
		return
	}
	if s.Name == "" {
		report(off, "feature %q has no name", id)
		s.Name = id
	}
	if !KnownKind(s.Kind) {
		report(off, "feature %q: unknown kind %q (known: %s)", id, s.Kind, strings.Join(Kinds, ", "))
	}
	if !KnownStatus(s.Status) {
		report(off, "feature %q: unknown status %q (known: %s)", id, s.Status, strings.Join(Statuses, ", "))
	}
	l.AddAt(id, s.Name, s.Kind, s.Status, orb.Point{c[0], c[1]}, int64(off), int32(n), line)
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
