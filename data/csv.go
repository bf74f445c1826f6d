package data

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/lodemap/lodemap/geo/layer"
	"github.com/paulmach/orb"
)

// Column names recognised in a CSV header, in order of preference.
var csvColumns = map[string][]string{
	"lon":    {"lon", "longitude", "lng", "long", "x"},
	"lat":    {"lat", "latitude", "y"},
	"id":     {"id", "record_id", "site_id", "fid"},
	"name":   {"name", "site_name", "title"},
	"kind":   {"kind"},
	"status": {"status"},
}

// readCSV reads a CSV point layer (gzipped when the name ends in .gz). The
// header must name a longitude and a latitude column; id, name, kind and
// status are used when present, and every column is kept in the record.
func readCSV(b []byte, id, display string) (*layer.Layer, Problems) {
	var probs Problems
	report := func(line int, format string, args ...any) {
		probs = append(probs, Problem{File: display, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	if bytes.HasPrefix(b, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err == nil {
			b, err = io.ReadAll(zr)
		}
		if err != nil {
			report(0, "bad gzip: %v", err)
			return nil, probs
		}
	}
	l := &layer.Layer{ID: id, Title: id, File: display, Format: "csv"}
	l.SetSource(bytes.NewReader(b))
	r := csv.NewReader(bytes.NewReader(b))
	r.ReuseRecord = true
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		report(1, "no CSV header: %v", err)
		return nil, probs
	}
	l.Header = append([]string(nil), header...)
	col := findColumns(header)
	if col["lon"] < 0 || col["lat"] < 0 {
		report(1, "the header names no longitude and latitude columns (looked for %s and %s)",
			strings.Join(csvColumns["lon"], ", "), strings.Join(csvColumns["lat"], ", "))
		return nil, probs
	}
	field := func(rec []string, key string) string {
		if i := col[key]; i >= 0 && i < len(rec) {
			return rec[i]
		}
		return ""
	}
	for row := 1; ; row++ {
		start := r.InputOffset()
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
		lon, err1 := strconv.ParseFloat(strings.TrimSpace(field(rec, "lon")), 64)
		lat, err2 := strconv.ParseFloat(strings.TrimSpace(field(rec, "lat")), 64)
		fid := field(rec, "id")
		if fid == "" {
			fid = fmt.Sprintf("%s-%d", id, row)
		}
		if err1 != nil || err2 != nil || math.IsNaN(lon) || math.IsNaN(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90 {
			report(line, "feature %q: coordinates (%s, %s) are not a lon/lat in range", fid, field(rec, "lon"), field(rec, "lat"))
			continue
		}
		name := field(rec, "name")
		if name == "" {
			name = fid
		}
		end := r.InputOffset()
		l.AddAt(fid, name, field(rec, "kind"), field(rec, "status"), orb.Point{lon, lat}, start, int32(end-start), line)
	}
	return l, probs
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

// csvProps turns one CSV row into a JSON object keyed by the header.
func csvProps(header []string, row []byte) (json.RawMessage, error) {
	rec, err := csv.NewReader(bytes.NewReader(row)).Read()
	if err != nil {
		return nil, fmt.Errorf("data: csv row: %w", err)
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for i, h := range header {
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
