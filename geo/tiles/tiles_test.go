package tiles

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lodemap/lodemap/geo/tiles/tilestest"
	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

// tilePNG is a generated tile: one colour, from its address.
func tilePNG(z, x, y int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 256, 256))
	c := color.RGBA{uint8(40 * z), uint8(x * 7), uint8(y * 11), 255}
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, c.A
	}
	var b bytes.Buffer
	_ = png.Encode(&b, img)
	return b.Bytes()
}

// tileServer serves generated tiles at /{z}/{x}/{y}.png, counting
// requests; mode says how it misbehaves.
type tileServer struct {
	*httptest.Server
	requests, revalidated atomic.Int32
	mode                  atomic.Value // "", "500", "slow", "truncated", "notimage", "nostore"
	agent                 atomic.Value
}

func newTileServer(t *testing.T) *tileServer {
	s := &tileServer{}
	s.mode.Store("")
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		s.agent.Store(r.UserAgent())
		var z, x, y int
		if _, err := fmt.Sscanf(r.URL.Path, "/%d/%d/%d.png", &z, &x, &y); err != nil {
			http.NotFound(w, r)
			return
		}
		etag := fmt.Sprintf(`"%d-%d-%d"`, z, x, y)
		if r.Header.Get("If-None-Match") == etag {
			s.revalidated.Add(1)
			w.Header().Set("Cache-Control", "max-age=60")
			w.WriteHeader(http.StatusNotModified)
			return
		}
		body := tilePNG(z, x, y)
		switch s.mode.Load().(string) {
		case "500":
			http.Error(w, "down", http.StatusInternalServerError)
			return
		case "slow":
			time.Sleep(300 * time.Millisecond)
		case "truncated":
			w.Header().Set("Content-Length", fmt.Sprint(len(body)))
			_, _ = w.Write(body[:len(body)/2])
			return
		case "notimage":
			body = []byte("<html>rate limited</html>")
		case "nostore":
			w.Header().Set("Cache-Control", "no-store")
		case "stale":
			w.Header().Set("Cache-Control", "max-age=0")
		}
		if w.Header().Get("Cache-Control") == "" {
			w.Header().Set("Cache-Control", "max-age=3600")
		}
		w.Header().Set("ETag", etag)
		_, _ = w.Write(body)
	}))
	t.Cleanup(s.Close)
	return s
}

func fetcherFor(t *testing.T, s *tileServer, cacheLimit int64) (*Fetcher, *Cache) {
	t.Helper()
	spec, err := Parse(s.URL + "/{z}/{x}/{y}.png")
	if err != nil {
		t.Fatal(err)
	}
	c, err := OpenCache(t.TempDir(), cacheLimit)
	if err != nil {
		t.Fatal(err)
	}
	f := NewFetcher(spec, c, "Lodemap/test (+https://example.org/lodemap)")
	f.Timeout, f.Retries, f.Backoff = 200*time.Millisecond, 2, 10*time.Millisecond
	return f, c
}

func TestParse(t *testing.T) {
	tests := []struct {
		in, kind, err string
		osm           bool
	}{
		{"", "offline", "", false},
		{"offline", "offline", "", false},
		{"osm", "xyz", "", true},
		{"https://{s}.tile.example.org/{z}/{x}/{y}{r}.png", "xyz", "", false},
		{"https://a.tile.openstreetmap.org/{z}/{x}/{y}.png", "xyz", "", true},
		{"https://tiles.example.org/{z}/{x}.png", "", "has no {y}", false},
		{"/data/turkey.mbtiles", "package", "", false},
		{"/data/turkey.pmtiles", "package", "", false},
		{"satellite", "", "unknown basemap", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			s, err := Parse(tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || s.Kind != tt.kind || s.OSM != tt.osm {
				t.Errorf("%+v, %v", s, err)
			}
		})
	}
	s, _ := Parse("https://{s}.tile.example.org/{z}/{x}/{y}{r}.png")
	if got := s.URL(3, 4, 5, true); got != "https://a.tile.example.org/3/4/5@2x.png" {
		t.Errorf("URL %q", got)
	}
}

