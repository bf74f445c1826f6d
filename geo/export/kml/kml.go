// Package kml writes layers as KML, or KMZ (a zip holding doc.kml), for
// Google Earth and GIS programs: a Folder per layer named by its title, a
// Placemark per feature with its name, its attributes as ExtendedData, a
// description text the caller gives (article excerpts) and its geometry in
// lon/lat, and a shared Style per look (kind and status) in geo/style's
// colours. go-geom's kml package encodes the geometries. The document is
// streamed, one Placemark at a time. geo/export.Run writes files with it
// (atomically) when the output ends in .kml or .kmz.
package kml

import (
	"archive/zip"
	"bufio"
	"context"
	"encoding/xml"
	"fmt"
	"io"

	gokml "github.com/twpayne/go-kml/v3"

	"github.com/lodemap/lodemap/geo/layer"
	gkml "github.com/twpayne/go-geom/encoding/kml"
)

// KV is one attribute: a key and its value as text.
type KV struct{ Key, Value string }

// Describer gives feature i of l what is written of it besides its name
// and geometry: its attributes, in order, and a description text.
type Describer func(l *layer.Layer, i int) (attrs []KV, description string, err error)

// Options say what is written besides the layers' features.
type Options struct {
	Name string // the document's name; "" is "Lodemap"
	// Describe, when not nil, gives each feature its attributes and
	// description; nil writes Attributes (the feature's own).
	Describe Describer
	// Filter, by layer id, leaves out the features its masks do not let
	// through (render.Input's Filter).
	Filter map[string]*layer.Mask
	// Status, by layer id, replaces the features' statuses (render.Input's
	// Status: the time slider's date).
	Status map[string]*layer.Statuses
}

// Write writes layers as one KML document to w, stopping when ctx is done.
// progress (optional) is called with the features written and the total.
func Write(ctx context.Context, w io.Writer, layers []*layer.Layer, o Options, progress func(done, total int)) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(xml.Header); err != nil {
		return fmt.Errorf("kml: %w", err)
	}
	enc := xml.NewEncoder(bw)
	if err := writeDoc(ctx, enc, layers, o, progress); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("kml: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("kml: %w", err)
	}
	return nil
}

// WriteKMZ writes layers as a KMZ archive to w: the KML document as
// doc.kml, compressed.
func WriteKMZ(ctx context.Context, w io.Writer, layers []*layer.Layer, o Options, progress func(done, total int)) error {
	zw := zip.NewWriter(w)
	doc, err := zw.Create("doc.kml")
	if err != nil {
		return fmt.Errorf("kml: kmz: %w", err)
	}
	if err := Write(ctx, doc, layers, o, progress); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("kml: kmz: %w", err)
	}
	return nil
}

// writeDoc encodes the kml element: the Document, its name, the styles,
// then a Folder per layer.
func writeDoc(ctx context.Context, enc *xml.Encoder, layers []*layer.Layer, o Options, progress func(done, total int)) error {
	name := o.Name
	if name == "" {
		name = "Lodemap"
	}
	root := xml.StartElement{Name: xml.Name{Space: gokml.Namespace, Local: "kml"}}
	doc := xml.StartElement{Name: xml.Name{Local: "Document"}}
	looks := newLooks(layers, o)
	if err := encode(enc, root, doc, gokml.Name(name)); err != nil {
		return err
	}
	for _, s := range looks.styles() {
		if err := encode(enc, s); err != nil {
			return err
		}
	}
	done, total := 0, 0
	for _, l := range layers {
		total += o.Filter[l.ID].Count(l.Len())
	}
	for _, l := range layers {
		folder := xml.StartElement{Name: xml.Name{Local: "Folder"}}
		if err := encode(enc, folder, gokml.Name(l.Title)); err != nil {
			return err
		}
		mask := o.Filter[l.ID]
		for i := range l.Len() {
			if i%256 == 0 && ctx.Err() != nil {
				return fmt.Errorf("kml: %w", context.Cause(ctx))
			}
			if !mask.Has(i) {
				continue
			}
			pm, err := placemarkOf(l, i, o, looks)
			if err == nil {
				err = enc.Encode(pm)
			}
			if err != nil {
				return fmt.Errorf("kml: %s feature %q: %w", l.ID, l.IDs[i], err)
			}
			if done++; progress != nil && (done%1024 == 0 || done == total) {
				progress(done, total)
			}
		}
		if err := encode(enc, folder.End()); err != nil {
			return err
		}
	}
	return encode(enc, doc.End(), root.End())
}

// encode writes tokens (start and end elements) and elements in order.
func encode(enc *xml.Encoder, items ...any) error {
	for _, it := range items {
		var err error
		switch it := it.(type) {
		case xml.StartElement:
			err = enc.EncodeToken(it)
		case xml.EndElement:
			err = enc.EncodeToken(it)
		default:
			err = enc.Encode(it)
		}
		if err != nil {
			return fmt.Errorf("kml: %w", err)
		}
	}
	return nil
}

// placemarkOf builds feature i's Placemark.
func placemarkOf(l *layer.Layer, i int, o Options, looks *looks) (*placemark, error) {
	describe := o.Describe
	if describe == nil {
		describe = Attributes
	}
	attrs, desc, err := describe(l, i)
	if err != nil {
		return nil, err
	}
	pm := &placemark{id: l.IDs[i], children: []gokml.Element{gokml.Name(l.Names[i])}}
	if desc != "" {
		pm.children = append(pm.children, gokml.Description(desc))
	}
	pm.children = append(pm.children, gokml.StyleURL("#"+looks.id(l.Kinds[i], o.Status[l.ID].Of(l, i))))
	if len(attrs) > 0 {
		data := make([]gokml.Element, len(attrs))
		for k, a := range attrs {
			data[k] = gokml.Data(a.Key, gokml.Value(a.Value))
		}
		pm.children = append(pm.children, gokml.ExtendedData(data...))
	}
	g, err := toGeom(l.Geometry(i))
	if err != nil || g == nil {
		return pm, err
	}
	e, err := gkml.Encode(g)
	if err != nil {
		return nil, fmt.Errorf("kml: %w", err)
	}
	pm.children = append(pm.children, e)
	return pm, nil
}

// placemark is a Placemark with an id attribute, which go-kml's has not.
type placemark struct {
	id       string
	children []gokml.Element
}

// MarshalXML is part of xml.Marshaler.
func (p *placemark) MarshalXML(enc *xml.Encoder, _ xml.StartElement) error {
	start := xml.StartElement{Name: xml.Name{Local: "Placemark"}}
	if p.id != "" {
		start.Attr = []xml.Attr{{Name: xml.Name{Local: "id"}, Value: p.id}}
	}
	items := make([]any, 0, len(p.children)+2)
	items = append(items, start)
	for _, c := range p.children {
		items = append(items, c)
	}
	return encode(enc, append(items, start.End())...)
}
