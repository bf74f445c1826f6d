package tiles

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/lodemap/lodemap/geo/tiles/tilestest"
	"github.com/protomaps/go-pmtiles/pmtiles"
)

// pmtilesFixture writes a PMTiles package of the tiles tile gives at
// zooms 0..maxZoom, with format and an attribution in its metadata.
func pmtilesFixture(t *testing.T, format string, maxZoom int, tile func(z, x, y int) []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "pack.pmtiles")
	tilestest.PMTiles(t, path, map[string]string{"format": format, "attribution": "Test tiles", "maxzoom": fmt.Sprint(maxZoom)}, maxZoom, tile)
	return path
}

// tinyTile is a distinct few bytes per tile: enough tiles of it make a
// package with leaf directories.
func tinyTile(z, x, y int) []byte { return []byte(fmt.Sprintf("%d/%d/%d", z, x, y)) }

func TestPMTiles(t *testing.T) {
	// Zooms 0-2 the same tile, stored once as a run; zoom 3 a tile each.
	repeated := func(z, x, y int) []byte {
		if z < 3 {
			return tilePNG(1, 1, 1)
		}
		return tilePNG(z, x, y)
	}
	tests := []struct {
		name    string
		maxZoom int
		tile    func(z, x, y int) []byte
	}{
		{"a tile each", 2, tilePNG},
		{"a tile repeated (runs)", 3, repeated},
		{"leaf directories", 7, tinyTile}, // 21,845 tiles
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := OpenPMTiles(pmtilesFixture(t, "png", tt.maxZoom, tt.tile))
			if err != nil {
				t.Fatal(err)
			}
			defer p.Close()
			if p.Attribution != "Test tiles" || p.MaxZoom != tt.maxZoom || p.Format != "png" {
				t.Errorf("info %+v", p.PackageInfo)
			}
			for z := range tt.maxZoom + 1 {
				for x := 0; x < 1<<z; x += 1 + z {
					for y := 0; y < 1<<z; y += 1 + z/2 {
						b, err := p.Tile(context.Background(), z, x, y)
						if err != nil || !bytes.Equal(b, tt.tile(z, x, y)) {
							t.Fatalf("tile %d/%d/%d: %q, %v", z, x, y, b, err)
						}
					}
				}
			}
			if tt.maxZoom == 7 {
				if len(p.leaves) == 0 {
					t.Error("no leaf directory was read")
				}
				readAtOnce(t, p, 7)
			}
			for _, k := range []Key{{tt.maxZoom + 1, 0, 0}, {1, 2, 0}, {1, -1, 0}} {
				if _, err := p.Tile(context.Background(), k.Z, k.X, k.Y); !errors.Is(err, ErrNoTile) {
					t.Errorf("tile %v beyond the package: %v", k, err)
				}
			}
		})
	}
}