// TestFetchCache checks a second look at a tile makes no request, a stale
// one is revalidated with its ETag, and the User-Agent names Lodemap.
func TestFetchCache(t *testing.T) {
	s := newTileServer(t)
	f, _ := fetcherFor(t, s, 1<<20)
	ctx := context.Background()
	for range 2 {
		b, err := f.Tile(ctx, 3, 4, 2)
		if err != nil || !bytes.Equal(b, tilePNG(3, 4, 2)) {
			t.Fatalf("tile: %v", err)
		}
	}
	if n := s.requests.Load(); n != 1 {
		t.Errorf("%d requests for two looks at a tile, want 1", n)
	}
	if ua, _ := s.agent.Load().(string); !strings.HasPrefix(ua, "Lodemap/") {
		t.Errorf("User-Agent %q", ua)
	}
	s.mode.Store("stale")
	if _, err := f.Tile(ctx, 5, 1, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Tile(ctx, 5, 1, 1); err != nil {
		t.Fatal(err)
	}
	if s.revalidated.Load() != 1 {
		t.Errorf("a stale tile was revalidated %d times, want 1", s.revalidated.Load())
	}
}

// TestFetchFailures checks each way a server fails: an error, and nothing
// bad kept in the cache; with the server gone, a stale tile still serves.
func TestFetchFailures(t *testing.T) {
	ctx := context.Background()
	for _, mode := range []string{"500", "slow", "truncated", "notimage"} {
		t.Run(mode, func(t *testing.T) {
			s := newTileServer(t)
			f, c := fetcherFor(t, s, 1<<20)
			s.mode.Store(mode)
			if _, err := f.Tile(ctx, 2, 1, 1); err == nil {
				t.Fatal("no error")
			}
			if n := s.requests.Load(); n != 3 {
				t.Errorf("%d requests, want 3 (two retries)", n)
			}
			if c.Size() != 0 {
				t.Error("a failed tile was cached")
			}
		})
	}
	t.Run("offline", func(t *testing.T) {
		s := newTileServer(t)
		f, _ := fetcherFor(t, s, 1<<20)
		s.mode.Store("stale")
		if _, err := f.Tile(ctx, 4, 2, 2); err != nil {
			t.Fatal(err)
		}
		s.Close()
		b, err := f.Tile(ctx, 4, 2, 2)
		if err != nil || !bytes.Equal(b, tilePNG(4, 2, 2)) {
			t.Errorf("offline: %v", err)
		}
		if _, err := f.Tile(ctx, 4, 3, 3); err == nil {
			t.Error("a tile never fetched came offline")
		}
	})
	t.Run("no-store", func(t *testing.T) {
		s := newTileServer(t)
		f, c := fetcherFor(t, s, 1<<20)
		s.mode.Store("nostore")
		if _, err := f.Tile(ctx, 1, 0, 0); err != nil || c.Size() != 0 {
			t.Errorf("no-store: %v, cache %d bytes", err, c.Size())
		}
	})
}

// TestCacheCap fills a small cache: it keeps under its cap, and the tile
// used last is kept.
func TestCacheCap(t *testing.T) {
	s := newTileServer(t)
	one := int64(len(tilePNG(6, 0, 0)) + 200)
	f, c := fetcherFor(t, s, 5*one)
	ctx := context.Background()
	for x := range 12 {
		if _, err := f.Tile(ctx, 6, x, 0); err != nil {
			t.Fatal(err)
		}
		time.Sleep(5 * time.Millisecond)                // the files' times tell the order
		if _, err := f.Tile(ctx, 6, 0, 0); err != nil { // keep using the first
			t.Fatal(err)
		}
	}
	if c.Size() > 5*one {
		t.Errorf("cache %d bytes, cap %d", c.Size(), 5*one)
	}
	before := s.requests.Load()
	if _, err := f.Tile(ctx, 6, 0, 0); err != nil || s.requests.Load() != before {
		t.Error("the tile used most lately was dropped")
	}
}

// mbtilesFixture writes an MBTiles package of generated tiles at zooms
// 0-2.
func mbtilesFixture(t *testing.T, format string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "pack.mbtiles")
	tilestest.MBTiles(t, path, map[string]string{"format": format, "attribution": "Test tiles", "maxzoom": "2"}, 2, tilePNG)
	return path
}

