// Package tilestest holds what tests of raster basemaps share: tiles of
// one colour, and MBTiles and PMTiles packages written from them.
package tilestest

import (
	"bytes"
	"database/sql"
	"image"
	"image/color"
	"image/png"
	"io"
	"log"
	"os"
	"path/filepath"
	"testing"

	"github.com/protomaps/go-pmtiles/pmtiles"
	_ "modernc.org/sqlite" // MBTiles are SQLite databases
)

// Solid is a 256 px PNG tile of one colour.
func Solid(tb testing.TB, c color.RGBA) []byte {
	tb.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 256, 256))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, c.A
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// MBTiles writes an MBTiles package at path of the tiles of zooms
// 0..maxZoom that tile gives (rows counted from the bottom, as MBTiles
// does), with its metadata.
func MBTiles(tb testing.TB, path string, meta map[string]string, maxZoom int, tile func(z, x, y int) []byte) {
	tb.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		"CREATE TABLE metadata (name TEXT, value TEXT)",
		"CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)",
		"CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row)",
	} {
		if _, err := db.Exec(q); err != nil {
			tb.Fatal(err)
		}
	}
	for k, v := range meta {
		if _, err := db.Exec("INSERT INTO metadata VALUES (?, ?)", k, v); err != nil {
			tb.Fatal(err)
		}
	}
	tx, err := db.Begin()
	if err != nil {
		tb.Fatal(err)
	}
	for z := range maxZoom + 1 {
		for x := range 1 << z {
			for y := range 1 << z {
				if _, err := tx.Exec("INSERT INTO tiles VALUES (?, ?, ?, ?)", z, x, (1<<z)-1-y, tile(z, x, y)); err != nil {
					tb.Fatal(err)
				}
			}
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
}

// PMTiles writes a PMTiles package at path of the same tiles and
// metadata as MBTiles would.
func PMTiles(tb testing.TB, path string, meta map[string]string, maxZoom int, tile func(z, x, y int) []byte) {
	tb.Helper()
	mb := filepath.Join(tb.TempDir(), "in.mbtiles")
	MBTiles(tb, mb, meta, maxZoom, tile)
	Convert(tb, mb, path)
}

// Convert writes the MBTiles package in as a PMTiles package at out with
// go-pmtiles, the format's own writer, which stores repeated tiles once.
func Convert(tb testing.TB, in, out string) {
	tb.Helper()
	tmp, err := os.Create(filepath.Join(tb.TempDir(), "tiles.tmp"))
	if err != nil {
		tb.Fatal(err)
	}
	defer tmp.Close()
	if err := pmtiles.Convert(log.New(io.Discard, "", 0), in, out, true, tmp); err != nil {
		tb.Fatal(err)
	}
}
