package data

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/lodemap/lodemap/geo/layer"
)

// layerLinkProblems reports, at each feature's line, every link in a
// layer's properties that CheckLink refuses: each item of a site's list of
// sources, and any other text that looks like a link (see looksLikeLink).
func layerLinkProblems(l *layer.Layer) Problems {
	var probs Problems
	for i := 0; i < l.Len(); i++ {
		props, err := l.Properties(i)
		if err != nil {
			continue // the details panel shows the error
		}
		for _, f := range orderedObject(props) {
			// A list of sources holds links only; anywhere else, text is
			// checked when it looks like a link.
			sources := f.Key == "sources" && bytes.HasPrefix(bytes.TrimSpace(f.Raw), []byte("["))
			forEachText(f.Raw, func(v string) {
				if !sources && !looksLikeLink(v) {
					return
				}
				if _, err := CheckLink(v); err != nil {
					probs = append(probs, Problem{File: l.File, Line: l.Lines[i],
						Msg: fmt.Sprintf("feature %q: %s: %s", l.IDs[i], f.Key, strings.TrimPrefix(err.Error(), "data: "))})
				}
			})
		}
	}
	return probs
}

// forEachText calls fn with every string in a JSON value, however deep.
func forEachText(raw json.RawMessage, fn func(string)) {
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return
	}
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			fn(v)
		case []any:
			for _, e := range v {
				walk(e)
			}
		case map[string]any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	walk(v)
}

// linkSchemes are schemes that make a text a link even without "//".
var linkSchemes = []string{"javascript", "vbscript", "data", "file", "mailto", "about", "blob", "tel"}

// looksLikeLink reports whether a text is meant as a link: one word that
// starts with "http", or a scheme followed by "//" or a scheme that needs
// none (javascript:, data:, file:, mailto: ...). "Status: planned" and
// "12:30" are not links.
func looksLikeLink(v string) bool {
	v = strings.TrimSpace(v)
	if v == "" || strings.ContainsAny(v, " \t\r\n") {
		return false
	}
	lower := strings.ToLower(v)
	if strings.HasPrefix(lower, "http") {
		return true
	}
	i := strings.IndexByte(lower, ':')
	if i <= 0 || lower[0] < 'a' || lower[0] > 'z' {
		return false
	}
	scheme := lower[:i]
	for _, r := range scheme {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.') {
			return false
		}
	}
	return strings.HasPrefix(lower[i+1:], "//") || slices.Contains(linkSchemes, scheme)
}
