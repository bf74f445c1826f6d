package main

import (
	"fmt"
	"io"

	"github.com/lodemap/lodemap/geo/tiles"
)

// openBasemap opens a --basemap: nil for the offline one.
func openBasemap(spec string) (*tiles.Layer, error) {
	s, err := tiles.Parse(spec)
	if err != nil {
		return nil, err
	}
	return tiles.Open(s, tiles.DefaultCacheDir(), tiles.UserAgent(version))
}

// tileReport says on stderr how an export's basemap tiles load, and which
// could not be had: the offline basemap, or a lower zoom's tile, shows
// there.
func tileReport(stderr io.Writer) (progress func(done, total int), missing func(map[tiles.Key]error)) {
	progress = func(done, total int) {
		if done == total || done%16 == 0 {
			fmt.Fprintf(stderr, "\rlodemap: basemap tiles %d of %d", done, total)
		}
		if done == total {
			fmt.Fprintln(stderr)
		}
	}
	missing = func(failed map[tiles.Key]error) {
		fmt.Fprintf(stderr, "lodemap: %s\n", tiles.Failures(failed))
	}
	return progress, missing
}
