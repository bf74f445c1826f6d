package data

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/lodemap/lodemap/geo/layer"
	"github.com/paulmach/orb"
)

// testSource is a Source of b whose layer id is the name of display
// without its extension.
func testSource(b []byte, display string, schema bool) *Source {
	return &Source{Bytes: b, ID: LayerID(display), Display: display, Schema: schema, records: bytes.NewReader(b)}
}

func sameLayer(t *testing.T, a, b *layer.Layer) {
	t.Helper()
	if a.Title != b.Title || a.Order != b.Order || !reflect.DeepEqual(a.IDs, b.IDs) || !reflect.DeepEqual(a.Names, b.Names) ||
		!reflect.DeepEqual(a.Kinds, b.Kinds) || !reflect.DeepEqual(a.Status, b.Status) || !reflect.DeepEqual(a.Lines, b.Lines) {
		t.Fatalf("columns differ:\n%+v\n%+v", a, b)
	}
	for i := range a.IDs {
		// Geometries compare through their lon/lat (NaN-free) form.
		if a.Type(i) != b.Type(i) || a.Located(i) != b.Located(i) ||
			a.Located(i) && (a.LonLat[i] != b.LonLat[i] || !orb.Equal(a.Geometry(i), b.Geometry(i))) {
			t.Fatalf("feature %d: %v at %v, and %v at %v", i, a.Type(i), a.LonLat[i], b.Type(i), b.LonLat[i])
		}
		ra, _ := a.Record(i)
		rb, _ := b.Record(i)
		if !bytes.Equal(ra, rb) {
			t.Fatalf("record %d differs", i)
		}
	}
}

var (
	bigOnce sync.Once
	bigPath string
)

// bigFile writes (once) a generated GeoJSON of n features to a temporary
// folder.
func bigFile(t testing.TB, n int) string {
	bigOnce.Do(func() {
		dir, err := os.MkdirTemp("", "lodemap-big-")
		if err != nil {
			t.Fatal(err)
		}
		bigPath = filepath.Join(dir, "generated.geojson")
		f, err := os.Create(bigPath)
		if err != nil {
			t.Fatal(err)
		}
		if err := WriteSynthetic(f, n, 1); err != nil {
			t.Fatal(err)
		}
		f.Close()
	})
	return bigPath
}

