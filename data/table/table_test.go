package table

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/data/datatest"
	"github.com/lodemap/lodemap/data/search"
	"github.com/lodemap/lodemap/geo/layer"
)

func dataset(t *testing.T) *data.Catalog {
	t.Helper()
	cat, err := data.Default()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func TestTableCells(t *testing.T) {
	cat := dataset(t)
	l := cat.Layers[2] // automaker plants
	tb := New(l, nil)
	if tb.Len() != l.Len() {
		t.Fatalf("%d rows, want %d", tb.Len(), l.Len())
	}
	if !slices.Equal(tb.Fields[:4], []string{"id", "name", "kind", "status"}) || !slices.Contains(tb.Fields, "operator") {
		t.Errorf("fields %v", tb.Fields)
	}
	r := tb.RowOf(l.Index("tr-manisa-byd"))
	tests := []struct{ field, want string }{
		{"id", "tr-manisa-byd"},
		{"kind", "Automaker plant"},
		{"status", "Under construction"},
		{"operator", "BYD"},
		{"commodities", "battery-electric vehicles; plug-in hybrids; battery packs"},
		{"key_figures", "investment: US$1 billion; capacity: 150,000 vehicles/yr; jobs: ~5,000 direct (20,000 indirect); site_area: ~160 ha (~1.6 million m2)"},
		{"no_such_field", ""},
	}
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			if got := tb.Cell(r, tt.field); got != tt.want {
				t.Errorf("%s = %q, want %q", tt.field, got, tt.want)
			}
		})
	}
}

// TestTableFilter lists only what a mask lets through, and finds rows by
// feature.
func TestTableFilter(t *testing.T) {
	l := dataset(t).Layers[1]
	mask := layer.NewMask(l.Len(), func(i int) bool { return l.Kinds[i] == "refinery" })
	tb := New(l, mask)
	if tb.Len() != 6 {
		t.Fatalf("%d rows, want the 6 refineries", tb.Len())
	}
	for r := range tb.Len() {
		if tb.Cell(r, "kind") != "Refinery" || tb.RowOf(tb.Feature(r)) != r {
			t.Errorf("row %d: %q, RowOf %d", r, tb.Cell(r, "kind"), tb.RowOf(tb.Feature(r)))
		}
	}
	if i := l.Index("tr-beylikova-pilot-plant"); tb.RowOf(i) != -1 {
		t.Error("a filtered-out feature has a row")
	}
}

