package data

import (
	"fmt"
	"net/url"
	"regexp"
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

// doi is a Digital Object Identifier, bare or after "doi:".
var doi = regexp.MustCompile(`^(?i:doi:\s*)?(10\.\d{4,9}/\S+)$`)

// LinkOf is the link a property's value stands for: the value itself when
// it is a web link (http or https, with a host), https://doi.org/… for a
// DOI ("10.1016/j.x.2020.1", "doi:10.1016/…"), and "" for anything else.
func LinkOf(value string) string {
	v := strings.TrimSpace(value)
	if m := doi.FindStringSubmatch(v); m != nil {
		return (&url.URL{Scheme: "https", Host: "doi.org", Path: "/" + m[1]}).String()
	}
	if strings.ContainsAny(v, " \t\n") {
		return ""
	}
	if u, err := CheckLink(v); err == nil && u.Scheme != "mailto" {
		return v
	}
	return ""
}
