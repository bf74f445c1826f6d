package data

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"

	"github.com/lodemap/lodemap/geo/layer"
)

// Format is a layer file format: how to recognise a file of it and how to
// read one. A reader sets the layer's Decoder, which turns a record back
// into the feature's properties for the details panel.
type Format struct {
	Name string
	// Extensions are the file name endings of the format, lower case with
	// the dot (".csv.gz"); they also name the layer files of a dataset.
	Extensions []string
	// Sniff reports whether a file's first bytes are of this format; nil
	// when the format is known by its extension only.
	Sniff func(head []byte) bool
	// Read reads a whole file into its layers (one for most formats; one
	// per feature table, folder or table for a GeoPackage or a KML) and the
	// problems found in it. It stops when ctx is done and returns what it
	// has read.
	Read func(ctx context.Context, src *Source) ([]*layer.Layer, Problems)
}

// Source is one layer file handed to a Format's reader.
type Source struct {
	Bytes   []byte // the file's contents
	ID      string // the layer's id
	Display string // the file's name in problems
	// Path is the file on disk, or "" when it came from elsewhere (an
	// embedded dataset): a reader that needs a file (SQLite) writes Bytes
	// to a temporary one then.
	Path string
	// Sibling reads the file beside this one whose name ends in ext
	// instead of this one's extension (a Shapefile's ".dbf"); nil when
	// there are no siblings to read.
	Sibling func(ext string) ([]byte, error)
	// Schema is whether the dataset schema applies: true for a dataset's
	// own layers, false for a file the user adds beside them.
	Schema   bool
	Progress *Progress // optional

	// records is where records that point into Bytes are read back from
	// once the reader is done; kept records whether a reader used it.
	records io.ReaderAt
	kept    bool
	// decoded, when not nil, is told how far Bytes have been read, so the
	// pages of a mapped file behind that point can be dropped.
	decoded func(upTo int)
}

// keepRecords makes the layer read its records, offsets into Bytes, back
// from where Bytes came from.
func (s *Source) keepRecords(l *layer.Layer) {
	l.SetSource(s.records)
	s.kept = true
}

// formats are the registered formats, in the order they are sniffed.
var formats []Format

// RegisterFormat adds a layer file format. Formats register in this file's
// init, so that their order (the order content is sniffed in) is in one
// place.
func RegisterFormat(f Format) { formats = append(formats, f) }

func init() {
	RegisterFormat(fgbFormat)
	RegisterFormat(geoJSONFormat)
	RegisterFormat(csvFormat)
	RegisterFormat(kmlFormat)
	RegisterFormat(gpkgFormat)
	RegisterFormat(shpFormat)
}

// FormatOf returns the format of a layer file: the first whose sniffer
// recognises its first bytes, else the one its name's extension names.
func FormatOf(name string, head []byte) (Format, error) {
	for _, f := range formats {
		if f.Sniff != nil && f.Sniff(head) {
			return f, nil
		}
	}
	base := strings.ToLower(path.Base(name))
	for _, f := range formats {
		for _, ext := range f.Extensions {
			if strings.HasSuffix(base, ext) {
				return f, nil
			}
		}
	}
	return Format{}, fmt.Errorf("data: %s is not a layer file Lodemap can read (%s)", path.Base(name), strings.Join(layerGlobs(), ", "))
}

// FileTypes are the last extensions ("." and lower case) of the layer files
// the registered formats read, for a file dialog's filter: ".csv.gz" is
// ".gz".
func FileTypes() []string {
	var out []string
	for _, f := range formats {
		for _, ext := range f.Extensions {
			if e := path.Ext(ext); !slices.Contains(out, e) {
				out = append(out, e)
			}
		}
	}
	return out
}

// layerGlobs are the file name patterns of every registered extension.
func layerGlobs() []string {
	var out []string
	for _, f := range formats {
		for _, ext := range f.Extensions {
			out = append(out, "*"+ext)
		}
	}
	return out
}

// LayerID makes a layer id from a file name: the name without the longest
// registered extension it ends in (or without its last extension).
func LayerID(name string) string {
	base := path.Base(name)
	lower := strings.ToLower(base)
	best := path.Ext(base)
	for _, f := range formats {
		for _, ext := range f.Extensions {
			if strings.HasSuffix(lower, ext) && len(ext) > len(best) {
				best = ext
			}
		}
	}
	return base[:len(base)-len(best)]
}

// readSource reads src by the format of its name and content.
func readSource(ctx context.Context, name string, src *Source) ([]*layer.Layer, Problems) {
	f, err := FormatOf(name, src.Bytes[:min(len(src.Bytes), 512)])
	if err != nil {
		return nil, Problems{{File: src.Display, Msg: strings.TrimPrefix(err.Error(), "data: ")}}
	}
	if src.records == nil {
		src.records = bytes.NewReader(src.Bytes)
	}
	return f.Read(ctx, src)
}

// ReadLayers reads one layer file's bytes the way a file added beside a
// dataset is read (no dataset schema), in the format its content or name
// shows. display names the file in problems.
func ReadLayers(b []byte, name, display string) ([]*layer.Layer, Problems) {
	return readSource(context.Background(), name, &Source{Bytes: b, ID: LayerID(name), Display: display})
}

// one is the layers of a format that reads one layer a file: l, or none.
func one(l *layer.Layer) []*layer.Layer {
	if l == nil {
		return nil
	}
	return []*layer.Layer{l}
}

// bomLen is the length of the UTF-8 byte-order mark that some editors put
// at the start of a text file, or 0 when b does not start with one.
func bomLen(b []byte) int {
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		return 3
	}
	return 0
}

// jsonRecord is the Decoder of a layer whose records are already JSON
// objects of the feature's properties (a Shapefile's rows).
type jsonRecord struct{}

// Properties returns the record itself.
func (jsonRecord) Properties(rec []byte) ([]byte, error) { return rec, nil }
