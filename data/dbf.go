package data

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// dbfTable is a dBase III table, a Shapefile's .dbf: its fields and rows.
type dbfTable struct {
	b              []byte
	n, declared    int // rows in the file, rows its header gives
	truncated      bool
	hdrLen, recLen int
	ldid           byte // the language driver id: which code page the text is in
	fields         []dbfField
	// id, name, kind and status are the fields a feature's are taken
	// from, or -1.
	id, name, kind, status int
	date                   [10]byte // a date value as it is given out
	num                    []byte   // a number value as it is given out
}

// dbfField is one field (column) of a table.
type dbfField struct {
	raw  []byte // the name as the file spells it
	key  []byte // the name as a JSON string and a colon
	typ  byte   // C, N, F, L, D, or another dBase type read as text
	off  int    // where the field starts in a row, after the deletion flag
	size int
}

// parseDBF reads a .dbf's header and field descriptors.
func parseDBF(b []byte) (*dbfTable, error) {
	if len(b) < 32 {
		return nil, errors.New("the file is too short for a dBase header")
	}
	le := binary.LittleEndian
	t := &dbfTable{b: b, declared: int(le.Uint32(b[4:])), hdrLen: int(le.Uint16(b[8:])), recLen: int(le.Uint16(b[10:])), ldid: b[29]}
	if t.hdrLen < 33 || t.hdrLen > len(b) {
		return nil, fmt.Errorf("its header length (%d bytes) does not fit the file", t.hdrLen)
	}
	off := 0 // in a row, after its deletion flag
	for d := 32; d+32 <= t.hdrLen && b[d] != 0x0D; d += 32 {
		f := dbfField{raw: b[d : d+11], typ: b[d+11], off: off, size: int(b[d+16])}
		if i := bytes.IndexByte(f.raw, 0); i >= 0 {
			f.raw = f.raw[:i]
		}
		if f.typ == 'C' {
			f.size += int(b[d+17]) << 8 // long text fields keep the high byte there
		}
		off += f.size
		t.fields = append(t.fields, f)
	}
	if 1+off > t.recLen {
		return nil, fmt.Errorf("its rows (%d bytes) are shorter than its fields and deletion flag (%d bytes)", t.recLen, 1+off)
	}
	t.n = t.declared
	if avail := (len(b) - t.hdrLen) / t.recLen; avail < t.n {
		t.n, t.truncated = avail, true
	}
	return t, nil
}

// decodeNames decodes the field names and finds the fields a feature's
// id, name, kind and status come from: id (or fid); the first of name,
// ad (Turkish for name), title and label; kind; status; in any case.
func (t *dbfTable) decodeNames(c *textCodec) {
	t.id, t.name, t.kind, t.status = -1, -1, -1, -1
	nameRank := len(nameFields)
	seen := map[string]bool{}
	for i := range t.fields {
		f := &t.fields[i]
		name := strings.TrimSpace(string(c.text(f.raw)))
		for base, k := name, 2; seen[name]; k++ {
			name = base + "_" + strconv.Itoa(k) // JSON keys stay unique
		}
		seen[name] = true
		f.key = append(appendJSONText(nil, []byte(name)), ':')
		lower := strings.ToLower(name)
		switch {
		case t.id < 0 && (lower == "id" || lower == "fid"):
			t.id = i
		case lower == "kind" && t.kind < 0:
			t.kind = i
		case lower == "status" && t.status < 0:
			t.status = i
		}
		for rank, n := range nameFields[:nameRank] {
			if lower == n {
				t.name, nameRank = i, rank
			}
		}
	}
}

// nameFields name the field a feature's name comes from, the first first.
var nameFields = []string{"name", "ad", "title", "label"}

// row returns row i (from 0) after its deletion flag, and whether the flag
// marks it deleted.
func (t *dbfTable) row(i int) ([]byte, bool) {
	r := t.b[t.hdrLen+i*t.recLen : t.hdrLen+(i+1)*t.recLen]
	return r[1:], r[0] == '*'
}

