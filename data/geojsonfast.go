package data

import (
	"bytes"
	"context"
	"encoding/json"

	gojson "github.com/goccy/go-json"

	"github.com/lodemap/lodemap/geo/layer"
)

// span is one element of the features array: where it lies, its line,
// and which of a Feature's required members it has (keyGeometry,
// keyProperties), as the splitter saw them.
type span struct {
	off, end, line int
	keys           uint8
}

// The members a Feature must have.
const (
	keyGeometry uint8 = 1 << iota
	keyProperties
)

type batch struct {
	seq   int
	spans []span
	sites []site
	ok    bool
}

// readGeoJSONFast reads a FeatureCollection by splitting its features array
// on one goroutine and decoding the features with a typed decoder on the
// others. It gives up (ok false) at the first thing the careful reader
// would report (a decoding error, or anything the feature check finds), so
// that reader can name it; records point into src.Bytes. It reports
// progress and publishes snapshots to src.Progress, and stops when ctx is
// done, keeping what arrived (ok true).
func readGeoJSONFast(ctx context.Context, src *Source) (*layer.Layer, bool) {
	b := src.Bytes
	if rootType(b) != "FeatureCollection" {
		return nil, false // a Feature, a geometry, or no type: the careful reader's
	}
	l := newGeoJSONLayer(src)
	start, ok := topLevel(b, 0, l, src)
	if !ok || start < 0 {
		return nil, false
	}
	var arrayEnd int
	var splitOK bool
	valid, first := true, true
	var intern interner
	inParallel(ctx,
		func(send func(*batch) bool) { arrayEnd, splitOK = splitBatches(b, start, send) },
		func(bt *batch) *batch { bt.ok = decodeBatch(b, bt, src); return bt },
		func(bt *batch) bool {
			if valid = bt.ok; !valid {
				return false
			}
			if first {
				// Room for about as many features as the file holds, judged
				// by the first batch's bytes per feature.
				per := float64(bt.spans[len(bt.spans)-1].end-bt.spans[0].off) / float64(len(bt.spans))
				l.Grow(int(float64(len(b)-start)/per*1.05) + len(bt.spans))
				first = false
			}
			for i := range bt.sites {
				f, s := &bt.sites[i], bt.spans[i]
				f.Kind, f.Status = intern.of(f.Kind), intern.of(f.Status)
				f.add(l, int64(s.off), int32(s.end-s.off), s.line)
			}
			if src.decoded != nil {
				src.decoded(bt.spans[0].off) // this batch's records are read; the next may start before its end
			}
			putSites(bt.sites)
			src.Progress.report(bt.spans[len(bt.spans)-1].end, len(b), l)
			return true
		})
	if ctx.Err() != nil {
		return l, true // cancelled by the caller: what arrived is kept
	}
	if !valid || !splitOK {
		return nil, false
	}
	// Members may follow the features array ("name" often does).
	if again, ok := topLevel(b, arrayEnd, l, src); !ok || again >= 0 {
		return nil, false
	}
	return l, true
}

// splitBatches sends the spans of the features array starting at b[start]
// in batches, numbered in order, until the array ends or send refuses one;
// it returns splitArray's results.
func splitBatches(b []byte, start int, send func(*batch) bool) (int, bool) {
	cur := &batch{}
	end, ok := splitArray(b, start, func(s span) bool {
		cur.spans = append(cur.spans, s)
		if len(cur.spans) == batchSize {
			if !send(cur) {
				return false
			}
			cur = &batch{seq: cur.seq + 1}
		}
		return true
	})
	if len(cur.spans) > 0 {
		send(cur)
	}
	return end, ok
}

// decodeBatch decodes a batch's features and holds each to the feature
// check; it returns false at the first one that fails either.
func decodeBatch(b []byte, bt *batch, src *Source) bool {
	bt.sites = getSites(len(bt.spans))[:len(bt.spans)]
	found := false
	report := func(string, ...any) { found = true }
	// One of each for the batch: decoding into fresh ones costs an
	// allocation a feature.
	var pf pointFeature
	var f geoFeature
	for i, s := range bt.spans {
		if s.keys != keyGeometry|keyProperties {
			return false // the careful reader says what is missing
		}
		rec, n := b[s.off:s.end], bt.seq*batchSize+i+1
		pf = pointFeature{Geometry: pf.Geometry}
		if pf.Geometry != nil {
			*pf.Geometry = pointGeometry{Coordinates: pf.Geometry.Coordinates[:0]}
		}
		if err := gojson.Unmarshal(rec, &pf); err == nil && pf.point() {
			bt.sites[i] = pf.Properties.site(pf.ID, src.ID, n)
			bt.sites[i].Lon, bt.sites[i].Lat = pf.Geometry.Coordinates[0], pf.Geometry.Coordinates[1]
		} else {
			// Not a plain Point: read it whole.
			f = geoFeature{}
			if gojson.Unmarshal(rec, &f) != nil {
				return false
			}
			bt.sites[i] = f.site(src.ID, n, report)
		}
		if !bt.sites[i].check(src.Schema, report) || found {
			return false
		}
		bt.sites[i].project()
	}
	return true
}

// pointFeature is a Feature as the fast reader first reads it: a Point's
// coordinates straight into numbers. A feature that is anything else is
// read again as a geoFeature.
type pointFeature struct {
	Type       string         `json:"type"`
	ID         featureID      `json:"id"`
	BBox       bbox           `json:"bbox"`
	Geometry   *pointGeometry `json:"geometry"`
	Properties geoProps       `json:"properties"`
}

