package data

import (
	"fmt"
	"net/url"
	"strings"
)

// LinkSchemes are the only kinds of link Lodemap opens: web pages and mail.
var LinkSchemes = []string{"http", "https", "mailto"}

// CheckLink parses a link from the data (an article's URL, a site's source,
// any URL in its properties) and returns it when it may be opened: http and
// https links with a host, or a mailto address. Anything else (javascript:,
// file:, data:, a custom scheme, a relative path) is an error that says why,
// in words for the user.
func CheckLink(raw string) (*url.URL, error) {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("data: %q is not a valid link", raw)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return nil, fmt.Errorf("data: link %q has no host", raw)
		}
		return u, nil
	case "mailto":
		if u.Opaque == "" && u.Path == "" {
			return nil, fmt.Errorf("data: link %q has no address", raw)
		}
		return u, nil
	case "":
		return nil, fmt.Errorf("data: %q is not a web link (it needs http:// or https://)", raw)
	}
	return nil, fmt.Errorf("data: link %q is refused: only %s links are opened", raw, strings.Join(LinkSchemes, ", "))
}
