package data

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"sync"

	"github.com/paulmach/orb"
)

const (
	// gpkgWorkers is how many connections read a table at once.
	gpkgWorkers = 2
	// chunkRows is how many keys (rowids) one query of a table covers.
	chunkRows = 1 << 15
)

// rowChunk is one range of a table's keys, [lo, hi], and its features once
// read; all is the whole table where it has no rowid (a view).
type rowChunk struct {
	seq    int
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

// scan reads the table's rows into the layer: workers, each on its own
// connection, read ranges of keys and decode their features; this
// goroutine adds them in key order. It stops when ctx is done.
func (r *tableReader) scan(ctx context.Context, db *sql.DB, total int) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chunks := r.chunks(ctx, db, total)
	jobs, done := make(chan *rowChunk), make(chan *rowChunk, gpkgWorkers)
	// slots holds the feature buffers of the chunks being read and not yet
	// added, so a chunk's buffer is used again by a later chunk.
	slots := make(chan []gpkgFeature, 2*gpkgWorkers)
	for range cap(slots) {
		slots <- make([]gpkgFeature, 0, chunkRows)
	}
	var wg sync.WaitGroup
	for range gpkgWorkers {
		wg.Go(func() { r.worker(ctx, db, jobs, done) })
	}
	go func() {
		defer func() { close(jobs); wg.Wait(); close(done) }()
		for _, c := range chunks {
			select {
			case c.feats = <-slots:
			case <-ctx.Done():
				return
			}
			jobs <- c
		}
	}()
	pending := map[int]*rowChunk{}
	next, n := 0, 0
	var err error
	for c := range done {
		pending[c.seq] = c
		for c := pending[next]; c != nil; c = pending[next] {
			delete(pending, next)
			next++
			if err == nil && c.err != nil {
				err = c.err
				cancel()
			}
			if err != nil {
				slots <- c.feats[:0]
				continue
			}
			for i := range c.feats {
				n++
				r.add(&c.feats[i], n)
			}
			if next == 1 && total > n && n > 0 {
				// Room for the other records at the first chunk's mean
				// size and a little more: the arena then grows once.
				r.l.GrowRecords((total - n) * (r.recBytes/n + 8))
			}
			r.src.Progress.report(n, max(n, total), r.l)
			clear(c.feats)
			slots <- c.feats[:0]
		}
	}
	return err
}

// chunks splits the table's keys into ranges. A table without rowids, or
// whose keys are spread far wider than its total rows, is one chunk.
func (r *tableReader) chunks(ctx context.Context, db *sql.DB, total int) []*rowChunk {
	var lo, hi sql.NullInt64
	t := quoteIdent(r.t.name)
	// Two subqueries: min and max in one would scan the table.
	err := db.QueryRowContext(ctx, "SELECT (SELECT min("+r.q.key+") FROM "+t+"), (SELECT max("+r.q.key+") FROM "+t+")").Scan(&lo, &hi)
	if err != nil || hi.Int64-lo.Int64 > 4*int64(total)+16*chunkRows {
		return []*rowChunk{{all: true}}
	}
	var out []*rowChunk
	for k := lo.Int64; lo.Valid && k <= hi.Int64; k += chunkRows {
		out = append(out, &rowChunk{seq: len(out), lo: k, hi: k + chunkRows - 1})
	}
	return out
}

// worker reads the chunks it is given on a connection of its own, below
// database/sql: the driver fills one reused row of values.
func (r *tableReader) worker(ctx context.Context, db *sql.DB, jobs <-chan *rowChunk, done chan<- *rowChunk) {
	conn, err := db.Conn(ctx)
	if err == nil {
		defer conn.Close()
		err = conn.Raw(func(dc any) error {
			qc, ok := dc.(driver.QueryerContext)
			if !ok {
				return errors.New("the SQLite driver cannot query")
			}
			for c := range jobs {
				c.err = r.readChunk(ctx, qc, c)
				done <- c
			}
			return nil
		})
	}
	for c := range jobs { // only when the connection failed
		c.err = err
		done <- c
	}
}

// readChunk reads and decodes one chunk's rows.
func (r *tableReader) readChunk(ctx context.Context, qc driver.QueryerContext, c *rowChunk) error {
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
}

// decode decodes one row: its fields, and its geometry reprojected and
// checked. scratch is the worker's to reuse.
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
	if f.err == nil && f.g != nil {
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

// add adds a decoded feature, the n-th of the table; one whose geometry is
// wrong is reported and listed without a place.
func (r *tableReader) add(f *gpkgFeature, n int) {
	if f.err == errRow {
		r.problem("row %d: %v", n, f.err)
		return
	}
	if f.err != nil {
		r.problem("feature %s: %v", f.id, f.err)
	}
	s := site{ID: f.id, Name: f.name, Kind: f.kind, Status: f.status}
	s.checkFields(r.src.Schema, r.problem)
	p, isPoint := f.g.(orb.Point)
	r.recBytes += len(f.record)
	r.l.Add(s.ID, s.Name, s.Kind, s.Status, p, f.record, n)
	if !isPoint || r.l.HasShapes() {
		r.l.SetGeometry(f.g)
	}
}
