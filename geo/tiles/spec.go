// Package tiles reads raster map tiles for the basemap: from an XYZ URL
// template over HTTP (OpenStreetMap's standard tiles among them), through
// a disk cache that honours Cache-Control, Expires and ETag and keeps to a
// size cap, or from an MBTiles or PMTiles package. Tiles are fetched with a
// concurrency limit, timeouts and retries, and decoded (PNG, JPEG, WebP)
// once. The package knows no GUI: the window and the exports ask it for
// tiles and are told when they come.
package tiles

import (
	"fmt"
	"net/url"
	"strings"
)

// Spec says which basemap to draw.
type Spec struct {
	// Kind is "offline" (the embedded basemap), "xyz" (Template) or
	// "package" (Path: an MBTiles or PMTiles file).
	Kind     string
	Template string // with {z}, {x}, {y}, optional {s} and {r} (@2x for high-dpi output)
	Path     string
	// Attribution credits the tiles; it is always shown with them.
	Attribution string
	// OSM marks OpenStreetMap's own tile servers, whose policy forbids
	// bulk downloads.
	OSM bool
}

// OSMTemplate is OpenStreetMap's standard tile layer.
const OSMTemplate = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"

// Offline is the embedded basemap.
var Offline = Spec{Kind: "offline"}

// Parse reads a basemap as the --basemap flag and the picker give it:
// "offline", "osm", an XYZ URL template, or the path of an .mbtiles or
// .pmtiles file.
func Parse(s string) (Spec, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "" || strings.EqualFold(s, "offline"):
		return Offline, nil
	case strings.EqualFold(s, "osm"):
		return Spec{Kind: "xyz", Template: OSMTemplate, Attribution: "© OpenStreetMap contributors", OSM: true}, nil
	case strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://"):
		u, err := url.Parse(strings.NewReplacer("{", "", "}", "").Replace(s))
		if err != nil || u.Host == "" {
			return Spec{}, fmt.Errorf("tiles: %q is not a URL", s)
		}
		for _, p := range []string{"{z}", "{x}", "{y}"} {
			if !strings.Contains(s, p) {
				return Spec{}, fmt.Errorf("tiles: the URL template %q has no %s", s, p)
			}
		}
		return Spec{Kind: "xyz", Template: s, Attribution: "Tiles: " + u.Host, OSM: isOSM(u.Host)}, nil
	case strings.HasSuffix(strings.ToLower(s), ".mbtiles") || strings.HasSuffix(strings.ToLower(s), ".pmtiles"):
		return Spec{Kind: "package", Path: s}, nil
	}
	return Spec{}, fmt.Errorf("tiles: unknown basemap %q (want offline, osm, an XYZ URL template with {z}, {x} and {y}, or an .mbtiles or .pmtiles file)", s)
}

// isOSM reports whether a host is one of OpenStreetMap's own tile servers.
func isOSM(host string) bool {
	host = strings.ToLower(host)
	return host == "tile.openstreetmap.org" || strings.HasSuffix(host, ".tile.openstreetmap.org")
}

// URL is the address of tile z/x/y: {s} takes one of the subdomains a, b,
// c by the tile, {r} is "@2x" when retina.
func (s Spec) URL(z, x, y int, retina bool) string {
	r := ""
	if retina {
		r = "@2x"
	}
	sub := string(rune('a' + (x+y)%3))
	return strings.NewReplacer("{z}", fmt.Sprint(z), "{x}", fmt.Sprint(x), "{y}", fmt.Sprint(y), "{s}", sub, "{r}", r).Replace(s.Template)
}
