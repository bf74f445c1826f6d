package tiles

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"net/http"
	"os"

	"github.com/paulmach/orb"
)

// MaxPack is the most tiles one package may hold: more is a bulk
// download few servers allow.
const MaxPack = 50_000

// PackKeys are the tiles that cover a lon/lat bound at zooms from..to.
func PackKeys(b orb.Bound, from, to int) []Key {
	var out []Key
	for z := from; z <= to; z++ {
		n := 1 << z
		tile := func(lon, lat float64) (int, int) {
			x := int(math.Floor((lon + 180) / 360 * float64(n)))
			r := lat * math.Pi / 180
			y := int(math.Floor((1 - math.Log(math.Tan(r)+1/math.Cos(r))/math.Pi) / 2 * float64(n)))
			clamp := func(v int) int { return max(0, min(n-1, v)) }
			return clamp(x), clamp(y)
		}
		x0, y0 := tile(b.Min[0], b.Max[1])
		x1, y1 := tile(b.Max[0], b.Min[1])
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				out = append(out, Key{z, x, y})
			}
		}
	}
	return out
}

// Pack fetches keys from f and writes them to an MBTiles package at path,
// through a temporary file renamed into place when complete. It refuses
// OpenStreetMap's own servers, whose tile usage policy forbids bulk
// downloads. progress (optional) is called with the tiles done and the
// total; tiles that cannot be had are counted, not fatal.
func Pack(ctx context.Context, f *Fetcher, keys []Key, b orb.Bound, path string, progress func(done, total int)) (missing int, err error) {
	if f.Spec.OSM {
		return 0, errors.New("tiles: OpenStreetMap's tile usage policy forbids bulk downloads from its servers (https://operations.osmfoundation.org/policies/tiles/); pack tiles from a server that allows it")
	}
	if len(keys) > MaxPack {
		return 0, fmt.Errorf("tiles: %d tiles is more than one package holds (%d): narrow the box or the zooms", len(keys), MaxPack)
	}
	tmp := path + ".tmp"
	_ = os.Remove(tmp)
	defer os.Remove(tmp) // no-op once renamed
	db, err := sql.Open("sqlite", tmp)
	if err != nil {
		return 0, fmt.Errorf("tiles: %s: %w", path, err)
	}
	defer db.Close()
	for _, q := range []string{
		"CREATE TABLE metadata (name TEXT, value TEXT)",
		"CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)",
		"CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row)",
	} {
		if _, err := db.Exec(q); err != nil {
			return 0, fmt.Errorf("tiles: %s: %w", path, err)
		}
	}
	format := ""
	var werr error
	eachKey(keys, progress, func(k Key) func() {
		body, err := f.Tile(ctx, k.Z, k.X, k.Y)
		return func() {
			if err != nil {
				missing++
				return
			}
			if format == "" {
				format = http.DetectContentType(body)
			}
			if _, err := db.Exec("INSERT INTO tiles VALUES (?, ?, ?, ?)", k.Z, k.X, (1<<k.Z)-1-k.Y, body); err != nil && werr == nil {
				werr = err
			}
		}
	})
	if err := cmpErr(ctx.Err(), werr); err != nil {
		return missing, fmt.Errorf("tiles: %s: %w", path, err)
	}
	minZ, maxZ := keys[0].Z, keys[len(keys)-1].Z
	meta := map[string]string{"name": "Lodemap tiles", "format": formatName(format), "type": "baselayer",
		"bounds":  fmt.Sprintf("%g,%g,%g,%g", b.Min[0], b.Min[1], b.Max[0], b.Max[1]),
		"minzoom": fmt.Sprint(minZ), "maxzoom": fmt.Sprint(maxZ), "attribution": f.Spec.Attribution}
	for k, v := range meta {
		if _, err := db.Exec("INSERT INTO metadata VALUES (?, ?)", k, v); err != nil {
			return missing, fmt.Errorf("tiles: %s: %w", path, err)
		}
	}
	if err := db.Close(); err != nil {
		return missing, fmt.Errorf("tiles: %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return missing, fmt.Errorf("tiles: %s: %w", path, err)
	}
	return missing, nil
}

func cmpErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// formatName is MBTiles' name of a tile's content type.
func formatName(contentType string) string {
	switch contentType {
	case "image/jpeg":
		return "jpg"
	case "image/webp":
		return "webp"
	}
	return "png"
}
