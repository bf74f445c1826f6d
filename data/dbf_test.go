package data

import (
	"encoding/binary"
	"strings"
	"testing"
)

// testField is a field of a .dbf a test builds: name, type, size, decimals.
type testField struct {
	name      string
	typ       byte
	size, dec int
}

// dbfBytes builds a dBase III file with the given language driver id;
// each row is its fields' text, run together, after its deletion flag.
func dbfBytes(ldid byte, fields []testField, rows ...string) []byte {
	hdrLen, recLen := 32+32*len(fields)+1, 1
	for _, f := range fields {
		recLen += f.size
	}
	b := make([]byte, 32, hdrLen+recLen*len(rows)+1)
	b[0] = 3
	binary.LittleEndian.PutUint32(b[4:], uint32(len(rows)))
	binary.LittleEndian.PutUint16(b[8:], uint16(hdrLen))
	binary.LittleEndian.PutUint16(b[10:], uint16(recLen))
	b[29] = ldid
	for _, f := range fields {
		d := make([]byte, 32)
		copy(d, f.name)
		d[11], d[16], d[17] = f.typ, byte(f.size), byte(f.dec)
		b = append(b, d...)
	}
	b = append(b, 0x0D)
	for _, r := range rows {
		b = append(b, r...)
	}
	return append(b, 0x1A)
}

// pad pads s with spaces to n bytes, or right-aligns it when n < 0.
func pad(s string, n int) string {
	if n < 0 {
		return strings.Repeat(" ", -n-len(s)) + s
	}
	return s + strings.Repeat(" ", n-len(s))
}

// TestDBFValues reads every dBase type: text trimmed, numbers as JSON
// numbers, logicals, dates, and the ways a .dbf writes null; a deleted
// row is flagged; the feature's id, name, kind and status come from their
// fields.
func TestDBFValues(t *testing.T) {
	fields := []testField{{"FID", 'N', 6, 0}, {"AD", 'C', 12, 0}, {"Kind", 'C', 8, 0}, {"N", 'N', 10, 3},
		{"F", 'F', 8, 2}, {"L", 'L', 1, 0}, {"D", 'D', 8, 0}, {"AD", 'C', 4, 0}}
	row := func(deleted bool, vals ...string) string {
		s := " "
		if deleted {
			s = "*"
		}
		for i, v := range vals {
			if fields[i].typ == 'N' || fields[i].typ == 'F' {
				s += pad(v, -fields[i].size)
			} else {
				s += pad(v, fields[i].size)
			}
		}
		return s
	}
	b := dbfBytes(0x57, fields,
		row(false, "17", "  Köprü", "mine", "3.140", "-1.5e3", "T", "20110503", "x"),
		row(false, "", "", "", "", "********", "?", "00000000", ""),
		row(true, "3", "gone", "", "1", "1", "n", "        ", "\"\\\n"),
		row(false, "+4", "abc", "", "12345678", "abc", "y", "2011", "\t"))
	tbl, err := parseDBF(b)
	if err != nil {
		t.Fatal(err)
	}
	codec, msg := dbfCodec(nil, false, tbl.ldid)
	tbl.decodeNames(codec)
	tests := []struct {
		json    string
		site    site
		deleted bool
	}{
		{`{"FID":17,"AD":"  Köprü","Kind":"mine","N":3.14,"F":-1500,"L":true,"D":"2011-05-03","AD_2":"x"}`, site{ID: "17", Name: "  Köprü", Kind: "mine"}, false},
		{`{"FID":null,"AD":null,"Kind":null,"N":null,"F":null,"L":null,"D":null,"AD_2":null}`, site{}, false},
		{`{"FID":3,"AD":"gone","Kind":null,"N":1,"F":1,"L":false,"D":null,"AD_2":"\"\\\n"}`, site{ID: "3", Name: "gone"}, true},
		{`{"FID":4,"AD":"abc","Kind":null,"N":12345678,"F":"abc","L":true,"D":"2011","AD_2":"\t"}`, site{ID: "4", Name: "abc"}, false},
	}
	if tbl.n != len(tests) || msg != "" {
		t.Fatalf("%d rows, message %q", tbl.n, msg)
	}
	for i, tt := range tests {
		r, deleted := tbl.row(i)
		if got := string(tbl.appendJSON(nil, r, codec)); got != tt.json || deleted != tt.deleted {
			t.Errorf("row %d: %s (deleted %v)\nwant %s (deleted %v)", i, got, deleted, tt.json, tt.deleted)
		}
		if got := tbl.site(r, codec); got != tt.site {
			t.Errorf("row %d: site %+v, want %+v", i, got, tt.site)
		}
	}
}

