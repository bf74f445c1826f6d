package data

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/paulmach/orb"
)

// kmlParser walks a KML document's tokens once (encoding/xml's streaming
// decoder), collecting Placemarks by the container that holds them.
type kmlParser struct {
	ctx   context.Context
	d     *xml.Decoder
	file  string // names the file in problems
	probs Problems
	// groups are the Folders and Documents, in the order they open.
	groups []*kmlGroup
	// schemas maps a Schema's id to its fields' types, for SchemaData.
	schemas map[string]map[string]string
	// decoded, when not nil, is told how far the bytes have been read.
	decoded func(upTo int)
	marks   int
	// links are the hrefs of the NetworkLinks read: a KMZ's other KML
	// files.
	links []string
}

// kmlGroup is one container: a Folder or a Document, or the file itself
// for Placemarks outside any.
type kmlGroup struct {
	parent *kmlGroup
	folder bool // a Folder (not a Document)
	name   string
	marks  []placemark
}

// placemark is one Placemark as read: attributes, geometry (nil when it has
// none, or only bad ones) and the line it starts on.
type placemark struct {
	id, name, desc string
	attrs          []kmlAttr
	geom           orb.Geometry
	line           int
}

// kmlAttr is one ExtendedData value; raw is its JSON text.
type kmlAttr struct {
	key string
	raw []byte
}

// errStop ends the walk: the XML is broken or ctx is done; what was read
// stays.
var errStop = errors.New("data: kml: stop")

func newKMLParser(ctx context.Context) *kmlParser {
	return &kmlParser{ctx: ctx, schemas: map[string]map[string]string{}}
}

// line is the line the decoder has read up to.
func (p *kmlParser) line() int {
	l, _ := p.d.InputPos()
	return l
}

// report adds a problem at line.
func (p *kmlParser) report(line int, format string, args ...any) {
	p.probs = append(p.probs, Problem{File: p.file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// token returns the next token; a syntax error is reported and ends the
// walk.
func (p *kmlParser) token() (xml.Token, error) {
	t, err := p.d.Token()
	if err == nil {
		return t, nil
	}
	if errors.Is(err, io.EOF) {
		return nil, err
	}
	var se *xml.SyntaxError
	switch {
	case errors.As(err, &se) && se.Msg == "unexpected EOF":
		p.report(se.Line, "the XML ends too soon: an element is not closed")
	case errors.As(err, &se):
		p.report(se.Line, "the XML is malformed: %s", se.Msg)
	default:
		p.report(p.line(), "the XML cannot be read: %v", err)
	}
	return nil, errStop
}

// run walks one KML document, named file in problems: every container
// and Placemark in it.
func (p *kmlParser) run(b []byte, file string) {
	p.d = xml.NewDecoder(bytes.NewReader(b))
	p.d.Entity = xml.HTMLEntity // &nbsp; and friends, common in descriptions
	p.d.CharsetReader = kmlCharset
	p.file = file
	root := &kmlGroup{}
	p.groups = append(p.groups, root)
	for {
		t, err := p.token()
		if err != nil {
			return
		}
		if se, ok := t.(xml.StartElement); ok {
			if p.child(se, root) != nil {
				return
			}
		}
	}
}

// container reads the children of a Folder or Document (or of the kml
// element, g being the root) up to its end.
func (p *kmlParser) container(g *kmlGroup) error {
	return p.children(func(se xml.StartElement) error { return p.child(se, g) })
}

// children calls fn with each child element of the element just started,
// up to its end; fn reads the child whole (skip skips one).
func (p *kmlParser) children(fn func(se xml.StartElement) error) error {
	for {
		t, err := p.token()
		if err != nil {
			return err
		}
		switch t := t.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			if err := fn(t); err != nil {
				return err
			}
		}
	}
}

// child reads one element inside container g.
func (p *kmlParser) child(se xml.StartElement, g *kmlGroup) error {
	switch se.Name.Local {
	case "kml":
		return p.container(g)
	case "Document", "Folder":
		sub := &kmlGroup{parent: g, folder: se.Name.Local == "Folder"}
		p.groups = append(p.groups, sub)
		return p.container(sub)
	case "name":
		s, err := p.text(false)
		g.name = strings.TrimSpace(s)
		return err
	case "Schema":
		return p.schema(se)
	case "Placemark":
		return p.placemark(se, g)
	case "NetworkLink":
		return p.networkLink()
	}
	return p.skip()
}

// networkLink notes the href of a NetworkLink's Link (or Url).
func (p *kmlParser) networkLink() error {
	var link func(se xml.StartElement) error
	link = func(se xml.StartElement) error {
		switch se.Name.Local {
		case "Link", "Url":
			return p.children(link)
		case "href":
			s, err := p.text(false)
			p.links = append(p.links, strings.TrimSpace(s))
			return err
		}
		return p.skip()
	}
	return p.children(link)
}

// skip skips the rest of the element just started.
func (p *kmlParser) skip() error {
	for depth := 1; depth > 0; {
		t, err := p.token()
		if err != nil {
			return err
		}
		switch t.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return nil
}

// text reads the character data of the element just started, up to its
// end. Elements inside it (HTML written without escaping) keep their text;
// with html, those that break a line (br, p, div, li, tr) add a <br>.
func (p *kmlParser) text(html bool) (string, error) {
	var b strings.Builder
	for depth := 1; ; {
		t, err := p.token()
		if err != nil {
			return b.String(), err
		}
		switch t := t.(type) {
		case xml.CharData:
			b.Write(t)
		case xml.StartElement:
			depth++
			if html && breaksLine(t.Name.Local) {
				b.WriteString("<br>")
			}
		case xml.EndElement:
			if depth--; depth == 0 {
				return b.String(), nil
			}
		}
	}
}

// schema records a Schema's field types by its id (and name), so that
// SimpleData of numeric fields are numbers.
func (p *kmlParser) schema(se xml.StartElement) error {
	fields := map[string]string{}
	for _, a := range se.Attr {
		if a.Name.Local == "id" || a.Name.Local == "name" {
			p.schemas[a.Value] = fields
		}
	}
	return p.children(func(se xml.StartElement) error {
		if se.Name.Local == "SimpleField" {
			fields[attr(se, "name")] = strings.ToLower(attr(se, "type"))
		}
		return p.skip()
	})
}

// attr is the value of an element's attribute (any namespace), or "".
func attr(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// kmlCharset decodes the one legacy charset KML files are found in
// besides UTF-8: ISO-8859-1 (Latin-1), whose bytes are code points.
func kmlCharset(label string, r io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "iso-8859-1", "latin1", "latin-1", "us-ascii":
		b, err := io.ReadAll(r)
		if err != nil {
			return nil, fmt.Errorf("data: kml: %w", err)
		}
		var out strings.Builder
		for _, c := range b {
			out.WriteRune(rune(c))
		}
		return strings.NewReader(out.String()), nil
	}
	return nil, fmt.Errorf("data: kml: the %q encoding is not supported (save the file as UTF-8)", label)
}
