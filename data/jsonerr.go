package data

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// jsonProblem says where a JSON decoding error lies in b and what is wrong,
// in words a user reads: for a syntax error, the offending character's
// offset and "column 17: expected a value, found 'o'"; for a file that ends
// too soon, its end. Other errors are reported at off as they are. A
// streaming decoder counts some errors from where its current value began,
// so a syntax error is placed by scanning the document again from its
// start (after a byte-order mark): the first error there is the one met.
func jsonProblem(b []byte, off int, err error) (int, string) {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		bom := bomLen(b)
		var v json.RawMessage
		if errors.As(json.NewDecoder(bytes.NewReader(b[bom:])).Decode(&v), &se) {
			if at := bom + int(se.Offset) - 1; at >= 0 && at < len(b) && !strings.Contains(se.Error(), "unexpected end") {
				return at, "column " + strconv.Itoa(column(b, at)) + ": expected " + expected(se.Error()) + ", found " + found(b, at)
			}
		}
		return len(b), tooSoon
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return len(b), tooSoon
	}
	return off, err.Error()
}

const tooSoon = "the file ends too soon: a value, ']' or '}' is missing"

// expected says what encoding/json was looking for, from its message.
func expected(msg string) string {
	for _, m := range []struct{ has, want string }{
		{"looking for beginning of object key string", "a member name in double quotes"},
		{"looking for beginning of value", "a value"},
		{"after object key:value pair", "',' or '}'"},
		{"after object key", "':'"},
		{"after array element", "',' or ']'"},
		{"after top-level value", "nothing more"},
		{"in literal true", "true"},
		{"in literal false", "false"},
		{"in literal null", "null"},
		{"in string literal", "a character allowed in a string (control characters must be escaped)"},
		{"in string escape code", "an escape such as \\n, \\\" or \\u00e7"},
		{"in \\u hexadecimal character escape", "four hexadecimal digits"},
		{"in numeric literal", "a digit"},
		{"after decimal point in numeric literal", "a digit"},
		{"in exponent of numeric literal", "a digit"},
	} {
		if strings.Contains(msg, m.has) {
			return m.want
		}
	}
	return "valid JSON"
}

// found names the character at b[at].
func found(b []byte, at int) string {
	r, _ := utf8.DecodeRune(b[at:])
	switch {
	case r == '\n' || r == '\r':
		return "the end of the line"
	case r == '\'':
		return `"'"`
	case r < ' ' || r == utf8.RuneError:
		return "a control character"
	}
	return "'" + string(r) + "'"
}

// column is the column, counted in characters from 1, of b[at].
func column(b []byte, at int) int {
	start := max(bytes.LastIndexByte(b[:at], '\n')+1, bomLen(b)) // a byte-order mark takes no column
	return utf8.RuneCount(b[start:at]) + 1
}
