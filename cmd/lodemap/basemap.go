package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"

	"github.com/lodemap/lodemap/geo/tiles"
	"github.com/lodemap/lodemap/geo/view"
)

// userAgent names Lodemap to tile servers, as OpenStreetMap's tile usage
// policy asks: the program, its version and where to find it.
func userAgent() string { return "Lodemap/" + version + " (+https://github.com/lodemap/lodemap)" }

// tileCacheDir is the disk cache of fetched tiles, in the user's cache
// folder; "" when there is none.
func tileCacheDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "lodemap", "tiles")
}

// loadBasemap opens a --basemap and loads every tile the view needs at
// the output's pixel ratio (sharper tiles for print), saying on stderr how
// it goes and which tiles could not be had: the offline basemap shows
// where they are missing. It returns nil for the offline basemap.
func loadBasemap(ctx context.Context, spec string, v view.Viewport, scale float64, stderr io.Writer) (*tiles.Layer, error) {
	s, err := tiles.Parse(spec)
	if err != nil {
		return nil, err
	}
	l, err := tiles.Open(s, tileCacheDir(), userAgent())
	if err != nil || l == nil {
		return nil, err
	}
	l.Bias = math.Log2(scale)
	failed := l.LoadAll(ctx, v, func(done, total int) {
		if done == total || done%16 == 0 {
			fmt.Fprintf(stderr, "\rlodemap: basemap tiles %d of %d", done, total)
		}
	})
	if len(l.Keys(v)) > 0 {
		fmt.Fprintln(stderr)
	}
	if len(failed) > 0 {
		keys := make([]tiles.Key, 0, len(failed))
		for k := range failed {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(a, b tiles.Key) int { return (a.Y-b.Y)*1<<20 + a.X - b.X })
		fmt.Fprintf(stderr, "lodemap: %d basemap tiles could not be had (the offline basemap shows there); %s: %v\n", len(failed), keys[0], failed[keys[0]])
	}
	return l, nil
}