// TestLoadLayerFileLarge loads a file past the in-memory limit: records
// come back from the file, progress is reported in order, snapshots grow,
// and a cancel keeps what arrived.
func TestLoadLayerFileLarge(t *testing.T) {
	path := bigFile(t, 150_000) // about 43 MB
	var reports, publishes int
	var lastDone int64
	var lastLen int
	l, probs, err := loadOne(context.Background(), path, &Progress{
		Report: func(done, total int64, n int) {
			if done < lastDone || done > total {
				t.Errorf("progress %d of %d after %d", done, total, lastDone)
			}
			lastDone = done
			reports++
		},
		Publish: func(s *layer.Layer) {
			if s.Len() <= lastLen {
				t.Errorf("snapshot of %d after %d", s.Len(), lastLen)
			}
			lastLen = s.Len()
			if _, err := s.Record(0); err == nil {
				t.Error("a snapshot's record was readable")
			}
			publishes++
		},
	})
	if err != nil || len(probs) > 0 || l.Len() != 150_000 {
		t.Fatalf("%d features, %d problems, %v", l.Len(), len(probs), err)
	}
	if reports < 4 || publishes != reports || lastLen != l.Len() {
		t.Errorf("%d reports, %d snapshots, last %d", reports, publishes, lastLen)
	}
	rec, err := l.Record(149_999)
	if err != nil || !bytes.Contains(rec, []byte(`"gen-0149999"`)) {
		t.Errorf("last record %q, %v", rec, err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	part, _, err := loadOne(ctx, path, &Progress{Report: func(done, total int64, n int) {
		if n >= 60_000 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) || part == nil || part.Len() == 0 || part.Len() >= 150_000 {
		n := -1
		if part != nil {
			n = part.Len()
		}
		t.Errorf("cancelled load kept %d features, err %v", n, err)
	}
}

func TestCSV(t *testing.T) {
	const usgs = "source_id,record_id,name,lon,lat,commodities\nusgs,r1,Pierce Mine,-72.1,43.3,\"gold, silver\"\nusgs,r2,Goshen Mine,-72.08,43.27,\n"
	tests := []struct {
		name  string
		in    string
		n     int
		probs []string
		first string // the first feature's properties
	}{
		{"usgs columns", usgs, 2, nil,
			`{"source_id":"usgs","record_id":"r1","name":"Pierce Mine","lon":"-72.1","lat":"43.3","commodities":"gold, silver"}`},
		{"gzipped", string(gzipped(t, usgs)), 2, nil,
			`{"source_id":"usgs","record_id":"r1","name":"Pierce Mine","lon":"-72.1","lat":"43.3","commodities":"gold, silver"}`},
		{"latitude/longitude, no id", "Latitude,Longitude,Site\n39.6,31.35,Beylikova\n", 1, nil, `{"Latitude":"39.6","Longitude":"31.35","Site":"Beylikova"}`},
		{"byte-order mark", "\xEF\xBB\xBFlon,lat,name\n31,39,A\n", 1, nil, `{"lon":"31","lat":"39","name":"A"}`},
		{"gzipped, byte-order mark", string(gzipped(t, "\xEF\xBB\xBFlon,lat,name\n31,39,A\n")), 1, nil, `{"lon":"31","lat":"39","name":"A"}`},
		{"bad row", "lon,lat,name\n31,39,A\nx,39,B\n32,95,C\n", 1, []string{":3: feature \"t-2\": coordinates (x, 39) are not numbers", ":4: feature \"t-3\": coordinates (32, 95) out of range"}, `{"lon":"31","lat":"39","name":"A"}`},
		{"not finite", "lon,lat,name\n31,NaN,A\n+Inf,39,B\n30,39,C\n", 1, []string{":2: feature \"t-1\": coordinates (31, NaN) are not finite", ":3: feature \"t-2\": coordinates (+Inf, 39) are not finite"}, `{"lon":"30","lat":"39","name":"C"}`},
		{"no coordinates", "a,b\n1,2\n", 0, []string{":1: the header names no longitude and latitude columns"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, probs := readCSV(context.Background(), testSource([]byte(tt.in), "t.csv", false))
			got := 0
			if l != nil {
				got = l.Len()
			}
			if got != tt.n || len(probs) != len(tt.probs) {
				t.Fatalf("%d features, problems %v", got, probs)
			}
			for i, p := range tt.probs {
				if !strings.Contains(probs[i].String(), p) {
					t.Errorf("problem %q lacks %q", probs[i], p)
				}
			}
			if got == 0 {
				return
			}
			if props, err := l.Properties(0); err != nil || string(props) != tt.first {
				t.Errorf("props %s, %v; want %s", props, err, tt.first)
			}
		})
	}
}

// TestUSGSSites loads the real USGS mineral-site extract from the shared
// test data (85,254 sites), read in place.
func TestUSGSSites(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "testdata", "usgs-mineral-sites.csv.gz")
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI must have %s", path)
		}
		t.Skip("no shared test data")
	}
	l, probs, err := loadOne(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if l.Len()+len(probs) != 85_254 || l.Len() < 85_000 {
		t.Errorf("%d sites and %d problems, want 85,254 rows", l.Len(), len(probs))
	}
	c := &Catalog{byID: map[string]Ref{}, excerpts: map[string][]*Excerpt{}}
	c.addLayer(l)
	d, ok := c.Details(l.Site(0))
	if !ok || d.Name != "President Pierce Mine" {
		t.Errorf("first site %+v", d)
	}
}

// loadOne loads a file of a one-layer format with LoadFile and returns its
// layer (nil when none).
func loadOne(ctx context.Context, path string, p *Progress) (*layer.Layer, Problems, error) {
	ls, probs, err := LoadFile(ctx, path, p)
	if len(ls) > 1 {
		return nil, probs, fmt.Errorf("%s: %d layers, want at most one", path, len(ls))
	}
	if len(ls) == 0 {
		return nil, probs, err
	}
	return ls[0], probs, err
}

// readOne reads a file of a one-layer format with ReadLayers.
func readOne(b []byte, name, display string) (*layer.Layer, Problems) {
	ls, probs := ReadLayers(b, name, display)
	if len(ls) == 0 {
		return nil, probs
	}
	return ls[0], probs
}