// readAtOnce reads a zoom's tiles from eight goroutines at once, from a
// cache of leaf directories emptied first, as the window loads them.
func readAtOnce(t *testing.T, p *PMTiles, z int) {
	t.Helper()
	p.mu.Lock()
	clear(p.leaves)
	p.mu.Unlock()
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for x := g; x < 1<<z; x += 8 {
				for y := range 1 << z {
					if b, err := p.Tile(context.Background(), z, x, y); err != nil || !bytes.Equal(b, tinyTile(z, x, y)) {
						errs <- fmt.Errorf("tile %d/%d/%d: %q, %v", z, x, y, b, err)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestPMTilesRefused checks the words for packages Lodemap cannot read,
// and that damage is an error when the package opens, never a crash.
func TestPMTilesRefused(t *testing.T) {
	good, err := os.ReadFile(pmtilesFixture(t, "png", 7, tinyTile))
	if err != nil {
		t.Fatal(err)
	}
	write := func(b []byte) string {
		path := filepath.Join(t.TempDir(), "bad.pmtiles")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	version2 := bytes.Clone(good)
	version2[7] = 2
	brotli, unknown := bytes.Clone(good), bytes.Clone(good)
	brotli[98], unknown[98] = 3, 200 // the tiles' compression
	wrap := bytes.Clone(good)
	copy(wrap[56:64], []byte{0xf8, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}) // the tile data's offset: 2^64-8
	badRoot := bytes.Clone(good)
	copy(badRoot[16:24], []byte{0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0}) // the root's length
	tests := []struct {
		name, path, want string
	}{
		{"vector tiles", pmtilesFixture(t, "pbf", 1, tinyTile), "vector tiles"},
		{"not a package", write([]byte("PK\x03\x04 a zip file, renamed")), "is not a PMTiles package"},
		{"version 2", write(version2), "version 2"},
		{"brotli", write(brotli), "compressed with brotli"},
		{"unknown compression", write(unknown), "unknown compression"},
		{"root beyond the end", write(badRoot), "is damaged"},
		{"tile data wrapping around", write(wrap), "beyond the file's end"},
		{"truncated", write(good[:len(good)*2/3]), "beyond the file's end"},
		{"no such file", filepath.Join(t.TempDir(), "none.pmtiles"), "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := OpenPMTiles(tt.path)
			if err == nil {
				p.Close()
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}

// TestPMTilesPublished reads go-pmtiles' own fixtures: two PNG tiles,
// unclustered, and a package of vector tiles.
func TestPMTilesPublished(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/protomaps/go-pmtiles").Output()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "pmtiles", "fixtures")
	p, err := OpenPMTiles(filepath.Join(dir, "unclustered.pmtiles"))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	var n int
	for x := range 2 {
		for y := range 2 {
			b, err := p.Tile(context.Background(), 1, x, y)
			if errors.Is(err, ErrNoTile) {
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			if _, err := png.Decode(bytes.NewReader(b)); err != nil {
				t.Errorf("tile 1/%d/%d: %v", x, y, err)
			}
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d tiles read, want the 2 the header counts", n)
	}
	if _, err := OpenPMTiles(filepath.Join(dir, "test_fixture_1.pmtiles")); err == nil || !strings.Contains(err.Error(), "vector tiles") {
		t.Errorf("a vector package: %v", err)
	}
}

// TestPMTilesAgainstGDAL reads a package GDAL made: gdal_translate tiles
// a georeferenced picture into an MBTiles package (with gdaladdo's lower
// zooms), go-pmtiles converts it, and every tile read from the PMTiles
// package must be the MBTiles package's, as read by SQLite.
func TestPMTilesAgainstGDAL(t *testing.T) {
	for _, tool := range []string{"gdal_translate", "gdaladdo"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("CI must provide GDAL's %s (Debian gdal-bin)", tool)
			}
			t.Skipf("needs GDAL's %s (Debian gdal-bin)", tool)
		}
	}
	dir := t.TempDir()
	src, mb, pm := filepath.Join(dir, "src.png"), filepath.Join(dir, "gdal.mbtiles"), filepath.Join(dir, "gdal.pmtiles")
	gradient := image.NewRGBA(image.Rect(0, 0, 600, 400))
	for y := range 400 {
		for x := range 600 {
			gradient.SetRGBA(x, y, color.RGBA{uint8(x * 255 / 600), uint8(y * 255 / 400), 128, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, gradient); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(src, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range [][]string{
		{"gdal_translate", "-q", "-of", "MBTiles", "-a_srs", "EPSG:4326", "-a_ullr", "26", "42", "45", "36", "-co", "TILE_FORMAT=PNG", "-co", "NAME=Anatolia", src, mb},
		{"gdaladdo", "-q", "-r", "average", mb, "2", "4", "8"},
	} {
		if out, err := exec.Command(cmd[0], cmd[1:]...).CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", cmd[0], err, out)
		}
	}
	tilestest.Convert(t, mb, pm)
	p, err := OpenPMTiles(pm)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	db, err := sql.Open("sqlite", "file:"+mb+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	zooms := map[int]int{}
	for rows.Next() {
		var z, x, row int
		var want []byte
		if err := rows.Scan(&z, &x, &row, &want); err != nil {
			t.Fatal(err)
		}
		y := (1<<z - 1) - row
		got, err := p.Tile(context.Background(), z, x, y)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("tile %d/%d/%d: %d bytes, %v; GDAL wrote %d", z, x, y, len(got), err, len(want))
		}
		zooms[z]++
	}
	if len(zooms) < 3 || p.MaxZoom != slices.Max(slices.Collect(maps.Keys(zooms))) {
		t.Errorf("zooms %v, the package's highest %d", zooms, p.MaxZoom)
	}
}

// craftedPMTiles is a package of one zoom 0 tile whose root directory
// holds entries, as a hostile or broken writer might make it; compress
// gzips the root.
func craftedPMTiles(t *testing.T, entries []pmtiles.EntryV3, compress bool) string {
	t.Helper()
	c := pmtiles.Compression(pmtiles.NoCompression)
	if compress {
		c = pmtiles.Gzip
	}
	root := pmtiles.SerializeEntries(entries, c)
	tile := tilePNG(0, 0, 0)
	h := pmtiles.HeaderV3{SpecVersion: 3, RootOffset: pmtiles.HeaderV3LenBytes, RootLength: uint64(len(root)),
		MetadataOffset: pmtiles.HeaderV3LenBytes + uint64(len(root)), LeafDirectoryOffset: pmtiles.HeaderV3LenBytes + uint64(len(root)),
		TileDataOffset: pmtiles.HeaderV3LenBytes + uint64(len(root)), TileDataLength: uint64(len(tile)),
		InternalCompression: c, TileCompression: pmtiles.NoCompression, TileType: pmtiles.Png}
	b := append(append(pmtiles.SerializeHeader(h), root...), tile...)
	path := filepath.Join(t.TempDir(), "crafted.pmtiles")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestPMTilesCrafted reads packages whose directories point outside
// their sections or decompress to far more than a directory holds: each
// is an error that names the file, never bytes from elsewhere in it or a
// huge allocation.
func TestPMTilesCrafted(t *testing.T) {
	ok := craftedPMTiles(t, []pmtiles.EntryV3{{TileID: 0, Offset: 0, Length: uint32(len(tilePNG(0, 0, 0))), RunLength: 1}}, false)
	p, err := OpenPMTiles(ok)
	if err != nil {
		t.Fatal(err)
	}
	if b, err := p.Tile(context.Background(), 0, 0, 0); err != nil || !bytes.Equal(b, tilePNG(0, 0, 0)) {
		t.Fatalf("the well-made crafted package: %v", err)
	}
	p.Close()
	bomb := make([]pmtiles.EntryV3, 3_000_000) // some 12 MB of varints, gzipped to a few KB
	for i := range bomb {
		bomb[i] = pmtiles.EntryV3{TileID: uint64(i), Length: 1, RunLength: 1}
	}
	tests := []struct {
		name, path string
		open       bool // the error comes when the tile is read
		want       string
	}{
		{"a tile before the tile data", craftedPMTiles(t, []pmtiles.EntryV3{{TileID: 0, Offset: 1 << 63, Length: 16, RunLength: 1}}, false), true, "outside the tile data"},
		{"a tile past the tile data", craftedPMTiles(t, []pmtiles.EntryV3{{TileID: 0, Offset: 10, Length: 1 << 20, RunLength: 1}}, false), true, "outside the tile data"},
		{"a leaf past the leaves", craftedPMTiles(t, []pmtiles.EntryV3{{TileID: 0, Offset: 0, Length: 100, RunLength: 0}}, false), true, "outside the leaf directories"},
		{"a directory bomb", craftedPMTiles(t, bomb, true), false, "larger, decompressed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := OpenPMTiles(tt.path)
			if tt.open && err == nil {
				defer p.Close()
				_, err = p.Tile(context.Background(), 0, 0, 0)
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.path) {
				t.Errorf("error %v, want %q and the file's name", err, tt.want)
			}
		})
	}
}