// TestDBFBroken: a broken header is an error in words; rows missing at the
// end of the file are counted.
func TestDBFBroken(t *testing.T) {
	good := dbfBytes(0, []testField{{"name", 'C', 5, 0}}, " one  ", " two  ")
	short := dbfBytes(0, []testField{{"name", 'C', 5, 0}}, " one  ")
	binary.LittleEndian.PutUint16(short[10:], 3) // rows shorter than their field
	tests := []struct {
		name string
		b    []byte
		err  string
		n    int
	}{
		{"too short", good[:20], "the file is too short for a dBase header", 0},
		{"header past the end", good[:40], "its header length (65 bytes) does not fit the file", 0},
		{"rows shorter than fields", short, "its rows (3 bytes) are shorter than its fields and deletion flag (6 bytes)", 0},
		{"last row cut", good[:len(good)-4], "", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tbl, err := parseDBF(tt.b)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || tbl.n != tt.n || !tbl.truncated || tbl.declared != 2 {
				t.Fatalf("%v: %d of %d rows, truncated %v", err, tbl.n, tbl.declared, tbl.truncated)
			}
		})
	}
}

// TestDBFCodePages decodes text by the .cpg, else the language driver id,
// else as UTF-8 or Windows-1252.
func TestDBFCodePages(t *testing.T) {
	const turkish = "ğşıİ Çö"
	tests := []struct {
		name   string
		cpg    string // "-" for none
		ldid   byte
		in     string
		want   string
		msgHas string
	}{
		{"cpg 1254", "1254", 0, "\xf0\xfe\xfd\xdd \xc7\xf6", turkish, ""},
		{"cpg CP1254", "CP1254\r\n", 0x57, "\xf0\xfe\xfd\xdd \xc7\xf6", turkish, ""},
		{"cpg windows-1254", "windows-1254", 0, "\xf0\xfe\xfd\xdd \xc7\xf6", turkish, ""},
		{"cpg ISO-8859-9", "ISO-8859-9", 0, "\xf0\xfe\xfd\xdd \xc7\xf6", turkish, ""},
		{"cpg 88599, as ArcGIS writes it", "88599", 0, "\xf0\xfe\xfd\xdd \xc7\xf6", turkish, ""},
		{"cpg UTF-8", "UTF-8", 0xCA, turkish, turkish, ""},
		{"cpg UTF-8, broken bytes", "UTF-8", 0, "a\xffb", "a\uFFFDb", ""},
		{"cpg 1252", "1252", 0, "caf\xe9 \x80", "café €", ""},
		{"cpg Big5", "Big5", 0, "\xa4\xa4", "中", ""},
		{"cpg unknown, language driver 0xCA", "klingon", 0xCA, "\xf0\xfe\xfd\xdd \xc7\xf6", turkish,
			`cpg names a code page Lodemap does not know ("klingon"); text is read in the code page of the .dbf's language driver (1254)`},
		{"cpg unknown, no language driver", "klingon", 0, "caf\xe9", "café",
			`cpg names a code page Lodemap does not know ("klingon"); text that is not UTF-8 is read as Windows-1252`},
		{"language driver 0xCA, Turkish Windows", "-", 0xCA, "\xf0\xfe\xfd\xdd \xc7\xf6", turkish, ""},
		{"language driver 0x6B, Turkish MS-DOS", "-", 0x6B, "\xa7\x9f\x8d\x98 \x80\x94", turkish, ""},
		{"language driver 0x57, ANSI", "-", 0x57, "caf\xe9", "café", ""},
		{"language driver 0x57, text in UTF-8", "-", 0x57, "café", "café", ""},
		{"language driver 0x65, Russian MS-DOS", "-", 0x65, "\x8c\xae\xe1\xaa\xa2\xa0", "Москва", ""},
		{"language driver 0x67, not decoded", "-", 0x67, "caf\xe9", "café", "dbf's language driver (0x67) names code page 861"},
		{"nothing: UTF-8", "-", 0, turkish, turkish, ""},
		{"nothing: not UTF-8, so Windows-1252", "-", 0, "caf\xe9", "café", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, msg := dbfCodec([]byte(tt.cpg), tt.cpg != "-", tt.ldid)
			if got := string(c.text([]byte(tt.in))); got != tt.want {
				t.Errorf("text %q, want %q", got, tt.want)
			}
			if tt.msgHas == "" && msg != "" || !strings.Contains(msg, tt.msgHas) {
				t.Errorf("message %q, want one with %q", msg, tt.msgHas)
			}
		})
	}
}
