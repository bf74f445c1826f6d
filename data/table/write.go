package table

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/paulmach/orb/geojson"
)

// WriteCSV writes the rows, in order, with the columns shown, and each
// feature's position (its point, or the anchor of a line or polygon) as
// longitude and latitude. The file starts with a UTF-8 byte order mark,
// so that spreadsheets read Turkish and other letters right.
func (t *Table) WriteCSV(ctx context.Context, w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("\ufeff")
	cw := csv.NewWriter(bw)
	head := append(slices.Clone(t.Columns), "longitude", "latitude")
	if err := cw.Write(head); err != nil {
		return fmt.Errorf("table: csv: %w", err)
	}
	rec := make([]string, len(head))
	for r := range t.Len() {
		if r%4096 == 0 && ctx.Err() != nil {
			return fmt.Errorf("table: csv: %w", context.Cause(ctx))
		}
		for k, c := range t.Columns {
			rec[k] = t.value(r, c)
		}
		rec[len(head)-2], rec[len(head)-1] = "", ""
		if i := t.Feature(r); t.Layer.Located(i) {
			p := t.Layer.LonLat[i]
			rec[len(head)-2], rec[len(head)-1] = coord(p[0]), coord(p[1])
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("table: csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("table: csv: %w", err)
	}
	return bw.Flush()
}

// value is a cell as saved: the layer's own codes for kind and status
// ("pilot_plant"), which read back as they were; other cells as shown.
func (t *Table) value(r int, field string) string {
	i := t.Feature(r)
	switch field {
	case FieldKind:
		return t.Layer.Kinds[i]
	case FieldStatus:
		return t.Layer.Status[i]
	}
	return t.Cell(r, field)
}

func coord(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// WriteGeoJSON writes the rows, in order, as an RFC 7946
// FeatureCollection: each feature's geometry, its id, and the columns
// shown as properties, attribute values as the file gave them (numbers
// stay numbers).
func (t *Table) WriteGeoJSON(ctx context.Context, w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(`{"type":"FeatureCollection","features":[`)
	for r := range t.Len() {
		if r%4096 == 0 && ctx.Err() != nil {
			return fmt.Errorf("table: geojson: %w", context.Cause(ctx))
		}
		if r > 0 {
			bw.WriteByte(',')
		}
		if err := t.writeFeature(bw, r); err != nil {
			return fmt.Errorf("table: geojson: %w", err)
		}
	}
	bw.WriteString("]}\n")
	return bw.Flush()
}

// writeFeature writes row r as a GeoJSON Feature.
func (t *Table) writeFeature(w *bufio.Writer, r int) error {
	i := t.Feature(r)
	var geom any // null for a feature without geometry
	if g := t.Layer.Geometry(i); g != nil {
		geom = geojson.NewGeometry(g)
	}
	gj, err := json.Marshal(geom)
	if err != nil {
		return err
	}
	id, _ := json.Marshal(t.Layer.IDs[i])
	fmt.Fprintf(w, "\n{\"type\":\"Feature\",\"id\":%s,\"geometry\":%s,\"properties\":{", id, gj)
	for k, c := range t.Columns {
		if k > 0 {
			w.WriteByte(',')
		}
		key, _ := json.Marshal(c)
		w.Write(key)
		w.WriteByte(':')
		w.Write(t.rawValue(r, c))
	}
	_, err = w.WriteString("}}")
	return err
}

// rawValue is a cell as JSON: the attribute as the file gave it, null
// when missing.
func (t *Table) rawValue(r int, field string) []byte {
	if slices.Contains(builtin, field) {
		b, _ := json.Marshal(t.value(r, field))
		return b
	}
	if raw := t.raw(t.Feature(r), field); raw != nil {
		return raw
	}
	return []byte("null")
}
