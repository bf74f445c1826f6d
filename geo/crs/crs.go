// Package crs reprojects coordinates to WGS 84 longitudes and latitudes with
// PROJ (through github.com/twpayne/go-proj, over the system's libproj). A
// coordinate system is parsed once from the way a file names it (an
// authority code such as "EPSG:5254", a WKT definition from a .prj file or a
// GeoPackage, PROJJSON) and a Transform takes geometries or whole slices of
// points from it to WGS 84, always in longitude, latitude order, whatever
// axis order the systems define.
//go:build !noproj

package crs

import (
	"errors"
	"fmt"
	"strings"

	"github.com/twpayne/go-proj/v11"
)

// CRS is a coordinate reference system that PROJ resolved.
type CRS struct {
	pj   *proj.PJ
	name string
	// op takes coordinates of this system to WGS 84 lon/lat; opErr says
	// why there is none.
	op    *proj.PJ
	opErr error
}

// wgs84 is the target of every transform: EPSG:4326, whose lat/lon axis
// order normalisation turns into lon/lat.
const wgs84 = "EPSG:4326"

// Parse resolves a coordinate system from its definition: an authority
// code ("EPSG:5254", "epsg:32636", "OGC:CRS84"), an OGC URN or URL
// ("urn:ogc:def:crs:EPSG::4326"), WKT (1 or 2, as in a .prj file or a
// GeoPackage's gpkg_spatial_ref_sys), PROJJSON, or a PROJ string with
// +type=crs. Anything else, and a code PROJ does not know, is an error
// naming the definition ("unknown coordinate system \"EPSG:99999\"").
func Parse(def string) (*CRS, error) {
	def = strings.TrimSpace(def)
	if !looksLikeCRS(def) {
		return nil, fmt.Errorf("crs: unknown coordinate system %q", short(def))
	}
	pj, err := proj.New(def)
	if err != nil {
		return nil, fmt.Errorf("crs: unknown coordinate system %q: %w", short(def), err)
	}
	if !pj.IsCRS() {
		return nil, fmt.Errorf("crs: %q is not a coordinate system", short(def))
	}
	c := &CRS{pj: pj, name: pj.Info().Description}
	c.op, c.opErr = toWGS84(pj)
	if c.opErr != nil {
		c.opErr = fmt.Errorf("crs: no transformation from %s to WGS 84: %w", c.name, c.opErr)
	}
	return c, nil
}

// toWGS84 makes the operation from a system to WGS 84, normalised so that
// both ends are in easting, northing (longitude, latitude) order.
func toWGS84(pj *proj.PJ) (*proj.PJ, error) {
	target, err := proj.New(wgs84)
	if err != nil {
		return nil, err
	}
	op, err := proj.NewCRSToCRSFromPJ(pj, target, nil, "")
	if err != nil {
		return nil, err
	}
	return op.NormalizeForVisualization()
}

// IsWGS84 reports whether coordinates in c are already WGS 84 longitudes
// and latitudes once taken in longitude, latitude order: the transformation
// to WGS 84 does nothing (as for EPSG:4326, OGC:CRS84 or a WKT "WGS 84"),
// so a reader can skip it.
func (c *CRS) IsWGS84() bool {
	return c.opErr == nil && c.op.Info().ID == "noop"
}

// errNoOp is the cause when a CRS was made without Parse.
var errNoOp = errors.New("crs: coordinate system not made by Parse")
