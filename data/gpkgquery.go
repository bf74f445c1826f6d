package data

import (
	"bytes"
	"encoding/json"
	"strings"
)

// gpkgQuery is the SELECT that reads a table's features as one value a
// row, since each value read from SQLite costs three locked calls and an
// allocation: the feature's record, then a NUL byte, then the geometry
// blob. The record is a JSON array of the id (the primary key) and the
// values of every other column, in column order; it comes as several
// arrays, each ended by a NUL byte, when there are more than jsonChunk
// columns (SQLite limits a function's arguments). JSON text holds no NUL
// byte. A record holds values only, not the column names (the layer's
// Decoder adds them): a million records take 60 MB less, and memory new to
// the process is slow to touch.
type gpkgQuery struct {
	sql    string
	key    string   // the primary key column, or rowid
	chunks int      // how many JSON arrays the record is in
	names  []string // the record's columns after the id
	// name, kind and status are the record's elements that hold them, 0
	// where the table has no such column.
	name, kind, status int
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
	q := gpkgQuery{key: "rowid"}
	var props []gpkgColumn
	for _, c := range cols {
		switch {
		case c.pk && q.key == "rowid":
			q.key = quoteIdent(c.name)
		case c.name != t.geom:
			props = append(props, c)
			q.names = append(q.names, c.name)
		}
	}
	pick := func(names ...string) int {
		for _, want := range names {
			for i, c := range props {
				if strings.EqualFold(c.name, want) {
					return i + 1
				}
			}
		}
		return 0
	}
	q.name, q.kind, q.status = pick(nameColumns...), pick("kind"), pick("status")
	args := []string{q.key}
	var arrays []string
	for _, c := range props {
		if len(args) == jsonChunk {
			arrays = append(arrays, "json_array("+strings.Join(args, ", ")+")")
			args = args[:0]
		}
		args = append(args, jsonValue(c, anyBlob))
	}
	arrays = append(arrays, "json_array("+strings.Join(args, ", ")+")")
	q.chunks = len(arrays)
	q.sql = "SELECT CAST(" + strings.Join(arrays, " || char(0) || ") + " || char(0) || ifnull(" +
		quoteIdent(t.geom) + ", x'') AS BLOB) FROM " + quoteIdent(t.name)
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
	record                 []byte // one JSON array: the id, then the values
	geom                   []byte // the geometry blob, empty for NULL
}

// split splits a row's blob b, which the caller gives up: the record and
// the geometry are parts of b (the record is a new slice where it was in
// several arrays); the id, name, kind and status share one allocation, made
// in scratch. It reports false when b is not a row of this query.
func (q gpkgQuery) split(b []byte, scratch *[]byte) (gpkgFields, bool) {
	at := 0
	for range q.chunks {
		i := bytes.IndexByte(b[at:], 0)
		if i < 0 {
			return gpkgFields{}, false
		}
		at += i + 1
	}
	f := gpkgFields{record: b[:at-1], geom: b[at:]}
	if q.chunks > 1 {
		f.record = joinArrays(f.record)
	}
	var els [4][]byte // id, name, kind, status
	want := [4]int{0, q.name, q.kind, q.status}
	last := max(q.name, q.kind, q.status)
	if len(f.record) < 2 || f.record[0] != '[' {
		return gpkgFields{}, false
	}
	for i, e, rest := 0, []byte(nil), f.record[1:]; i <= last && len(rest) > 0; i++ {
		e, rest = nextElement(rest)
		for k, w := range want {
			if w == i && (k == 0 || w > 0) {
				els[k] = e
			}
		}
	}
	buf := (*scratch)[:0]
	var ends [4]int
	for k, e := range els {
		buf = appendScalar(buf, e)
		ends[k] = len(buf)
	}
	*scratch = buf
	s := string(buf)
	f.id, f.name, f.kind, f.status = s[:ends[0]], s[ends[0]:ends[1]], s[ends[1]:ends[2]], s[ends[2]:]
	return f, true
}

// nextElement returns the first element of a JSON array of scalars (from
// just after the "[" or a ",") and what follows its comma.
func nextElement(b []byte) (elem, rest []byte) {
	end := 0
	if len(b) > 0 && b[0] == '"' {
		for end = 1; end < len(b); end++ {
			if b[end] == '\\' {
				end++
			} else if b[end] == '"' {
				end++
				break
			}
		}
		end = min(end, len(b))
	} else if end = bytes.IndexAny(b, ",]"); end < 0 {
		end = len(b)
	}
	elem, rest = b[:end], b[end:]
	if len(rest) > 0 && rest[0] == ',' {
		rest = rest[1:]
	} else {
		rest = nil
	}
	return elem, rest
}

// appendScalar appends a JSON scalar as text: a string unquoted, null as
// nothing, a number or boolean as written.
func appendScalar(buf, e []byte) []byte {
	switch {
	case len(e) == 0 || string(e) == "null":
		return buf
	case e[0] != '"':
		return append(buf, e...)
	case bytes.IndexByte(e, '\\') < 0:
		return append(buf, e[1:len(e)-1]...)
	}
	var s string
	if json.Unmarshal(e, &s) != nil {
		return append(buf, e...)
	}
	return append(buf, s...)
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
