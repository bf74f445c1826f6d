package data

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/lodemap/lodemap/geo/layer"
)

// csvFormat reads CSV point layers, gzipped or not.
var csvFormat = Format{
	Name:       "CSV",
	Extensions: []string{".csv", ".csv.gz"},
	Sniff:      func(head []byte) bool { return bytes.HasPrefix(head, gzipMagic) },
	Read: func(ctx context.Context, src *Source) ([]*layer.Layer, Problems) {
		l, p := readCSV(ctx, src)
		return one(l), p
	},
}

// gzipMagic starts every gzip stream; a gzipped layer is a gzipped CSV.
var gzipMagic = []byte{0x1f, 0x8b}

// Column names recognised in a CSV or FlatGeobuf header, in order of
// preference.
var csvColumns = map[string][]string{
	"lon":       {"lon", "longitude", "lng", "long", "x"},
	"lat":       {"lat", "latitude", "y"},
	"id":        {"id", "record_id", "site_id", "fid"},
	"name":      {"name", "site_name", "title"},
	"kind":      {"kind"},
	"status":    {"status"},
	"precision": {"coord_precision"},
}

// readCSV reads a CSV point layer, gzipped or not. The header must name a
// longitude and a latitude column; id, name, kind, status and
// coord_precision are used when present, and every column is kept in the
// record. A row without an id is numbered (layer-row).
func readCSV(ctx context.Context, src *Source) (*layer.Layer, Problems) {
	var probs Problems
	report := func(line int, format string, args ...any) {
		probs = append(probs, Problem{File: src.Display, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	b := src.Bytes
	l := &layer.Layer{ID: src.ID, Title: src.title(""), File: src.Display}
	if bytes.HasPrefix(b, gzipMagic) {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err == nil {
			b, err = io.ReadAll(zr)
		}
		if err != nil {
			report(0, "bad gzip: %v", err)
			return nil, probs
		}
		l.SetSource(bytes.NewReader(b)) // the records are in the inflated bytes
	} else {
		src.keepRecords(l)
	}
	bom := int64(bomLen(b))
	r := csv.NewReader(bytes.NewReader(b[bom:]))
	r.ReuseRecord = true
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		report(1, "no CSV header: %v", err)
		return nil, probs
	}
	dec := &csvProps{header: append([]string(nil), header...)}
	l.Decoder = dec
	col := findColumns(dec.header)
	if col["lon"] < 0 || col["lat"] < 0 {
		report(1, "the header names no longitude and latitude columns (looked for %s and %s)",
			strings.Join(csvColumns["lon"], ", "), strings.Join(csvColumns["lat"], ", "))
		return nil, probs
	}
	for row := 1; ctx.Err() == nil; row++ {
		start := bom + r.InputOffset()
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			report(line, "bad CSV row: %v", err)
			var pe *csv.ParseError
			if errors.As(err, &pe) && pe.Err == csv.ErrFieldCount {
				continue
			}
			return l, probs // a broken quote ends the file; keep what was read
		}
		s := csvSite(rec, col)
		if s.ID == "" {
			s.ID = generatedID(src.ID, row)
		}
		if s.check(src.Schema, func(format string, args ...any) { report(line, format, args...) }) {
			end := bom + r.InputOffset()
			s.add(l, start, int32(end-start), line)
		}
	}
	return l, probs
}

// csvSite is a row's feature for the feature check.
func csvSite(rec []string, col map[string]int) site {
	field := func(key string) string {
		if i := col[key]; i >= 0 && i < len(rec) {
			return rec[i]
		}
		return ""
	}
	s := site{ID: field("id"), Name: field("name"), Kind: field("kind"), Status: field("status"), Precision: field("precision")}
	var err1, err2 error
	s.Lon, err1 = strconv.ParseFloat(strings.TrimSpace(field("lon")), 64)
	s.Lat, err2 = strconv.ParseFloat(strings.TrimSpace(field("lat")), 64)
	if err1 != nil || err2 != nil {
		s.NoPoint = pointText(field("lon"), field("lat"))
	}
	return s
}

// findColumns maps each of csvColumns' keys to the first header column that
// names it (case-insensitive), or -1.
func findColumns(header []string) map[string]int {
	col := map[string]int{}
	for key, names := range csvColumns {
		col[key] = -1
		for _, n := range names {
			if i := indexFold(header, n); i >= 0 {
				col[key] = i
				break
			}
		}
	}
	return col
}

func indexFold(ss []string, want string) int {
	for i, s := range ss {
		if strings.EqualFold(strings.TrimSpace(s), want) {
			return i
		}
	}
	return -1
}

// csvProps is the Decoder of a CSV layer: it knows the header.
type csvProps struct{ header []string }

// Properties turns one CSV row into a JSON object keyed by the header.
func (c *csvProps) Properties(row []byte) ([]byte, error) {
	rec, err := csv.NewReader(bytes.NewReader(row)).Read()
	if err != nil {
		return nil, fmt.Errorf("data: csv row: %w", err)
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for i, h := range c.header {
		if i >= len(rec) {
			break
		}
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(h)
		v, _ := json.Marshal(rec[i])
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
