// Package assets embeds the files Lodemap ships inside its binary: the
// Natural Earth country polygons of the basemap (from world-atlas, see
// LICENSE.world-atlas), the GeoNames places it names (see
// LICENSE.geonames; made by cmd/basemapgen) and the application icon.
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

// Countries10m is the gzipped 1:10m Natural Earth country GeoJSON,
// drawn when zoomed in far (world-atlas's countries-10m, converted by
// ogr2ogr -f GeoJSON -lco COORDINATE_PRECISION=3 -lco RFC7946=YES).
//
//go:embed countries-10m.geojson.gz
var Countries10m []byte

// Places are the GeoNames places of at least 1,000 people, gzipped
// lines of name, longitude, latitude, population, feature code and
// country code, separated by tabs, the most populous first.
//
//go:embed places.tsv.gz
var Places []byte

// Icon is the application icon, a 1024x1024 PNG.
//
//go:embed icon.png
var Icon []byte

// BasemapAttribution credits the basemap data.
const BasemapAttribution = "Basemap: Natural Earth (public domain), world-atlas"

// PlacesAttribution credits the place names, added to the basemap's
// credit where they are drawn.
const PlacesAttribution = "places: GeoNames (CC BY 4.0)"
