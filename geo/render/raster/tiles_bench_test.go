package raster

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/geo/render"
	"github.com/lodemap/lodemap/geo/tiles"
	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

// mapTile is a 256 px PNG like a map tile's: areas of flat colour (land,
// water, parks) crossed by lines and dotted with detail, in a palette of
// under 256 colours, about the size of an OpenStreetMap tile (tens of KB).
func mapTile(b *testing.B, seed int64) []byte {
	rng := rand.New(rand.NewSource(seed))
	img := image.NewRGBA(image.Rect(0, 0, 256, 256))
	set := func(x, y int, c [3]uint8) {
		i := img.PixOffset(x&255, y&255)
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c[0], c[1], c[2], 255
	}
	for y := range 256 {
		for x := range 256 {
			c := [3]uint8{242, 239, 233} // land
			if x+y/2 > 300 {
				c = [3]uint8{170, 211, 223} // water
			} else if (x/40+y/50)%5 == 0 {
				c = [3]uint8{205, 235, 176} // a park
			}
			set(x, y, c)
		}
	}
	for range 40 { // roads
		x, y := rng.Intn(256), rng.Intn(256)
		dx, dy := rng.Intn(3)-1, rng.Intn(3)-1
		for k := range 200 {
			set(x+k*dx, y+k*dy, [3]uint8{255, 255, 255})
			set(x+k*dx+1, y+k*dy, [3]uint8{200, 200, 200})
		}
	}
	for range 2000 { // buildings, labels
		set(rng.Intn(256), rng.Intn(256), [3]uint8{uint8(rng.Intn(80) + 150), 150, 150})
	}
	// In a palette, as OpenStreetMap's tiles are.
	var pal color.Palette
	index := map[color.Color]uint8{}
	pm := image.NewPaletted(img.Rect, nil)
	for i := 0; i < len(img.Pix); i += 4 {
		c := color.RGBA{img.Pix[i], img.Pix[i+1], img.Pix[i+2], 255}
		k, ok := index[c]
		if !ok {
			k = uint8(len(pal))
			index[c], pal = k, append(pal, c)
		}
		pm.Pix[i/4] = k
	}
	pm.Palette = pal
	var buf bytes.Buffer
	if err := png.Encode(&buf, pm); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// tileFetcher serves map-like tiles from a local server through a disk cache
// warmed with the view's tiles.
func tileFetcher(b *testing.B, v view.Viewport) *tiles.Fetcher {
	tile := mapTile(b, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "max-age=3600")
		_, _ = w.Write(tile)
	}))
	b.Cleanup(srv.Close)
	spec, err := tiles.Parse(srv.URL + "/{z}/{x}/{y}.png")
	if err != nil {
		b.Fatal(err)
	}
	cache, err := tiles.OpenCache(b.TempDir(), tiles.CacheLimit)
	if err != nil {
		b.Fatal(err)
	}
	f := tiles.NewFetcher(spec, cache, "Lodemap/bench")
	if failed := tiles.NewLayer(f, "", 19).LoadAll(context.Background(), v, nil); len(failed) > 0 {
		b.Fatal(failed)
	}
	return f
}

// BenchmarkTilesFirstFrame1080p is the window's first frame of the
// dataset over a raster basemap, its tiles in the disk cache: every tile
// read from the cache and decoded, then the frame drawn from empty screen
// tiles (issue 11: at most 100 ms).
func BenchmarkTilesFirstFrame1080p(b *testing.B) {
	cat, err := data.Default()
	if err != nil {
		b.Fatal(err)
	}
	v := view.New(orb.Point{30.2, 39.6}, 6.2, 1920, 1080)
	f := tileFetcher(b, v)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		l := tiles.NewLayer(f, "Tiles", 19)
		if failed := l.LoadAll(context.Background(), v, nil); len(failed) > 0 {
			b.Fatal(failed)
		}
		if _, _, err := NewTileCache().Frame(context.Background(), render.Input{View: v, Layers: cat.Layers, Tiles: l}, 1, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTilesPanFrame1080p is a drag step over a raster basemap whose
// tiles are loaded: the screen tiles coming into view drawn with theirs
// (issue 11: at most 16 ms).
func BenchmarkTilesPanFrame1080p(b *testing.B) {
	cat, err := data.Default()
	if err != nil {
		b.Fatal(err)
	}
	v := view.New(orb.Point{30.2, 39.6}, 6.2, 1920, 1080)
	wide := view.New(v.Center, v.Zoom, 1920*3, 1080*3) // room to pan
	f := tileFetcher(b, wide)
	l := tiles.NewLayer(f, "Tiles", 19)
	if failed := l.LoadAll(context.Background(), wide, nil); len(failed) > 0 {
		b.Fatal(failed)
	}
	in := render.Input{View: v, Layers: cat.Layers, Tiles: l}
	c := NewTileCache()
	shown, _, err := c.Frame(context.Background(), in, 1, nil)
	if err != nil {
		b.Fatal(err)
	}
	var spare *image.RGBA
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		dx := -8.0
		if (i/200)%2 == 1 {
			dx = 8 // back and forth, within the tiles loaded
		}
		in.View = in.View.Pan(dx, 3*dx/8)
		img, _, err := c.Frame(context.Background(), in, 1, spare)
		if err != nil {
			b.Fatal(err)
		}
		shown, spare = img, shown
	}
}
