package tiles

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// PackageInfo is what a tile package says of itself.
type PackageInfo struct {
	Format      string // png, jpg or webp
	Attribution string
	MaxZoom     int
}

// Info is the package's own description.
func (p PackageInfo) Info() PackageInfo { return p }

// Package is a tile package on disk, MBTiles or PMTiles.
type Package interface {
	Source
	io.Closer
	Info() PackageInfo
}

// OpenPackage opens a tile package by its file's extension.
func OpenPackage(path string) (Package, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".mbtiles":
		return OpenMBTiles(path)
	case ".pmtiles":
		return OpenPMTiles(path)
	}
	return nil, fmt.Errorf("tiles: %s is not a tile package (.mbtiles or .pmtiles)", path)
}

// checkFormat refuses a package whose tiles Lodemap cannot draw, saying
// why in words a user understands.
func checkFormat(path, format string) error {
	switch format {
	case "png", "jpg", "jpeg", "webp":
		return nil
	case "pbf", "mvt", "mlt":
		return fmt.Errorf("tiles: %s holds vector tiles, which Lodemap does not draw yet: use a package of PNG, JPEG or WebP tiles", path)
	}
	return fmt.Errorf("tiles: %s holds tiles of format %q: want png, jpg or webp", path, format)
}
