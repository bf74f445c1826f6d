package tiles

import (
	"fmt"
	"os"
	"path/filepath"
)

// CacheLimit is the disk cache's default cap.
const CacheLimit = 512 << 20

// DefaultCacheDir is where fetched tiles are kept: the user's cache
// folder's lodemap/tiles, or "" when there is none.
func DefaultCacheDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "lodemap", "tiles")
}

// UserAgent names Lodemap to tile servers, as OpenStreetMap's tile usage
// policy asks: the program, its version and where to find it.
func UserAgent(version string) string {
	return "Lodemap/" + version + " (+https://github.com/lodemap/lodemap)"
}

// Open makes the layer of a basemap: a Fetcher of an XYZ template's tiles
// through a cache in cacheDir ("" for none), or a tile package. The
// offline basemap has no layer: Open returns nil for it. Close the layer
// when done.
func Open(spec Spec, cacheDir, userAgent string) (*Layer, error) {
	switch spec.Kind {
	case "offline":
		return nil, nil
	case "package":
		m, err := OpenPackage(spec.Path)
		if err != nil {
			return nil, err
		}
		credit := m.Info().Attribution
		if credit == "" {
			credit = "Tiles: " + filepath.Base(spec.Path)
		}
		l := NewLayer(m, credit, m.Info().MaxZoom)
		l.closer = m
		return l, nil
	case "xyz":
		var cache *Cache
		if cacheDir != "" {
			var err error
			if cache, err = OpenCache(cacheDir, CacheLimit); err != nil {
				return nil, err
			}
		}
		return NewLayer(NewFetcher(spec, cache, userAgent), spec.Attribution, 19), nil
	}
	return nil, fmt.Errorf("tiles: unknown basemap kind %q", spec.Kind)
}

// Close releases what the layer reads from (a tile package).
func (l *Layer) Close() error {
	if l == nil || l.closer == nil {
		return nil
	}
	return l.closer.Close()
}

var (
	_ Package = (*MBTiles)(nil)
	_ Package = (*PMTiles)(nil)
)
