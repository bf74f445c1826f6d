package kml

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/lodemap/lodemap/geo/layer"
)

// Attributes is the Describer Write uses by default: feature i's own
// properties, in order, as attributes (text as it is, null as "", other
// values as compact JSON), all but its name, and its "description"
// property as the description. A layer without a Decoder gives none.
func Attributes(l *layer.Layer, i int) ([]KV, string, error) {
	if l.Decoder == nil {
		return nil, "", nil
	}
	props, err := l.Properties(i)
	if err != nil || len(bytes.TrimSpace(props)) == 0 {
		return nil, "", err
	}
	dec := json.NewDecoder(bytes.NewReader(props))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, "", fmt.Errorf("kml: %s feature %d: properties are not a JSON object", l.ID, i)
	}
	var attrs []KV
	var desc string
	for {
		t, err := dec.Token()
		if errors.Is(err, io.EOF) || t == json.Delim('}') {
			return attrs, desc, nil
		}
		var raw json.RawMessage
		if err == nil {
			err = dec.Decode(&raw)
		}
		if err != nil {
			return nil, "", fmt.Errorf("kml: %s feature %d: properties: %w", l.ID, i, err)
		}
		key, _ := t.(string)
		switch v := text(raw); key {
		case "name":
		case "description":
			desc = v
		default:
			attrs = append(attrs, KV{Key: key, Value: v})
		}
	}
}

// text is a JSON value as text: a string as it is, null as "", anything
// else compact.
func text(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	if string(raw) == "null" {
		return ""
	}
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil {
		return string(raw)
	}
	return b.String()
}
