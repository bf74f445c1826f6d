//go:build noproj

package crs

import (
	"fmt"
	"strings"

	"github.com/paulmach/orb"
)

// CRS is a coordinate reference system named by a file. A build without
// PROJ (the noproj tag: the Windows and macOS packages, whose toolchains
// have no libproj) knows WGS 84 alone.
type CRS struct {
	name  string
	wgs84 bool
}

// wgs84Names are the definitions of WGS 84 lon/lat a build without PROJ
// knows, in lower case.
var wgs84Names = []string{"epsg:4326", "ogc:crs84", "urn:ogc:def:crs:ogc:1.3:crs84", "urn:ogc:def:crs:epsg::4326",
	"http://www.opengis.net/def/crs/epsg/0/4326", "http://www.opengis.net/def/crs/ogc/1.3/crs84"}

// Parse resolves a coordinate system from its definition, as the PROJ
// build's Parse takes them; without PROJ only WGS 84 is known, and any
// other system is one that cannot be taken to WGS 84 (ToWGS84 says so).
func Parse(def string) (*CRS, error) {
	def = strings.TrimSpace(def)
	if !looksLikeCRS(def) {
		return nil, fmt.Errorf("crs: unknown coordinate system %q", short(def))
	}
	lower := strings.ToLower(def)
	c := &CRS{name: short(def)}
	for _, n := range wgs84Names {
		c.wgs84 = c.wgs84 || lower == n
	}
	if wktStart.MatchString(def) && !strings.Contains(lower, "projcs") && !strings.Contains(lower, "projcrs") &&
		(strings.Contains(lower, "wgs 84") || strings.Contains(lower, "wgs_1984") || strings.Contains(lower, "wgs84")) {
		c.wgs84, c.name = true, "WGS 84"
	}
	return c, nil
}

// IsWGS84 reports whether coordinates in c are WGS 84 longitudes and
// latitudes.
func (c *CRS) IsWGS84() bool { return c.wgs84 }

// Transform takes coordinates of one system to WGS 84; a build without
// PROJ makes none.
type Transform struct{}

// ToWGS84 says that this build cannot reproject: the file must be
// converted to WGS 84 first.
func ToWGS84(c *CRS) (*Transform, error) {
	return nil, fmt.Errorf("crs: this build of Lodemap has no PROJ, so it cannot take %s to WGS 84; convert the file to WGS 84 (EPSG:4326) first", c.name)
}

// Geometry is never called: ToWGS84 makes no Transform.
func (t *Transform) Geometry(g orb.Geometry) (orb.Geometry, error) { return g, errNoProj }

// Points is never called: ToWGS84 makes no Transform.
func (t *Transform) Points([]orb.Point) error { return errNoProj }

// errNoProj is what a Transform of a build without PROJ says.
var errNoProj = fmt.Errorf("crs: this build of Lodemap has no PROJ")
