package data

import (
	"html"
	"regexp"
	"strconv"
	"strings"

	xhtml "golang.org/x/net/html"

	"github.com/paulmach/orb"
)

// positions parses the text of a coordinates element, "lon,lat[,alt]"
// tuples apart by white space (white space beside a comma is forgiven),
// that starts at line. The first bad tuple is reported, at its own line,
// and makes the whole element bad (ok false).
func (p *kmlParser) positions(s string, line int) (pts []orb.Point, ok bool) {
	for i := 0; i < len(s); {
		for i < len(s) && isSpace(s[i]) {
			if s[i] == '\n' {
				line++
			}
			i++
		}
		start, at := i, line
		for i < len(s) && (!isSpace(s[i]) || commaNear(s, i)) {
			if s[i] == '\n' {
				line++
			}
			i++
		}
		if start == i {
			break
		}
		tuple := s[start:i]
		pt, msg := parseTuple(tuple)
		if msg != "" {
			p.report(at, "coordinates %q %s", strings.Join(strings.Fields(tuple), ""), msg)
			return nil, false
		}
		pts = append(pts, pt)
	}
	return pts, true
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// commaNear reports whether the white space at s[i] runs up to a comma on
// either side: "12, 34" is one tuple.
func commaNear(s string, i int) bool {
	j := i
	for j > 0 && isSpace(s[j-1]) {
		j--
	}
	if j > 0 && s[j-1] == ',' {
		return true
	}
	for j = i; j < len(s) && isSpace(s[j]); j++ {
	}
	return j < len(s) && s[j] == ','
}

// parseTuple reads "lon,lat[,alt]"; msg says what is wrong, "" when
// nothing is.
func parseTuple(t string) (orb.Point, string) {
	f := strings.Split(strings.Join(strings.Fields(t), ""), ",")
	if len(f) < 2 || len(f) > 3 {
		return orb.Point{}, "are not longitude,latitude[,altitude]"
	}
	lon, err1 := strconv.ParseFloat(f[0], 64)
	lat, err2 := strconv.ParseFloat(f[1], 64)
	if err1 != nil || err2 != nil || !finite(lon) || !finite(lat) {
		return orb.Point{}, "are not numbers"
	}
	if lon < -180 || lon > 180 || lat < -90 || lat > 90 {
		return orb.Point{}, "are out of range: longitude must be in [-180, 180], latitude in [-90, 90]"
	}
	return orb.Point{lon, lat}, ""
}

// looksHTML matches the start of an HTML tag or comment.
var looksHTML = regexp.MustCompile(`<[a-zA-Z/!]`)

// plainText turns a description into text: HTML (a description often is)
// loses its tags, scripts and styles, with line breaks where br, p, div,
// li, tr and headings break lines; entities are unescaped; plain text keeps
// its own line breaks. Lines are trimmed and runs of blank lines become one.
func plainText(s string) string {
	if looksHTML.MatchString(s) {
		s = htmlText(s)
	} else {
		s = html.UnescapeString(s)
	}
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	var out []string
	for _, l := range lines {
		l = strings.Join(strings.Fields(strings.ReplaceAll(l, "\u00a0", " ")), " ")
		if l == "" && (len(out) == 0 || out[len(out)-1] == "") {
			continue
		}
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// htmlText is the text of an HTML fragment, one line per block.
func htmlText(s string) string {
	z := xhtml.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0 // inside script or style
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			return b.String()
		case xhtml.TextToken:
			if skip == 0 {
				writeWords(&b, z.Text())
			}
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken, xhtml.EndTagToken:
			name, _ := z.TagName()
			switch n := string(name); {
			case n == "script" || n == "style":
				if tt == xhtml.StartTagToken {
					skip++
				} else if tt == xhtml.EndTagToken && skip > 0 {
					skip--
				}
			case breaksLine(n):
				b.WriteByte('\n')
			case n == "td" || n == "th":
				b.WriteByte(' ')
			}
		}
	}
}

// writeWords writes HTML text with its white space folded to single
// spaces, keeping one where it starts or ends with white space, so words
// on either side of a tag stay apart.
func writeWords(b *strings.Builder, t []byte) {
	words := strings.Fields(string(t))
	if len(t) > 0 && isSpace(t[0]) {
		b.WriteByte(' ')
	}
	b.WriteString(strings.Join(words, " "))
	if len(words) > 0 && isSpace(t[len(t)-1]) {
		b.WriteByte(' ')
	}
}

// breaksLine reports whether an HTML element starts or ends a line.
func breaksLine(tag string) bool {
	switch strings.ToLower(tag) {
	case "br", "p", "div", "li", "tr", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "hr":
		return true
	}
	return false
}
