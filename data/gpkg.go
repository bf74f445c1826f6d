package data

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/lodemap/lodemap/geo/layer"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver, pure Go
)

// gpkgFormat reads a GeoPackage (an SQLite database, geopackage.org): each
// feature table listed in its gpkg_contents is a layer, reprojected to
// WGS 84 when it is in another coordinate system.
var gpkgFormat = Format{
	Name:       "GeoPackage",
	Extensions: []string{".gpkg"},
	Sniff:      isGeoPackage,
	Read:       readGPKG,
}

// sqliteMagic starts every SQLite 3 database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// isGeoPackage reports whether a file's head is an SQLite database whose
// application id (at byte 68) says GeoPackage.
func isGeoPackage(head []byte) bool {
	if len(head) < 72 || !bytes.HasPrefix(head, sqliteMagic) {
		return false
	}
	switch string(head[68:72]) {
	case "GPKG", "GP10", "GP11":
		return true
	}
	return false
}

// readGPKG reads every feature table of a GeoPackage into a layer: its
// title is the table's identifier, its id the file's, followed by "-" and
// the table's name when the file has several tables.
func readGPKG(ctx context.Context, src *Source) ([]*layer.Layer, Problems) {
	var probs Problems
	report := func(format string, args ...any) {
		probs = append(probs, Problem{File: src.Display, Msg: fmt.Sprintf(format, args...)})
	}
	if !bytes.HasPrefix(src.Bytes, sqliteMagic) {
		report("not a GeoPackage: the file is not an SQLite database")
		return nil, probs
	}
	path, cleanup, err := sqliteFile(src)
	if err != nil {
		report("cannot make a temporary copy to read: %v", err)
		return nil, probs
	}
	defer cleanup()
	db, err := sql.Open("sqlite", sqliteDSN(path))
	if err != nil {
		report("cannot open the GeoPackage: %s", sqlWords(err))
		return nil, probs
	}
	defer db.Close()
	tables, err := gpkgTables(ctx, db)
	if err != nil {
		report("%s", sqlWords(err))
		return nil, probs
	}
	var ls []*layer.Layer
	for _, t := range tables {
		id := src.ID
		if len(tables) > 1 {
			id += "-" + t.name
		}
		tr := &tableReader{src: src, t: t, report: report}
		if l := tr.read(ctx, db, id); l != nil {
			ls = append(ls, l)
		}
		if ctx.Err() != nil {
			break
		}
	}
	return ls, probs
}

// sqliteFile returns the path of the source's file, or of a temporary copy
// of its bytes when it has none on disk (an embedded dataset), and what
// removes that copy.
func sqliteFile(src *Source) (string, func(), error) {
	if src.Path != "" {
		return src.Path, func() {}, nil
	}
	f, err := os.CreateTemp("", "lodemap-*.gpkg")
	if err != nil {
		return "", nil, err
	}
	cleanup := func() { os.Remove(f.Name()) }
	_, err = f.Write(src.Bytes)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		cleanup()
		return "", nil, err
	}
	return f.Name(), cleanup, nil
}

// sqliteDSN is a read-only SQLite URI for a file path, whatever characters
// the path holds.
func sqliteDSN(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive: file:///C:/...
	}
	return (&url.URL{Scheme: "file", Path: p, RawQuery: "mode=ro"}).String()
}

// sqliteCode is the result code SQLite's messages end in, " (26)".
var sqliteCode = regexp.MustCompile(`\s*\(\d+\)$`)

// sqlWords is an SQLite error as a sentence for a problem: without the
// driver's prefix and the result code.
func sqlWords(err error) string {
	s := sqliteCode.ReplaceAllString(err.Error(), "")
	s = strings.TrimPrefix(s, "SQL logic error: ")
	switch {
	case strings.Contains(s, "file is not a database"):
		return "not a GeoPackage: the file is not an SQLite database (" + s + ")"
	case strings.Contains(s, "malformed"):
		return "the GeoPackage is damaged or cut short (" + s + ")"
	}
	return s
}

// gpkgTable is one feature table as gpkg_contents and
// gpkg_geometry_columns list it.
type gpkgTable struct {
	name, title string
	geom        string // the geometry column
	srsID       int64
}

// gpkgTables lists a GeoPackage's feature tables in gpkg_contents order.
func gpkgTables(ctx context.Context, db *sql.DB) ([]gpkgTable, error) {
	var n int
	err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE name = 'gpkg_contents'`).Scan(&n)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, fmt.Errorf("not a GeoPackage: the database has no gpkg_contents table")
	}
	rows, err := db.QueryContext(ctx, `SELECT c.table_name, coalesce(c.identifier, ''), g.column_name, g.srs_id
		FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
		WHERE lower(c.data_type) = 'features' ORDER BY c.rowid`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []gpkgTable
	for rows.Next() {
		var t gpkgTable
		if err := rows.Scan(&t.name, &t.title, &t.geom, &t.srsID); err != nil {
			return nil, err
		}
		if t.title == "" {
			t.title = t.name
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("the GeoPackage has no feature tables (gpkg_contents lists none with a geometry column)")
	}
	return out, nil
}
