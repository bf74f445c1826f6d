package data

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"math"
	"strconv"
	"strings"
)

// placemark reads a Placemark into g. One cut short by broken XML is left
// out: the walk ends there.
func (p *kmlParser) placemark(se xml.StartElement, g *kmlGroup) error {
	pm := placemark{id: strings.TrimSpace(attr(se, "id")), line: p.line()}
	if err := p.children(func(se xml.StartElement) error { return p.placemarkChild(se, &pm) }); err != nil {
		return err
	}
	g.marks = append(g.marks, pm)
	return p.progress()
}

// placemarkChild reads one element of a Placemark: its name, description,
// ExtendedData or geometry (the first one counts).
func (p *kmlParser) placemarkChild(se xml.StartElement, pm *placemark) error {
	switch se.Name.Local {
	case "name":
		s, err := p.text(false)
		pm.name = strings.TrimSpace(s)
		return err
	case "description":
		s, err := p.text(true)
		pm.desc = plainText(s)
		return err
	case "ExtendedData":
		return p.extendedData(pm)
	}
	if !isGeometry(se.Name.Local) {
		return p.skip()
	}
	g, err := p.geometry(se)
	if pm.geom == nil {
		pm.geom = g
	}
	return err
}

// progress counts a Placemark read: every 1,024 it checks ctx and tells
// decoded how far the file has been read.
func (p *kmlParser) progress() error {
	if p.marks++; p.marks%1024 != 0 {
		return nil
	}
	if p.decoded != nil {
		p.decoded(int(p.d.InputOffset()))
	}
	if p.ctx.Err() != nil {
		return errStop
	}
	return nil
}

// extendedData reads Data (name, value) and SchemaData (SimpleData) as the
// Placemark's attributes, in file order.
func (p *kmlParser) extendedData(pm *placemark) error {
	return p.children(func(se xml.StartElement) error {
		switch se.Name.Local {
		case "Data":
			return p.data(se, pm)
		case "SchemaData":
			return p.schemaData(se, pm)
		}
		return p.skip()
	})
}

// data reads <Data name="k"><value>v</value></Data>: v is text.
func (p *kmlParser) data(se xml.StartElement, pm *placemark) error {
	var val string
	err := p.children(func(c xml.StartElement) error {
		if c.Name.Local != "value" {
			return p.skip()
		}
		var err error
		val, err = p.text(false)
		return err
	})
	pm.attrs = append(pm.attrs, kmlAttr{key: attr(se, "name"), raw: jsonText(val)})
	return err
}

// schemaData reads SimpleData; a field that the Schema types as a number
// or a boolean is one, when its text is.
func (p *kmlParser) schemaData(se xml.StartElement, pm *placemark) error {
	types := p.schemas[strings.TrimPrefix(attr(se, "schemaUrl"), "#")]
	return p.children(func(c xml.StartElement) error {
		if c.Name.Local != "SimpleData" {
			return p.skip()
		}
		val, err := p.text(false)
		name := attr(c, "name")
		pm.attrs = append(pm.attrs, kmlAttr{key: name, raw: typedJSON(val, types[name])})
		return err
	})
}

// typedJSON is a SimpleData value as JSON: a number or boolean when its
// field's type says so and the text is one, null when such a value is
// empty, text otherwise.
func typedJSON(s, typ string) []byte {
	v := strings.TrimSpace(s)
	switch typ {
	case "int", "uint", "short", "ushort":
		if v == "" {
			return []byte("null")
		}
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			return strconv.AppendInt(nil, n, 10)
		}
	case "float", "double":
		if v == "" {
			return []byte("null")
		}
		if f, err := strconv.ParseFloat(v, 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			return strconv.AppendFloat(nil, f, 'g', -1, 64)
		}
	case "bool":
		switch strings.ToLower(v) {
		case "1", "true":
			return []byte("true")
		case "0", "false":
			return []byte("false")
		case "":
			return []byte("null")
		}
	}
	return jsonText(s)
}

// jsonText is s as a JSON string, with <, > and & as they are.
func jsonText(s string) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}
