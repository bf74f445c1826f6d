package data

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"runtime"

	"github.com/paulmach/orb"
)

// rowChunk is one range of a table's keys, [lo, hi], and its features once
// read; all is the whole table where it has no rowid (a view).
type rowChunk struct {
	lo, hi int64
	all    bool
	feats  []gpkgFeature
	err    error
}

// gpkgFeature is one row decoded by a worker: its fields, its geometry in
// lon/lat, and what is wrong with its geometry (then g is nil).
type gpkgFeature struct {
	gpkgFields
	g   orb.Geometry
	err error
}

// scan reads the table's rows into the layer: ranges of keys are read and
// decoded on every core, each on a connection of the pool, and added here
// in key order. It stops when ctx is done.
func (r *tableReader) scan(ctx context.Context, db *sql.DB, total int) error {
	db.SetMaxIdleConns(runtime.GOMAXPROCS(0))
	// Feature buffers are kept once added, for later chunks.
	free := make(chan []gpkgFeature, 8)
	var err error
	n := 0
	inParallel(ctx, func(send func(*rowChunk) bool) {
		for _, c := range r.chunks(ctx, db, total) {
			if !send(c) {
				return
			}
		}
	}, func(c *rowChunk) *rowChunk {
		select {
		case c.feats = <-free:
		default:
			c.feats = make([]gpkgFeature, 0, batchSize)
		}
		c.err = r.readChunk(ctx, db, c)
		return c
	}, func(c *rowChunk) bool {
		if c.err != nil {
			err = c.err
			return false
		}
		for i := range c.feats {
			n++
			r.add(&c.feats[i], n)
		}
		if n == len(c.feats) && total > n && n > 0 {
			// Room for the other records at the first chunk's mean size
			// and a little more: the arena then grows once.
			r.l.GrowRecords((total - n) * (r.recBytes/n + 8))
		}
		r.src.Progress.report(n, max(n, total), r.l)
		clear(c.feats)
		select {
		case free <- c.feats[:0]:
		default:
		}
		return true
	})
	return err
}

// chunks splits the table's keys into ranges of batchSize keys. A table
// without rowids, or whose keys are spread far wider than its total rows,
// is one chunk.
func (r *tableReader) chunks(ctx context.Context, db *sql.DB, total int) []*rowChunk {
	var lo, hi sql.NullInt64
	t := quoteIdent(r.t.name)
	// Two subqueries: min and max in one would scan the table.
	err := db.QueryRowContext(ctx, "SELECT (SELECT min("+r.q.key+") FROM "+t+"), (SELECT max("+r.q.key+") FROM "+t+")").Scan(&lo, &hi)
	if err != nil || hi.Int64-lo.Int64 > 4*int64(total)+16*batchSize {
		return []*rowChunk{{all: true}}
	}
	var out []*rowChunk
	for k := lo.Int64; lo.Valid && k <= hi.Int64; k += batchSize {
		out = append(out, &rowChunk{lo: k, hi: k + batchSize - 1})
	}
	return out
}

// readChunk reads and decodes one chunk's rows on a connection of the
// pool, below database/sql: the driver fills one reused row of values.
func (r *tableReader) readChunk(ctx context.Context, db *sql.DB, c *rowChunk) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		qc, ok := dc.(driver.QueryerContext)
		if !ok {
			return errors.New("the SQLite driver cannot query")
		}
		query, args := r.q.sql, []driver.NamedValue(nil)
		if !c.all {
			query += " WHERE " + r.q.key + " BETWEEN ? AND ?"
			args = []driver.NamedValue{{Ordinal: 1, Value: c.lo}, {Ordinal: 2, Value: c.hi}}
		}
		rows, err := qc.QueryContext(ctx, query, args)
		if err != nil {
			return err
		}
		defer rows.Close()
		row := make([]driver.Value, 1)
		var scratch []byte
		for {
			switch err := rows.Next(row); err {
			case nil:
				c.feats = append(c.feats, r.decode(row, &scratch))
			case io.EOF:
				return nil
			default:
				return err
			}
		}
	})
}

// decode decodes one row: its fields, and its geometry reprojected and,
// for a shape, checked. scratch is the worker's to reuse.
func (r *tableReader) decode(row []driver.Value, scratch *[]byte) gpkgFeature {
	b, _ := row[0].([]byte)
	fields, ok := r.q.split(b, scratch)
	if !ok {
		return gpkgFeature{err: errRow}
	}
	f := gpkgFeature{gpkgFields: fields}
	f.g, f.err = gpkgGeometry(f.geom)
	if f.err == nil && f.g != nil && r.tr != nil {
		f.g, f.err = r.tr.Geometry(f.g)
	}
	if _, point := f.g.(orb.Point); f.err == nil && f.g != nil && !point {
		// The feature check holds a point to the same rules.
		if p, bad := firstBadPoint(f.g); bad {
			f.err = errors.New(pointProblem(p[0], p[1]))
		}
	}
	if f.err != nil {
		f.g = nil
	}
	return f
}

// errRow is the problem of a row that is not as the query makes them.
var errRow = errors.New("cannot be read; the row is left out")

// add adds a decoded feature, the n-th of the table, held to the feature
// check; one whose shape is wrong is reported and listed without a place.
func (r *tableReader) add(f *gpkgFeature, n int) {
	if f.err == errRow {
		r.problem("row %d: %v", n, f.err)
		return
	}
	if f.err != nil {
		r.problem("feature %q: %v", f.id, f.err)
	}
	s := site{ID: f.id, Name: f.name, Kind: f.kind, Status: f.status}
	switch g := f.g.(type) {
	case nil:
		s.Null = true
	case orb.Point:
		s.Lon, s.Lat = g[0], g[1]
	default:
		s.Geom = g
	}
	if !s.check(r.src.Schema, r.problem) {
		return
	}
	r.recBytes += len(f.record)
	r.l.Add(s.ID, s.Name, s.Kind, s.Status, orb.Point{s.Lon, s.Lat}, f.record, n)
	s.place(r.l)
}
