package data

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/lodemap/lodemap/geo/layer"
)

// kmlFormat reads KML files and KMZ archives (a zip holding a KML): one
// layer per Folder that holds Placemarks, with their points, lines and
// polygons, names, descriptions as plain text and ExtendedData.
var kmlFormat = Format{
	Name:       "KML",
	Extensions: []string{".kml", ".kmz"},
	Sniff:      func(head []byte) bool { return sniffKML(head) || sniffKMZ(head) },
	Read:       readKML,
}

// zipMagic starts a zip archive's first local file header.
var zipMagic = []byte("PK\x03\x04")

// sniffKML reports whether head starts a KML document: "<kml" after an
// optional byte-order mark, XML declaration and comments.
func sniffKML(head []byte) bool {
	i := skipWS(head, bomLen(head))
	rest := head[i:]
	if bytes.HasPrefix(rest, []byte("<kml")) {
		return true
	}
	return bytes.HasPrefix(rest, []byte("<?xml")) && bytes.Contains(rest, []byte("<kml"))
}

// sniffKMZ reports whether head starts a zip archive whose first entry is
// a .kml file, as a KMZ's doc.kml is.
func sniffKMZ(head []byte) bool {
	return strings.EqualFold(path.Ext(firstZipEntry(head)), ".kml")
}

// firstZipEntry is the name of the first file in a zip archive that head
// starts, or "" when head does not start one.
func firstZipEntry(head []byte) string {
	if len(head) < 30 || !bytes.HasPrefix(head, zipMagic) {
		return ""
	}
	n := int(head[26]) | int(head[27])<<8
	if 30+n > len(head) {
		return ""
	}
	return string(head[30 : 30+n])
}

// readKML reads a KML file, or the KML inside a KMZ, into its layers.
func readKML(ctx context.Context, src *Source) ([]*layer.Layer, Problems) {
	p := newKMLParser(ctx)
	if bytes.HasPrefix(src.Bytes, zipMagic) {
		if err := p.runKMZ(src.Bytes, src.Display); err != nil {
			return nil, Problems{{File: src.Display, Msg: err.Error()}}
		}
	} else {
		p.decoded = src.decoded
		p.run(src.Bytes, src.Display)
	}
	ls, probs := p.layers(src)
	return ls, append(p.probs, probs...).sorted()
}

// runKMZ reads a KMZ archive: its doc.kml (else its first .kml file), then
// the KML files in the archive that NetworkLinks name (GDAL writes a KMZ's
// layers so), each once. Problems name them as display/name.
func (p *kmlParser) runKMZ(b []byte, display string) error {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return fmt.Errorf("not a KMZ archive that can be read: %w", err)
	}
	files := map[string]*zip.File{}
	var doc *zip.File
	for _, f := range zr.File {
		files[f.Name] = f
		if strings.EqualFold(f.Name, "doc.kml") || doc == nil && strings.EqualFold(path.Ext(f.Name), ".kml") {
			doc = f
		}
	}
	if doc == nil {
		return fmt.Errorf("the KMZ archive holds no .kml file")
	}
	seen := map[string]bool{}
	for queue := []*zip.File{doc}; len(queue) > 0 && p.ctx.Err() == nil; queue = queue[1:] {
		f := queue[0]
		seen[f.Name] = true
		kml, err := readZipped(f)
		if err != nil {
			p.report(0, "%v", err)
			continue
		}
		p.links = nil
		p.run(kml, display+"/"+f.Name)
		for _, href := range p.links {
			name := path.Join(path.Dir(f.Name), href)
			if g := files[name]; g != nil && !seen[name] && strings.EqualFold(path.Ext(name), ".kml") {
				seen[name] = true
				queue = append(queue, g)
			}
		}
	}
	return nil
}

// readZipped reads one file of a zip archive.
func readZipped(f *zip.File) ([]byte, error) {
	r, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("cannot read %s in the archive: %w", f.Name, err)
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s in the archive: %w", f.Name, err)
	}
	return b, nil
}
