package data

import (
	"bytes"
	"strings"
)

// gpkgQuery is the SELECT that reads a table's features as one value a
// row, since each value read from SQLite costs three locked calls and an
// allocation: a blob of the id (the primary key), the name, kind and
// status (empty where the table has no such column), the feature's record
// (the values of every other column as JSON arrays, in column order, of at
// most jsonChunk columns each, as SQLite limits a function's arguments),
// each ended by a NUL byte, and then the geometry blob. The id and JSON
// text hold no NUL byte. A record holds values only, not the column names
// (the layer's Decoder adds them): a million records take 60 MB less, and
// memory new to the process is slow to touch.
type gpkgQuery struct {
	sql    string
	key    string   // the primary key column, or rowid
	chunks int      // how many JSON arrays the record is in
	names  []string // the record's columns
}

// jsonChunk is how many columns one json_array call takes.
const jsonChunk = 50

// nameColumns are the columns that name a feature, in order of preference
// (compared without case).
var nameColumns = []string{"name", "title", "label"}

// newGPKGQuery makes the query of a table with the given columns. When
// anyBlob is false, only columns declared BLOB are looked at for binary
// data (which JSON cannot hold); the query then fails on binary data in a
// column of another type, and the caller asks again with anyBlob true.
func newGPKGQuery(t gpkgTable, cols []gpkgColumn, anyBlob bool) gpkgQuery {
	id := "rowid"
	var props []gpkgColumn
	for _, c := range cols {
		switch {
		case c.pk && id == "rowid":
			id = quoteIdent(c.name)
		case c.name == t.geom:
		default:
			props = append(props, c)
		}
	}
	pick := func(names ...string) string {
		for _, want := range names {
			for _, c := range props {
				if strings.EqualFold(c.name, want) {
					return "ifnull(CAST(" + quoteIdent(c.name) + " AS TEXT), '')"
				}
			}
		}
		return "''"
	}
	fields := []string{"ifnull(" + id + ", '')", pick(nameColumns...), pick("kind"), pick("status")}
	q := gpkgQuery{key: id}
	for len(props) > 0 || q.chunks == 0 {
		n := min(len(props), jsonChunk)
		args := make([]string, 0, n)
		for _, c := range props[:n] {
			args = append(args, jsonValue(c, anyBlob))
			q.names = append(q.names, c.name)
		}
		fields = append(fields, "json_array("+strings.Join(args, ", ")+")")
		props = props[n:]
		q.chunks++
	}
	q.sql = "SELECT CAST(" + strings.Join(fields, " || char(0) || ") + " || char(0) || ifnull(" + quoteIdent(t.geom) + ", x'') AS BLOB) FROM " + quoteIdent(t.name)
	return q
}

// jsonValue is the SQL of a column's value in a record: a BOOLEAN column
// (0 or 1) as true or false, binary data as its size in words, anything
// else as SQLite has it.
func jsonValue(c gpkgColumn, anyBlob bool) string {
	v := quoteIdent(c.name)
	switch {
	case c.decl == "BOOLEAN":
		return "CASE " + v + " WHEN 0 THEN json('false') WHEN 1 THEN json('true') ELSE " + v + " END"
	case anyBlob || c.decl == "BLOB" || c.decl == "":
		return "iif(typeof(" + v + ") = 'blob', printf('%d bytes of binary data', length(" + v + ")), " + v + ")"
	}
	return v
}

// gpkgFields are the fields of one row.
type gpkgFields struct {
	id, name, kind, status string
	record                 []byte // one JSON array
	geom                   []byte // the geometry blob, empty for NULL
}

// split splits a row's blob b, which the caller gives up: the id, name,
// kind and status share one allocation; the record and the geometry are
// parts of b (the record is a new slice where it was in several arrays).
// It reports false when the fields cannot be told apart: a NUL byte in a
// name, kind or status.
func (q gpkgQuery) split(b []byte) (gpkgFields, bool) {
	var ends [4]int
	at := 0
	for i := range 4 + q.chunks {
		j := bytes.IndexByte(b[at:], 0)
		if j < 0 {
			return gpkgFields{}, false
		}
		if at += j + 1; i < 4 {
			ends[i] = at - 1
		}
	}
	if ends[3]+1 >= len(b) || b[ends[3]+1] != '[' || b[at-2] != ']' {
		return gpkgFields{}, false
	}
	text := string(b[:ends[3]])
	f := gpkgFields{record: b[ends[3]+1 : at-1], geom: b[at:]}
	f.id, f.name = text[:ends[0]], text[ends[0]+1:ends[1]]
	f.kind, f.status = text[ends[1]+1:ends[2]], text[ends[2]+1:]
	if q.chunks > 1 {
		f.record = joinArrays(f.record)
	}
	return f, true
}

// joinArrays joins JSON arrays separated by NUL bytes into one.
func joinArrays(b []byte) []byte {
	rec := make([]byte, 1, len(b))
	rec[0] = '['
	for part := range bytes.SplitSeq(b, []byte{0}) {
		if len(part) <= 2 {
			continue
		}
		if len(rec) > 1 {
			rec = append(rec, ',')
		}
		rec = append(rec, part[1:len(part)-1]...)
	}
	return append(rec, ']')
}