func TestMBTiles(t *testing.T) {
	m, err := OpenMBTiles(mbtilesFixture(t, "png"))
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	b, err := m.Tile(context.Background(), 2, 1, 3)
	if err != nil || !bytes.Equal(b, tilePNG(2, 1, 3)) {
		t.Errorf("tile 2/1/3: %v (rows count from the bottom)", err)
	}
	if _, err := m.Tile(context.Background(), 3, 0, 0); !errors.Is(err, ErrNoTile) {
		t.Errorf("a tile beyond the package: %v", err)
	}
	if m.Attribution != "Test tiles" || m.MaxZoom != 2 {
		t.Errorf("metadata %+v", m)
	}
	if _, err := OpenMBTiles(mbtilesFixture(t, "pbf")); err == nil || !strings.Contains(err.Error(), "vector tiles") {
		t.Errorf("vector package: %v", err)
	}
}

// TestLayerFallback loads zoom 2's tiles only: a view at zoom 3 is drawn
// from their quarters until its own tiles come, and, as the package has
// none, after.
func TestLayerFallback(t *testing.T) {
	m, err := OpenMBTiles(mbtilesFixture(t, "png"))
	if err != nil {
		t.Fatal(err)
	}
	l := NewLayer(m, m.Attribution, 3)
	v := view.New(orb.Point{30, 40}, 2, 512, 512)
	if failed := l.LoadAll(context.Background(), v, nil); len(failed) > 0 {
		t.Fatal(failed)
	}
	v3 := view.New(orb.Point{30, 40}, 3, 512, 512)
	placed := l.Placed(v3)
	if len(placed) != len(l.Keys(v3)) {
		t.Fatalf("%d tiles placed of %d: the parents stand in", len(placed), len(l.Keys(v3)))
	}
	if b := placed[0].Img.Bounds(); b.Dx() != 128 || placed[0].W != 256 {
		t.Errorf("a parent's quarter is %v, drawn %g wide", b, placed[0].W)
	}
	// Zoom 3 is beyond the package: no failure, the parents stay.
	if failed := l.LoadAll(context.Background(), v3, nil); len(failed) != 0 {
		t.Errorf("tiles beyond the package called failures: %v", failed)
	}
	if len(l.Placed(v3)) != len(l.Keys(v3)) {
		t.Error("the parents no longer stand in")
	}
	if len(l.Missing(v3)) != 0 {
		t.Error("tiles the package lacks are asked for again")
	}
}

// TestRetina asks a template with {r} for @2x tiles at a pixel ratio of
// 2, at the view's zoom; one without {r} for the next zoom's tiles.
func TestRetina(t *testing.T) {
	var mu sync.Mutex
	var paths []string
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		paths = append(paths, r.URL.Path)
		mu.Unlock()
		_, _ = w.Write(tilePNG(1, 1, 1))
	}))
	defer s.Close()
	v := view.New(orb.Point{30, 40}, 5, 256, 256)
	for _, tt := range []struct {
		template string
		zoom     int
		suffix   string
	}{
		{s.URL + "/{z}/{x}/{y}{r}.png", 5, "@2x.png"},
		{s.URL + "/{z}/{x}/{y}.png", 6, ".png"},
	} {
		spec, err := Parse(tt.template)
		if err != nil {
			t.Fatal(err)
		}
		l := NewLayer(NewFetcher(spec, nil, "Lodemap/test"), "", 19).ForScale(2)
		mu.Lock()
		paths = nil
		mu.Unlock()
		if failed := l.LoadAll(context.Background(), v, nil); len(failed) > 0 {
			t.Fatal(failed)
		}
		mu.Lock()
		asked := slices.Clone(paths)
		mu.Unlock()
		if len(asked) == 0 || !strings.HasPrefix(asked[0], fmt.Sprintf("/%d/", tt.zoom)) || !strings.HasSuffix(asked[0], tt.suffix) {
			t.Errorf("%s: asked for %v, want zoom %d, %s", tt.template, asked, tt.zoom, tt.suffix)
		}
	}
}

