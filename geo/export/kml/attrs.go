package kml

import (
	"bytes"
	"encoding/json"
	"fmt"

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
	members, err := layer.Members(props)
	if err != nil {
		return nil, "", fmt.Errorf("kml: %s feature %d: %w", l.ID, i, err)
	}
	var attrs []KV
	var desc string
	for _, m := range members {
		switch v := text(m.Raw); m.Key {
		case "name":
		case "description":
			desc = v
		default:
			attrs = append(attrs, KV{Key: m.Key, Value: v})
		}
	}
	return attrs, desc, nil
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