// TestSortUSGS sorts the USGS extract (messy names, repeated ids) by
// text and by number, both ways.
func TestSortUSGS(t *testing.T) {
	l := datatest.USGS(t)
	tb := New(l, nil)
	ctx := context.Background()
	tests := []struct {
		field   string
		desc    bool
		numeric bool
	}{
		{"name", false, false},
		{"name", true, false},
		{"lon", false, true},
		{"lon", true, true},
		{"commodities", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			s, err := tb.Sorted(ctx, tt.field, tt.desc)
			if err != nil {
				t.Fatal(err)
			}
			if f, d := s.SortedBy(); f != tt.field || d != tt.desc || s.Len() != tb.Len() {
				t.Fatalf("sorted by %q %v, %d rows", f, d, s.Len())
			}
			empty := false
			for r := 1; r < s.Len(); r++ {
				a, b := s.Cell(r-1, tt.field), s.Cell(r, tt.field)
				if b == "" {
					empty = true
					continue
				}
				if empty {
					t.Fatalf("row %d %q after an empty cell: empties go last", r, b)
				}
				c := strings.Compare(search.Fold(a), search.Fold(b))
				if tt.numeric {
					x, _ := number(a)
					y, _ := number(b)
					c = cmpFloat(x, y)
				}
				if (c > 0 && !tt.desc) || (c < 0 && tt.desc) {
					t.Fatalf("rows %d-%d out of order: %q, %q", r-1, r, a, b)
				}
			}
		})
	}
	ctxDone, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := tb.Sorted(ctxDone, "name", false); err == nil {
		t.Error("a cancelled sort succeeded")
	}
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// TestWriteReadBack saves the refineries, sorted by name with a column
// hidden, as CSV and GeoJSON; Lodemap and GDAL read back the same rows.
func TestWriteReadBack(t *testing.T) {
	l := dataset(t).Layers[1]
	mask := layer.NewMask(l.Len(), func(i int) bool { return l.Kinds[i] == "refinery" })
	tb, err := New(l, mask).Sorted(context.Background(), "name", false)
	if err != nil {
		t.Fatal(err)
	}
	tb.Columns = []string{"name", "id", "kind", "operator"}
	dir := t.TempDir()
	for _, f := range []struct {
		name  string
		write func(context.Context, *bytes.Buffer) error
	}{
		{"rows.csv", func(ctx context.Context, b *bytes.Buffer) error { return tb.WriteCSV(ctx, b) }},
		{"rows.geojson", func(ctx context.Context, b *bytes.Buffer) error { return tb.WriteGeoJSON(ctx, b) }},
	} {
		t.Run(f.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := f.write(context.Background(), &b); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, f.name)
			if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			ls, probs, err := data.LoadFile(context.Background(), path, nil)
			if err != nil || len(probs) > 0 || len(ls) != 1 {
				t.Fatalf("read back: %d layers, %v, %v", len(ls), probs, err)
			}
			back := ls[0]
			if back.Len() != tb.Len() {
				t.Fatalf("%d features read back, want %d", back.Len(), tb.Len())
			}
			for r := range tb.Len() {
				i := tb.Feature(r)
				if back.IDs[r] != l.IDs[i] || back.Names[r] != l.Names[i] || back.Kinds[r] != l.Kinds[i] {
					t.Errorf("row %d read back as %q %q %q", r, back.IDs[r], back.Names[r], back.Kinds[r])
				}
				if d := back.LonLat[r].X() - l.LonLat[i].X(); d > 1e-9 || d < -1e-9 {
					t.Errorf("row %d: longitude %v, want %v", r, back.LonLat[r], l.LonLat[i])
				}
			}
			if n := gdalCount(t, path); n != tb.Len() {
				t.Errorf("GDAL reads %d features, want %d", n, tb.Len())
			}
		})
	}
	// The CSV's header is the columns shown, then the position.
	var b bytes.Buffer
	if err := tb.WriteCSV(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	head, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), "\ufeff"))).Read()
	if err != nil || !slices.Equal(head, []string{"name", "id", "kind", "operator", "longitude", "latitude"}) {
		t.Errorf("header %q, %v", head, err)
	}
}

// gdalCount is how many features GDAL's ogrinfo reads in a file.
func gdalCount(t *testing.T, path string) int {
	t.Helper()
	if _, err := exec.LookPath("ogrinfo"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("CI must provide GDAL's ogrinfo (Debian gdal-bin)")
		}
		t.Skip("needs GDAL's ogrinfo")
	}
	args := []string{"-ro", "-al", "-so", path}
	if strings.HasSuffix(path, ".csv") {
		args = append([]string{"-oo", "X_POSSIBLE_NAMES=longitude", "-oo", "Y_POSSIBLE_NAMES=latitude"}, args...)
	}
	out, err := exec.Command("ogrinfo", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`Feature Count: (\d+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("ogrinfo: no feature count:\n%s", out)
	}
	n := 0
	for _, c := range m[1] {
		n = n*10 + int(c-'0')
	}
	return n
}

// TestFieldsUSGS leaves out kind and status, which no USGS record has.
func TestFieldsUSGS(t *testing.T) {
	tb := New(datatest.USGS(t), nil)
	if slices.Contains(tb.Fields, "kind") || slices.Contains(tb.Fields, "status") || !slices.Contains(tb.Fields, "commodities") {
		t.Errorf("fields %v", tb.Fields)
	}
}
