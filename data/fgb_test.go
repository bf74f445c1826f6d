package data

import (
	"bufio"
	"bytes"
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestFlatGeobuf reads layers that GDAL wrote (ogr2ogr -f FlatGeobuf, with
// and without the spatial index) from the embedded GeoJSON, and compares
// them with the GeoJSON.
func TestFlatGeobuf(t *testing.T) {
	tests := []struct{ fgb, geojson string }{
		{"testdata/fgb/deposits.fgb", "layers/deposits.geojson"},
		{"testdata/fgb/automakers-noindex.fgb", "layers/automakers.geojson"},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.fgb), func(t *testing.T) {
			b, err := os.ReadFile(tt.fgb)
			if err != nil {
				t.Fatal(err)
			}
			l, probs := readFGB(context.Background(), testSource(b, tt.fgb, true))
			if len(probs) > 0 {
				t.Fatal(probs)
			}
			src, _ := fs.ReadFile(embedded, tt.geojson)
			want, _ := readGeoJSONCareful(testSource(src, tt.geojson, true))
			if l.Title != want.Title || l.Len() != want.Len() {
				t.Fatalf("%q with %d features, want %q with %d", l.Title, l.Len(), want.Title, want.Len())
			}
			// With its spatial index GDAL writes the features in Hilbert order.
			for i, id := range want.IDs {
				j := l.Index(id)
				if j < 0 || l.Names[j] != want.Names[i] || l.Kinds[j] != want.Kinds[i] || l.Status[j] != want.Status[i] || l.LonLat[j] != want.LonLat[i] {
					t.Errorf("feature %s: got index %d, want %q %s %s %v", id, j, want.Names[i], want.Kinds[i], want.Status[i], want.LonLat[i])
				}
			}
			c := &Catalog{byID: map[string]Ref{}, excerpts: map[string][]*Excerpt{}}
			c.addLayer(l)
			d, _ := c.Details(l.Site(0))
			if d.Operator == "" || d.Description == "" || len(d.Sources) == 0 {
				t.Errorf("attributes lost: %+v", d)
			}
		})
	}
}

func TestFlatGeobufBad(t *testing.T) {
	b, _ := os.ReadFile("testdata/fgb/deposits.fgb")
	bogus := bytes.Clone(b)
	copy(bogus[12:16], []byte{0xff, 0xff, 0xff, 0x0f}) // the header's root offset
	tests := []struct {
		name string
		in   []byte
		want string
	}{
		{"not fgb", []byte("hello, world"), "not a FlatGeobuf file"},
		{"truncated header", b[:40], "header runs past the end"},
		{"bogus header offset", bogus, "corrupt FlatGeobuf file"},
		{"truncated features", bytes.Clone(b[:len(b)-100]), "runs past the end of the file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, probs := readFGB(context.Background(), testSource(tt.in, "x.fgb", false))
			if len(probs) == 0 || !strings.Contains(probs.Error(), tt.want) {
				t.Errorf("problems %v, want %q", probs, tt.want)
			}
		})
	}
}

// TestFlatGeobufLarge writes 50,000 generated sites with GDAL, when it is
// installed, and reads them back.
func TestFlatGeobufLarge(t *testing.T) {
	needOgr2ogr(t)
	dir := t.TempDir()
	src, dst := filepath.Join(dir, "g.geojson"), filepath.Join(dir, "g.fgb")
	f, _ := os.Create(src)
	if err := WriteSynthetic(f, 50_000, 3); err != nil {
		t.Fatal(err)
	}
	f.Close()
	ogr(t, "-f", "FlatGeobuf", "-mapFieldType", "StringList=String", dst, src)
	l, probs, err := loadOne(context.Background(), dst, nil)
	if err != nil || len(probs) > 0 || l.Len() != 50_000 {
		t.Fatalf("%d sites, %v, %v", l.Len(), probs, err)
	}
}

// TestFlatGeobufSmall has GDAL write a few sites with its spatial index:
// the index of one site has a root above it, which the features follow.
func TestFlatGeobufSmall(t *testing.T) {
	for _, n := range []int{1, 2, 17} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			l, probs, err := loadOne(context.Background(), gdalFGB(t, n, 4), nil)
			if err != nil || len(probs) > 0 || l.Len() != n {
				t.Fatalf("%d sites, %v, %v", l.Len(), probs, err)
			}
		})
	}
}

func TestRtreeSize(t *testing.T) {
	tests := []struct{ n, node, nodes uint64 }{
		{1, 16, 2}, {2, 16, 3}, {16, 16, 17}, {17, 16, 20}, {256, 16, 273}, {3, 2, 6},
	}
	for _, tt := range tests {
		if got := rtreeSize(tt.n, tt.node); got != tt.nodes*40 {
			t.Errorf("rtreeSize(%d, %d) = %d bytes, want %d nodes", tt.n, tt.node, got, tt.nodes)
		}
	}
}

// needOgr2ogr skips a test that needs GDAL's ogr2ogr where it is not
// installed, but fails it in CI, which must install it (Debian gdal-bin).
func needOgr2ogr(tb testing.TB) {
	tb.Helper()
	if _, err := exec.LookPath("ogr2ogr"); err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatal("CI must provide GDAL's ogr2ogr (Debian gdal-bin)")
		}
		tb.Skip("needs GDAL's ogr2ogr (Debian gdal-bin)")
	}
}

// ogr runs ogr2ogr with args (after needOgr2ogr), failing the test with
// its output when it fails.
func ogr(tb testing.TB, args ...string) {
	tb.Helper()
	if out, err := exec.Command("ogr2ogr", args...).CombinedOutput(); err != nil {
		tb.Fatalf("ogr2ogr %q: %v\n%s", args, err, out)
	}
}

// gdalConvert writes a source file, src, with write in a temporary folder
// and has GDAL convert it to dst there with ogrArgs (the output's format and
// options); it returns dst's path and skips without ogr2ogr.
func gdalConvert(tb testing.TB, src, dst string, write func(w *bufio.Writer) error, ogrArgs ...string) string {
	tb.Helper()
	needOgr2ogr(tb)
	dir := tb.TempDir()
	src, dst = filepath.Join(dir, src), filepath.Join(dir, dst)
	f, err := os.Create(src)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if err := write(w); err != nil {
		tb.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	f.Close()
	ogr(tb, append(ogrArgs, dst, src)...)
	os.Remove(src)
	return dst
}

// gdalFGB writes n generated sites as GeoJSON and has GDAL convert them to
// FlatGeobuf in a temporary folder; it skips without ogr2ogr.
func gdalFGB(tb testing.TB, n int, seed int64) string {
	tb.Helper()
	return gdalConvert(tb, "g.geojson", "g.fgb", func(w *bufio.Writer) error { return WriteSynthetic(w, n, seed) },
		"-f", "FlatGeobuf", "-mapFieldType", "StringList=String")
}
