package data

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"runtime"
	"sync"

	gojson "github.com/goccy/go-json"

	"github.com/lodemap/lodemap/geo/layer"
	"github.com/paulmach/orb"
)

// Progress follows a layer while it loads.
type Progress struct {
	Ctx context.Context
	// Report is called after each batch with the bytes scanned, the file's
	// size and the features decoded so far.
	Report func(done, total int64, features int)
	// Publish is called after each batch with a snapshot of the layer so
	// far, so a map can draw what has arrived.
	Publish func(*layer.Layer)
}

const fastBatch = 32768

// fastFeature is the part of a GeoJSON Feature the fast reader decodes.
type fastFeature struct {
	Type     string `json:"type"`
	Geometry *struct {
		Type        string    `json:"type"`
		Coordinates []float64 `json:"coordinates"`
	} `json:"geometry"`
	Properties struct {
		ID     *string `json:"id"`
		Name   string  `json:"name"`
		Kind   string  `json:"kind"`
		Status string  `json:"status"`
	} `json:"properties"`
}

type span struct{ off, end, line int }

type batch struct {
	seq   int
	spans []span
	feats []fastFeature
	ok    bool
}

// readGeoJSONFast reads a FeatureCollection by splitting its features array
// on one goroutine and decoding the features with a typed decoder on the
// others. It gives up (ok false) at the first thing it would have to report,
// so the careful reader can name it; records point into b. With p, it
// reports progress, publishes snapshots and stops when p.Ctx is done.
//
// decoded, when not nil, is told how far the file has been decoded, so the
// pages of a mapped file behind that point can be dropped.
func readGeoJSONFast(b []byte, id, display string, p *Progress, decoded func(upTo int)) (*layer.Layer, bool) {
	l := &layer.Layer{ID: id, Title: id, File: display, Format: "geojson"}
	l.SetSource(bytes.NewReader(b))
	start, ok := topLevel(b, 0, l)
	if !ok || start < 0 {
		return nil, false
	}
	var arrayEnd int
	ctx := context.Background()
	if p != nil && p.Ctx != nil {
		ctx = p.Ctx
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	work := make(chan *batch, 4)
	done := make(chan *batch, 4)
	var splitOK bool
	go func() {
		defer close(work)
		seq := 0
		cur := &batch{seq: seq}
		arrayEnd, splitOK = splitArray(b, start, func(s span) bool {
			cur.spans = append(cur.spans, s)
			if len(cur.spans) == fastBatch {
				select {
				case work <- cur:
				case <-ctx.Done():
					return false
				}
				seq++
				cur = &batch{seq: seq}
			}
			return true
		})
		if len(cur.spans) > 0 {
			select {
			case work <- cur:
			case <-ctx.Done():
			}
		}
	}()
	var wg sync.WaitGroup
	for w := 0; w < max(1, runtime.GOMAXPROCS(0)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for bt := range work {
				bt.feats = make([]fastFeature, len(bt.spans))
				bt.ok = true
				for i, s := range bt.spans {
					if gojson.Unmarshal(b[s.off:s.end], &bt.feats[i]) != nil || !fastValid(&bt.feats[i]) {
						bt.ok = false
						break
					}
				}
				done <- bt
			}
		}()
	}
	go func() { wg.Wait(); close(done) }()

	pending := map[int]*batch{}
	next, valid := 0, true
	interned := map[string]string{}
	intern := func(s string) string {
		if v, ok := interned[s]; ok {
			return v
		}
		interned[s] = s
		return s
	}
	for bt := range done {
		pending[bt.seq] = bt
		for {
			cur, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if !cur.ok || !valid || ctx.Err() != nil {
				valid = valid && cur.ok
				cancel() // stop the splitter and workers; drain what they sent
				continue
			}
			if next == 1 {
				// Room for about as many features as the file holds, judged
				// by the first batch's bytes per feature.
				per := float64(cur.spans[len(cur.spans)-1].end-cur.spans[0].off) / float64(len(cur.spans))
				l.Grow(int(float64(len(b)-start)/per*1.05) + len(cur.spans))
			}
			for i, f := range cur.feats {
				s := cur.spans[i]
				pr := f.Properties
				c := f.Geometry.Coordinates
				l.AddAt(*pr.ID, pr.Name, intern(pr.Kind), intern(pr.Status), orb.Point{c[0], c[1]}, int64(s.off), int32(s.end-s.off), s.line)
			}
			if decoded != nil {
				decoded(cur.spans[0].off) // this batch's records are read; the next may start before its end
			}
			if p != nil {
				last := cur.spans[len(cur.spans)-1]
				if p.Report != nil {
					p.Report(int64(last.end), int64(len(b)), l.Len())
				}
				if p.Publish != nil {
					p.Publish(l.Snapshot())
				}
			}
		}
	}
	if p != nil && p.Ctx != nil && p.Ctx.Err() != nil {
		return l, true // cancelled by the caller: what arrived is kept
	}
	if !valid || !splitOK {
		return nil, false
	}
	// Members may follow the features array ("name" often does).
	if again, ok := topLevel(b, arrayEnd, l); !ok || again >= 0 {
		return nil, false
	}
	return l, true
}

// fastValid holds a feature to the rules addFeature reports on.
func fastValid(f *fastFeature) bool {
	pr := f.Properties
	if f.Type != "Feature" || pr.ID == nil || *pr.ID == "" || pr.Name == "" || f.Geometry == nil || f.Geometry.Type != "Point" {
		return false
	}
	c := f.Geometry.Coordinates
	if len(c) < 2 || math.IsNaN(c[0]) || math.IsNaN(c[1]) || c[0] < -180 || c[0] > 180 || c[1] < -90 || c[1] > 90 {
		return false
	}
	return KnownKind(pr.Kind) && KnownStatus(pr.Status)
}

// topLevel reads the FeatureCollection's members from b[from] (the opening
// brace, or just past a member's value) into l. It stops at "features" and
// returns where that array starts, or -1 when it reached the end instead.
func topLevel(b []byte, from int, l *layer.Layer) (int, bool) {
	i := skipWS(b, from)
	if from == 0 {
		if i >= len(b) || b[i] != '{' {
			return 0, false
		}
		i++
	}
	for {
		i = skipWS(b, i)
		if i < len(b) && b[i] == ',' {
			i = skipWS(b, i+1)
		}
		if i < len(b) && b[i] == '}' {
			return -1, len(bytes.TrimSpace(b[i+1:])) == 0
		}
		if i >= len(b) || b[i] != '"' {
			return 0, false
		}
		kEnd := stringEnd(b, i)
		if kEnd < 0 {
			return 0, false
		}
		key := string(b[i+1 : kEnd-1])
		i = skipWS(b, kEnd)
		if i >= len(b) || b[i] != ':' {
			return 0, false
		}
		i = skipWS(b, i+1)
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
		case "name":
			var t string
			if json.Unmarshal(v, &t) == nil && t != "" {
				l.Title = t
			}
		case "order":
			if json.Unmarshal(v, &l.Order) != nil {
				return 0, false
			}
		}
		i = vEnd
	}
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
	for i := start; i < len(b); i++ {
		switch c := b[i]; c {
		case '\n':
			line++
		case '"':
			e := stringEnd(b, i)
			if e < 0 || depth == 1 {
				return i, false // a string element is not a Feature
			}
			i = e - 1
		case '{', '[':
			depth++
			if depth == 2 && elem < 0 {
				elem, elemLine = i, line
			}
		case '}', ']':
			depth--
			if depth == 1 && elem >= 0 {
				if !fn(span{elem, i + 1, elemLine}) {
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
