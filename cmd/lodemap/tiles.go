package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"github.com/lodemap/lodemap/geo/tiles"
)

// runTiles runs `lodemap tiles pack --url TEMPLATE --bbox W,S,E,N --zoom
// MIN-MAX OUT.mbtiles`: an offline tile package for field work, from a
// tile server that allows bulk downloads.
func runTiles(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "pack" {
		return usagef("tiles pack", "tiles needs the pack command")
	}
	fs := newFlagSet("tiles pack")
	tmpl := fs.String("url", "", "the tile server's XYZ URL template, with {z}, {x} and {y}")
	bbox := fs.String("bbox", "", "the area as W,S,E,N in degrees")
	zooms := fs.String("zoom", "", "the zooms as MIN-MAX (or one zoom)")
	pos, err := parseAll(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) != 1 || !strings.HasSuffix(strings.ToLower(pos[0]), ".mbtiles") {
		return usagef("tiles pack", "tiles pack needs one output file, OUT.mbtiles")
	}
	spec, err := tiles.Parse(*tmpl)
	if err != nil || spec.Kind != "xyz" {
		return usagef("tiles pack", "--url: want an XYZ URL template with {z}, {x} and {y} (%v)", err)
	}
	b, err := parseBBox(*bbox)
	if err != nil {
		return usagef("tiles pack", "--bbox %q: %v", *bbox, err)
	}
	from, to, err := parseZooms(*zooms)
	if err != nil {
		return usagef("tiles pack", "--zoom %q: %v", *zooms, err)
	}
	cache, err := tiles.OpenCache(tiles.DefaultCacheDir(), tiles.CacheLimit)
	if err != nil {
		cache = nil // packing needs no cache
	}
	f := tiles.NewFetcher(spec, cache, tiles.UserAgent(version))
	keys := tiles.PackKeys(b, from, to)
	missing, err := tiles.Pack(context.Background(), f, keys, b, pos[0], func(done, total int) {
		if done == total || done%64 == 0 {
			fmt.Fprintf(stderr, "\rlodemap: tiles %d of %d", done, total)
		}
		if done == total {
			fmt.Fprintln(stderr)
		}
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (%d tiles, zooms %d-%d", pos[0], len(keys)-missing, from, to)
	if missing > 0 {
		fmt.Fprintf(stdout, "; %d could not be had", missing)
	}
	fmt.Fprintln(stdout, ")")
	return nil
}

// parseBBox reads W,S,E,N.
func parseBBox(s string) (orb.Bound, error) {
	p := strings.Split(s, ",")
	if len(p) != 4 {
		return orb.Bound{}, fmt.Errorf("want W,S,E,N")
	}
	var v [4]float64
	for i, t := range p {
		n, err := strconv.ParseFloat(strings.TrimSpace(t), 64)
		if err != nil {
			return orb.Bound{}, fmt.Errorf("%q is not a number", t)
		}
		v[i] = n
	}
	if v[0] >= v[2] || v[1] >= v[3] || v[0] < -180 || v[2] > 180 || v[1] < -85.06 || v[3] > 85.06 {
		return orb.Bound{}, fmt.Errorf("want west < east within ±180 and south < north within ±85")
	}
	return orb.Bound{Min: orb.Point{v[0], v[1]}, Max: orb.Point{v[2], v[3]}}, nil
}

// parseZooms reads MIN-MAX or one zoom.
func parseZooms(s string) (int, int, error) {
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		b = a
	}
	from, err1 := strconv.Atoi(strings.TrimSpace(a))
	to, err2 := strconv.Atoi(strings.TrimSpace(b))
	if err1 != nil || err2 != nil || from < 0 || to > 22 || from > to {
		return 0, 0, fmt.Errorf("want MIN-MAX, zooms 0 to 22")
	}
	return from, to, nil
}
