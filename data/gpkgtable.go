package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/lodemap/lodemap/geo/crs"
	"github.com/lodemap/lodemap/geo/layer"
)

// tableReader reads one feature table of a GeoPackage into a layer.
type tableReader struct {
	src    *Source
	t      gpkgTable
	report func(format string, args ...any) // a problem of the file
	tr     *crs.Transform                   // nil when the table is in WGS 84
	crs    string                           // the table's system when it is not
	q      gpkgQuery
	l      *layer.Layer
	// recBytes is the size of the records added, to foresee the rest.
	recBytes int
	// found are the problems of the table's features, reported once the
	// table is read (a second reading starts them anew); bad counts them,
	// and past maxFeatureProblems they are only counted.
	found []string
	bad   int
}

// maxFeatureProblems is how many features' problems a table reports one
// by one; the rest are counted in one line.
const maxFeatureProblems = 20

// read reads the table into a layer of the given id, or returns nil (and
// reports why) when it cannot be shown.
func (r *tableReader) read(ctx context.Context, db *sql.DB, id string) *layer.Layer {
	if !r.transform(ctx, db) {
		return nil
	}
	cols, err := gpkgColumns(ctx, db, r.t.name)
	if err != nil {
		r.report("table %s: %s", r.t.name, sqlWords(err))
		return nil
	}
	total := r.count(ctx, db)
	for _, anyBlob := range []bool{false, true} {
		r.q = newGPKGQuery(r.t, cols, anyBlob)
		r.l = &layer.Layer{ID: id, Title: r.src.title(r.t.title), File: r.src.Display, CRS: r.crs, Decoder: newGPKGProps(r.q.names)}
		r.l.Grow(total)
		r.found, r.bad, r.recBytes = nil, 0, 0
		err = r.scan(ctx, db, total)
		if err == nil || !strings.Contains(err.Error(), "JSON cannot hold BLOB values") {
			break
		}
	}
	if err != nil && ctx.Err() == nil {
		r.report("table %s: %s", r.t.name, sqlWords(err))
	}
	for _, msg := range r.found {
		r.report("table %s: %s", r.t.name, msg)
	}
	if r.bad > maxFeatureProblems {
		r.report("table %s: %d more features with problems like those above", r.t.name, r.bad-maxFeatureProblems)
	}
	return r.l
}

// problem reports a problem of one feature, up to maxFeatureProblems.
func (r *tableReader) problem(format string, args ...any) {
	if r.bad++; r.bad <= maxFeatureProblems {
		r.found = append(r.found, fmt.Sprintf(format, args...))
	}
}

// transform resolves the table's coordinate system from
// gpkg_spatial_ref_sys: by organization and code, else by its WKT. It
// reports whether the table can be shown: one in a system that cannot be
// resolved is not, rather than drawn in the wrong place. The undefined
// systems (srs_id 0 and -1) are taken as longitude and latitude.
func (r *tableReader) transform(ctx context.Context, db *sql.DB) bool {
	if r.t.srsID == 0 || r.t.srsID == -1 || r.t.srsID == 4326 {
		return true
	}
	var name, org, def sql.NullString
	var code sql.NullInt64
	err := db.QueryRowContext(ctx, `SELECT srs_name, organization, organization_coordsys_id, definition
		FROM gpkg_spatial_ref_sys WHERE srs_id = ?`, r.t.srsID).Scan(&name, &org, &code, &def)
	if err == sql.ErrNoRows {
		r.report("table %s: its coordinate system (srs_id %d) is not in gpkg_spatial_ref_sys; the table is not shown", r.t.name, r.t.srsID)
		return false
	}
	if err != nil {
		r.report("table %s: %s", r.t.name, sqlWords(err))
		return false
	}
	c, err := crs.ParseCode(org.String, code.Int64)
	byCode := err == nil
	if err != nil && def.String != "" && def.String != "undefined" {
		c, err = crs.Parse(def.String)
	}
	if err == nil {
		if c.IsWGS84() {
			return true
		}
		if r.tr, err = crs.ToWGS84(c); err == nil {
			r.crs = c.Name()
			if byCode {
				r.crs += fmt.Sprintf(" (%s:%d)", org.String, code.Int64)
			}
			return true
		}
	}
	r.report("table %s: unknown coordinate system \"%s:%d\" (%s, srs_id %d); the table is not shown, so as not to draw it in the wrong place",
		r.t.name, org.String, code.Int64, strings.TrimSpace(name.String), r.t.srsID)
	return false
}

// count is how many features the table holds: GDAL's gpkg_ogr_contents
// says so where it exists; else the rows are counted.
func (r *tableReader) count(ctx context.Context, db *sql.DB) int {
	var n sql.NullInt64
	err := db.QueryRowContext(ctx, `SELECT feature_count FROM gpkg_ogr_contents WHERE lower(table_name) = lower(?)`, r.t.name).Scan(&n)
	if err != nil || !n.Valid {
		db.QueryRowContext(ctx, `SELECT count(*) FROM `+quoteIdent(r.t.name)).Scan(&n)
	}
	return int(max(n.Int64, 0))
}

// gpkgColumn is one column of a feature table.
type gpkgColumn struct {
	name, decl string // the declared type, upper case
	pk         bool
}

// gpkgColumns lists a table's columns in order.
func gpkgColumns(ctx context.Context, db *sql.DB, table string) ([]gpkgColumn, error) {
	rows, err := db.QueryContext(ctx, `SELECT name, upper(type), pk FROM pragma_table_info(?)`, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []gpkgColumn
	for rows.Next() {
		var c gpkgColumn
		var pk int
		if err := rows.Scan(&c.name, &c.decl, &pk); err != nil {
			return nil, err
		}
		c.pk = pk > 0
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no such table")
	}
	return out, nil
}

// quoteIdent quotes an SQL identifier.
func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// gpkgProps is the Decoder of a GeoPackage layer: its records are JSON
// arrays of the id and the values, and it knows the columns they are of.
type gpkgProps struct {
	keys [][]byte // each column's name as a JSON string
}

func newGPKGProps(names []string) *gpkgProps {
	d := &gpkgProps{}
	for _, n := range names {
		k, _ := json.Marshal(n)
		d.keys = append(d.keys, k)
	}
	return d
}

// Properties turns a record into a JSON object keyed by column, in column
// order.
func (d *gpkgProps) Properties(rec []byte) ([]byte, error) {
	var vals []json.RawMessage
	if err := json.Unmarshal(rec, &vals); err != nil {
		return nil, fmt.Errorf("data: a GeoPackage record: %w", err)
	}
	if len(vals) != len(d.keys)+1 {
		return nil, fmt.Errorf("data: a GeoPackage record of %d values for %d columns", len(vals)-1, len(d.keys))
	}
	out := make([]byte, 0, len(rec)+16*len(vals))
	out = append(out, '{')
	for i, v := range vals[1:] {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(append(append(out, d.keys[i]...), ':'), v...)
	}
	return append(out, '}'), nil
}