type pointGeometry struct {
	Type        string    `json:"type"`
	Coordinates []float64 `json:"coordinates"`
	BBox        bbox      `json:"bbox"`
}

// point reports whether the feature is a plain, well-formed Point.
func (pf *pointFeature) point() bool {
	g := pf.Geometry
	return pf.Type == "Feature" && !pf.BBox.bad && g != nil && g.Type == "Point" && len(g.Coordinates) >= 2 && !g.BBox.bad
}

// topLevel reads the FeatureCollection's members into l, from the start of
// the file (from 0: a byte-order mark, spaces, the opening brace) or from
// just past a member's value. It stops at "features" and returns where that
// array starts, or -1 when it reached the end instead.
func topLevel(b []byte, from int, l *layer.Layer, src *Source) (int, bool) {
	i := from
	if from == 0 {
		var ok bool
		if i, ok = objectStart(b); !ok {
			return 0, false
		}
	}
	for {
		key, at, end, ok := memberAt(b, i)
		switch {
		case end:
			return -1, len(bytes.TrimSpace(b[at:])) == 0
		case !ok:
			return 0, false
		}
		i = at
		if key == "features" {
			return i, i < len(b) && b[i] == '['
		}
		vEnd := valueEnd(b, i)
		if vEnd < 0 {
			return 0, false
		}
		v := b[i:vEnd]
		switch key {
		case "type":
			if string(v) != `"FeatureCollection"` {
				return 0, false
			}
		case "name", "title":
			var t string
			if json.Unmarshal(v, &t) == nil {
				src.setTitle(l, key, t)
			}
		case "order":
			if json.Unmarshal(v, &l.Order) != nil {
				return 0, false
			}
		case "style":
			spec, err := parseStyle(v)
			if err != nil {
				return 0, false
			}
			l.Style = spec
		}
		i = vEnd
	}
}

// objectStart returns where the members of the file's root object start:
// just past its brace, after a byte-order mark and spaces; ok is false
// when the root is not an object.
func objectStart(b []byte) (int, bool) {
	i := skipWS(b, bomLen(b))
	if i >= len(b) || b[i] != '{' {
		return 0, false
	}
	return i + 1, true
}

// memberAt reads the member of a JSON object at b[i], past spaces and a
// comma: its key, and where its value starts. At the object's closing
// brace end is true and v is just past it; at anything else ok is false.
func memberAt(b []byte, i int) (key string, v int, end, ok bool) {
	i = skipWS(b, i)
	if i < len(b) && b[i] == ',' {
		i = skipWS(b, i+1)
	}
	if i < len(b) && b[i] == '}' {
		return "", i + 1, true, true
	}
	if i >= len(b) || b[i] != '"' {
		return "", 0, false, false
	}
	kEnd := stringEnd(b, i)
	if kEnd < 0 {
		return "", 0, false, false
	}
	key = string(b[i+1 : kEnd-1])
	i = skipWS(b, kEnd)
	if i >= len(b) || b[i] != ':' {
		return "", 0, false, false
	}
	return key, skipWS(b, i+1), false, true
}

func skipWS(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t') {
		i++
	}
	return i
}

// stringEnd returns the index just past the string starting at b[i] == '"',
// or -1.
func stringEnd(b []byte, i int) int {
	for {
		j := bytes.IndexByte(b[i+1:], '"')
		if j < 0 {
			return -1
		}
		i += j + 1
		k := i - 1
		for b[k] == '\\' {
			k--
		}
		if (i-1-k)%2 == 0 {
			return i + 1
		}
	}
}

// valueEnd returns the index just past the JSON value starting at b[i].
func valueEnd(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		return stringEnd(b, i)
	case '{', '[':
		depth := 0
		for ; i < len(b); i++ {
			switch b[i] {
			case '"':
				e := stringEnd(b, i)
				if e < 0 {
					return -1
				}
				i = e - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
		}
		return -1
	}
	for i < len(b) && b[i] != ',' && b[i] != '}' && b[i] != ']' && b[i] != ' ' && b[i] != '\n' && b[i] != '\r' && b[i] != '\t' {
		i++
	}
	return i
}

// splitArray calls fn with the span and line of each element of the array
// starting at b[start] == '['; it returns the index just past the array and
// whether the array was well formed.
func splitArray(b []byte, start int, fn func(span) bool) (int, bool) {
	line := 1 + bytes.Count(b[:start], []byte{'\n'})
	depth, elem, elemLine := 0, -1, 0
	var keys uint8
	for i := start; i < len(b); i++ {
		switch c := b[i]; c {
		case '\n':
			line++
		case '"':
			e := stringEnd(b, i)
			if e < 0 || depth == 1 {
				return i, false // a string element is not a Feature
			}
			if depth == 2 { // a member's name (or a string value) of the Feature
				switch string(b[i:e]) {
				case `"geometry"`:
					keys |= keyGeometry
				case `"properties"`:
					keys |= keyProperties
				}
			}
			i = e - 1
		case '{', '[':
			depth++
			if depth == 2 && elem < 0 {
				elem, elemLine, keys = i, line, 0
			}
		case '}', ']':
			depth--
			if depth == 1 && elem >= 0 {
				if !fn(span{elem, i + 1, elemLine, keys}) {
					return i, false
				}
				elem = -1
			}
			if depth == 0 {
				return i + 1, true
			}
		case ' ', '\t', '\r', ',':
		default:
			if depth == 1 {
				return i, false // a number, true, false or null element
			}
		}
	}
	return len(b), false
}
