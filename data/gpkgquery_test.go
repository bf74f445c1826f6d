package data

import (
	"strings"
	"testing"
)

// TestGPKGSplit splits rows as the query makes them: the id, name, kind
// and status come out of the record's JSON, unquoted.
func TestGPKGSplit(t *testing.T) {
	cols := []gpkgColumn{{name: "fid", decl: "INTEGER", pk: true}, {name: "geom", decl: "POINT"},
		{name: "Status"}, {name: "n", decl: "INTEGER"}, {name: "LABEL"}, {name: "kind"}}
	q := newGPKGQuery(gpkgTable{name: "t", geom: "geom"}, cols, false)
	wide := newGPKGQuery(gpkgTable{name: "t", geom: "geom"}, append(cols, manyColumns(jsonChunk)...), false)
	tests := []struct {
		name string
		q    gpkgQuery
		row  string
		want gpkgFields
		ok   bool
	}{
		{"plain", q, `[7,"open",3,"Pit, \"A\"","mine"]` + "\x00GP\x00\x01", gpkgFields{"7", `Pit, "A"`, "mine", "open", []byte(`[7,"open",3,"Pit, \"A\"","mine"]`), []byte("GP\x00\x01")}, true},
		{"nulls and numbers", q, `[8,null,3,12.5,null]` + "\x00", gpkgFields{"8", "12.5", "", "", []byte(`[8,null,3,12.5,null]`), []byte{}}, true},
		{"escapes", q, `[9,"a\u00e9\\b","x","y","z"]` + "\x00", gpkgFields{"9", "y", "z", "aé\\b", []byte(`[9,"a\u00e9\\b","x","y","z"]`), []byte{}}, true},
		{"two arrays", wide, `[1,"s",2,"l","k",0` + strings.Repeat(",0", jsonChunk-6) + "]\x00[0]\x00G", gpkgFields{"1", "l", "k", "s",
			[]byte(`[1,"s",2,"l","k",0` + strings.Repeat(",0", jsonChunk-5) + "]"), []byte("G")}, true},
		{"no NUL", q, `[1,"a"]`, gpkgFields{}, false},
		{"not an array", q, "x\x00", gpkgFields{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var scratch []byte
			got, ok := tt.q.split([]byte(tt.row), &scratch)
			if ok != tt.ok || got.id != tt.want.id || got.name != tt.want.name || got.kind != tt.want.kind || got.status != tt.want.status ||
				string(got.record) != string(tt.want.record) || string(got.geom) != string(tt.want.geom) {
				t.Errorf("got %q %q %q %q %s %q %v\nwant %q %q %q %q %s %q %v", got.id, got.name, got.kind, got.status, got.record, got.geom, ok,
					tt.want.id, tt.want.name, tt.want.kind, tt.want.status, tt.want.record, tt.want.geom, tt.ok)
			}
		})
	}
}

func manyColumns(n int) []gpkgColumn {
	out := make([]gpkgColumn, n)
	for i := range out {
		out[i] = gpkgColumn{name: "c" + strings.Repeat("x", i), decl: "INTEGER"}
	}
	return out
}