// TestDecode checks that tiles of every kind a server sends are decoded
// into RGBA with the colours image.Decode gives them: OpenStreetMap's
// paletted PNGs (one colour see-through), truecolour PNGs with alpha, and
// JPEGs.
func TestDecode(t *testing.T) {
	pal := color.Palette{color.RGBA{242, 239, 233, 255}, color.RGBA{170, 211, 223, 255}, color.NRGBA{255, 0, 0, 128}, color.Transparent}
	paletted := image.NewPaletted(image.Rect(0, 0, 64, 48), pal)
	nrgba := image.NewNRGBA(image.Rect(0, 0, 64, 48))
	for y := range 48 {
		for x := range 64 {
			paletted.SetColorIndex(x, y, uint8((x/8+y/8)%len(pal)))
			nrgba.SetNRGBA(x, y, color.NRGBA{uint8(x * 4), uint8(y * 5), 90, uint8(x * y % 256)})
		}
	}
	encode := func(img image.Image, jpg bool) []byte {
		var b bytes.Buffer
		var err error
		if jpg {
			err = jpeg.Encode(&b, img, nil)
		} else {
			err = png.Encode(&b, img)
		}
		if err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	tests := []struct {
		name string
		b    []byte
	}{
		{"paletted PNG", encode(paletted, false)},
		{"PNG with alpha", encode(nrgba, false)},
		{"JPEG", encode(nrgba, true)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decode(tt.b)
			if err != nil {
				t.Fatal(err)
			}
			want, _, err := image.Decode(bytes.NewReader(tt.b))
			if err != nil {
				t.Fatal(err)
			}
			if got.Rect != want.Bounds() {
				t.Fatalf("bounds %v, want %v", got.Rect, want.Bounds())
			}
			for y := range 48 {
				for x := range 64 {
					if w := color.RGBAModel.Convert(want.At(x, y)); got.RGBAAt(x, y) != w {
						t.Fatalf("pixel (%d, %d) is %v, want %v", x, y, got.RGBAAt(x, y), w)
					}
				}
			}
		})
	}
	if _, err := decode([]byte("<html>")); err == nil {
		t.Error("a page decoded as a tile")
	}
	if _, err := decode(encode(image.NewGray(image.Rect(0, 0, 5000, 2)), false)); err == nil || !strings.Contains(err.Error(), "larger than any") {
		t.Errorf("a picture 5000 px wide: %v", err)
	}
}

func TestFailures(t *testing.T) {
	notFound := fmt.Errorf("tiles: https://tiles.example.org/6/35/24.png: %w", errors.New("the server answered 404 Not Found"))
	many := map[Key]error{}
	for x := range 7 {
		many[Key{6, 40 - x, 24 + x%2}] = notFound
	}
	tests := []struct {
		name   string
		failed map[Key]error
		want   string
	}{
		{"none", nil, ""},
		{"one", map[Key]error{{6, 35, 24}: ErrNotImage}, "1 basemap tile could not be had: 6/35/24 (not an image); the offline basemap shows there"},
		{"row by row, five named", many, "7 basemap tiles could not be had: 6/34/24, 6/36/24, 6/38/24, 6/40/24, 6/35/25 and 2 more (https://tiles.example.org/6/35/24.png: the server answered 404 Not Found); the offline basemap shows there"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Failures(tt.failed); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
