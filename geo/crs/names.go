package crs

import (
	"regexp"
	"strconv"
	"strings"
)

var (
	// authCode is an authority and a code: "EPSG:5254", "ESRI:102013",
	// "OGC:CRS84".
	authCode = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*:[A-Za-z0-9_.-]+$`)
	// wktStart opens a WKT definition: a keyword and a bracket.
	wktStart = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*\s*[\[(]`)
)

// ParseCode resolves a coordinate system from an authority's name and code,
// as a GeoPackage's gpkg_spatial_ref_sys gives them (organization "EPSG",
// organization_coordsys_id 5254).
func ParseCode(authority string, code int64) (*CRS, error) {
	return Parse(strings.TrimSpace(authority) + ":" + strconv.FormatInt(code, 10))
}

// looksLikeCRS reports whether def has one of the forms Parse takes. PROJ
// itself would also look up any other text as a name, fuzzily ("foo" finds
// "Amersfoort"), which is never what a file meant.
func looksLikeCRS(def string) bool {
	lower := strings.ToLower(def)
	switch {
	case authCode.MatchString(def), wktStart.MatchString(def):
		return true
	case strings.HasPrefix(def, "{"):
		return true
	case strings.HasPrefix(lower, "urn:ogc:def:crs:"), strings.HasPrefix(lower, "http://www.opengis.net/def/crs/"):
		return true
	case strings.HasPrefix(lower, "+proj=") || strings.HasPrefix(lower, "proj="):
		return strings.Contains(lower, "type=crs")
	}
	return false
}

// short names a definition in a message: the whole of a short one, the
// first quoted name of a long WKT or PROJJSON one.
func short(def string) string {
	if len(def) <= 60 {
		return def
	}
	if i := strings.IndexByte(def, '"'); i >= 0 {
		if j := strings.IndexByte(def[i+1:], '"'); j > 0 && j <= 80 {
			return def[i+1 : i+1+j]
		}
	}
	return def[:57] + "..."
}

// Name is the system's name as PROJ gives it ("TUREF / TM30",
// "WGS 84 / UTM zone 36N").
func (c *CRS) Name() string { return c.name }

// String is the system's name.
func (c *CRS) String() string { return c.name }
