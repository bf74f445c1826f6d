// Package assets embeds the files Lodemap ships inside its binary: the
// Natural Earth country polygons of the basemap (from world-atlas, see
// LICENSE.world-atlas) and the application icon.
package assets

import _ "embed"

// Countries110m is the gzipped 1:110m Natural Earth country GeoJSON.
//
//go:embed countries-110m.geojson.gz
var Countries110m []byte

// Countries50m is the gzipped 1:50m Natural Earth country GeoJSON.
//
//go:embed countries-50m.geojson.gz
var Countries50m []byte

// Icon is the application icon, a 1024x1024 PNG.
//
//go:embed icon.png
var Icon []byte

// BasemapAttribution credits the basemap data.
const BasemapAttribution = "Basemap: Natural Earth (public domain), world-atlas"