// appendJSON appends a row as a JSON object of its fields, in order.
func (t *dbfTable) appendJSON(dst, row []byte, c *textCodec) []byte {
	dst = append(dst, '{')
	for i := range t.fields {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, t.fields[i].key...)
		v, text := t.value(row, i, c)
		if text {
			dst = appendJSONText(dst, v)
		} else {
			dst = append(dst, v...)
		}
	}
	return append(dst, '}')
}

// site is the id, name, kind and status of a row.
func (t *dbfTable) site(row []byte, c *textCodec) site {
	str := func(f int) string {
		if f < 0 {
			return ""
		}
		if v, text := t.value(row, f, c); text || string(v) != "null" {
			return string(v)
		}
		return ""
	}
	return site{ID: str(t.id), Name: str(t.name), Kind: str(t.kind), Status: str(t.status)}
}

var (
	jsonNull  = []byte("null")
	jsonTrue  = []byte("true")
	jsonFalse = []byte("false")
)

// value is field f of a row: text in UTF-8 (text is true), or a JSON
// literal: a number, true, false or null. Blank fields are null, as GDAL
// reads them; so are numbers of asterisks and zero dates. v is good until
// the next call.
func (t *dbfTable) value(row []byte, f int, c *textCodec) (v []byte, text bool) {
	fd := &t.fields[f]
	raw := row[fd.off : fd.off+fd.size]
	switch fd.typ {
	case 'N', 'F':
		s := bytes.TrimSpace(raw)
		if len(s) == 0 || s[0] == '*' {
			return jsonNull, false
		}
		if num := appendNumber(t.num[:0], s); num != nil {
			return num, false
		}
		return c.text(s), true
	case 'L':
		switch string(bytes.TrimSpace(raw)) {
		case "T", "t", "Y", "y":
			return jsonTrue, false
		case "F", "f", "N", "n":
			return jsonFalse, false
		}
		return jsonNull, false
	case 'D':
		s := bytes.TrimSpace(raw)
		if len(s) == 0 || len(bytes.Trim(s, "0")) == 0 {
			return jsonNull, false
		}
		if len(s) == 8 && isDigits(s) {
			d := append(append(append(append(append(t.date[:0], s[:4]...), '-'), s[4:6]...), '-'), s[6:]...)
			return d, true
		}
		return c.text(s), true
	}
	s := raw
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == 0) {
		s = s[:len(s)-1] // padding
	}
	if len(s) == 0 {
		return jsonNull, false
	}
	return c.text(s), true
}

// isInteger reports whether s is digits after an optional sign.
func isInteger(s []byte) bool {
	if len(s) > 1 && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	return isDigits(s)
}

func isDigits(s []byte) bool {
	for _, b := range s {
		if b < '0' || b > '9' {
			return false
		}
	}
	return true
}

// appendNumber appends a .dbf number as a JSON number: an integer as it
// is, others in their shortest form ("3.140000000000000" is 3.14). It
// returns nil when s is not a finite number.
func appendNumber(dst, s []byte) []byte {
	str := string(s)
	if isInteger(s) {
		if n, err := strconv.ParseInt(str, 10, 64); err == nil {
			return strconv.AppendInt(dst, n, 10)
		}
	}
	f, err := strconv.ParseFloat(str, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return nil
	}
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		return strconv.AppendFloat(dst, f, 'e', -1, 64)
	}
	return strconv.AppendFloat(dst, f, 'f', -1, 64)
}

// appendJSONText appends UTF-8 text as a JSON string.
func appendJSONText(dst, s []byte) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	for _, b := range s {
		switch {
		case b == '"' || b == '\\':
			dst = append(dst, '\\', b)
		case b == '\n':
			dst = append(dst, '\\', 'n')
		case b == '\t':
			dst = append(dst, '\\', 't')
		case b < 0x20:
			dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&15])
		default:
			dst = append(dst, b)
		}
	}
	return append(dst, '"')
}
