//go:build !noproj

package crs

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/twpayne/go-proj/v11"
)

// needGDAL skips a test that needs GDAL's command-line tools where they are
// not installed, but fails it in CI, which must install them (gdal-bin).
func needGDAL(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("gdaltransform"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("CI must provide GDAL's gdaltransform (Debian gdal-bin)")
		}
		t.Skip("needs GDAL's gdaltransform (Debian gdal-bin)")
	}
}

// gdalTransform has GDAL's gdaltransform take pts from one system to
// another (in GIS order: easting or longitude first).
func gdalTransform(t *testing.T, from, to string, pts []orb.Point) []orb.Point {
	t.Helper()
	var in bytes.Buffer
	for _, p := range pts {
		fmt.Fprintf(&in, "%.12f %.12f\n", p[0], p[1])
	}
	cmd := exec.Command("gdaltransform", "-s_srs", from, "-t_srs", to)
	cmd.Stdin = &in
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("gdaltransform %s %s: %v", from, to, err)
	}
	var got []orb.Point
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		x, err1 := strconv.ParseFloat(f[0], 64)
		y, err2 := strconv.ParseFloat(f[1], 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("gdaltransform printed %q", line)
		}
		got = append(got, orb.Point{x, y})
	}
	if len(got) != len(pts) {
		t.Fatalf("gdaltransform gave %d points for %d", len(got), len(pts))
	}
	return got
}

// gdalSRS has gdalsrsinfo write a system's definition in a format
// (wkt1, wkt2, PROJJSON).
func gdalSRS(t *testing.T, code, format string) string {
	t.Helper()
	out, err := exec.Command("gdalsrsinfo", "-o", format, code).Output()
	if err != nil {
		t.Fatalf("gdalsrsinfo -o %s %s: %v", format, code, err)
	}
	return string(out)
}

func near(a, b orb.Point, tol float64) bool {
	return math.Abs(a[0]-b[0]) <= tol && math.Abs(a[1]-b[1]) <= tol
}

// TestRoundTrip takes WGS 84 points to a projected system with GDAL, back
// with Parse and ToWGS84, and compares with the start and with GDAL's own
// way back, within 1e-7 degrees. Each system is given as a code, as WKT 1,
// WKT 2 and PROJJSON (written by gdalsrsinfo).
func TestRoundTrip(t *testing.T) {
	needGDAL(t)
	tests := []struct {
		code, name string
		lonlat     []orb.Point // in the system's area
	}{
		{"EPSG:5254", "TUREF / TM30", []orb.Point{{30.52, 39.78}, {31.2, 39.7}, {28.9, 41.01}, {32.85, 39.93}}},
		{"EPSG:32636", "WGS 84 / UTM zone 36N", []orb.Point{{33, 0.5}, {30.52, 39.78}, {35.9, 70.1}, {31.2, 29.9}}},
	}
	for _, tt := range tests {
		projected := gdalTransform(t, "EPSG:4326", tt.code, tt.lonlat)
		back := gdalTransform(t, tt.code, "EPSG:4326", projected)
		for _, form := range []string{"code", "wkt1", "wkt2", "PROJJSON"} {
			t.Run(tt.code+"/"+form, func(t *testing.T) {
				def := tt.code
				if form != "code" {
					def = gdalSRS(t, tt.code, form)
				}
				c, err := Parse(def)
				if err != nil {
					t.Fatal(err)
				}
				if c.Name() != tt.name || c.IsWGS84() {
					t.Errorf("name %q, WGS 84 %v; want %q, false", c.Name(), c.IsWGS84(), tt.name)
				}
				tr, err := ToWGS84(c)
				if err != nil {
					t.Fatal(err)
				}
				got := append([]orb.Point(nil), projected...)
				if err := tr.Points(got); err != nil {
					t.Fatal(err)
				}
				for i, p := range got {
					if !near(p, tt.lonlat[i], 1e-7) || !near(p, back[i], 1e-9) {
						t.Errorf("point %d: %v, want %v (GDAL %v)", i, p, tt.lonlat[i], back[i])
					}
				}
			})
		}
	}
}

// TestGeometry transforms each geometry type in EPSG:32636 and compares
// every vertex with GDAL's.
func TestGeometry(t *testing.T) {
	needGDAL(t)
	c, err := Parse("EPSG:32636")
	if err != nil {
		t.Fatal(err)
	}
	tr, err := ToWGS84(c)
	if err != nil {
		t.Fatal(err)
	}
	ring := orb.Ring{{400000, 4400000}, {410000, 4400000}, {410000, 4410000}, {400000, 4400000}}
	hole := orb.Ring{{402000, 4401000}, {404000, 4401000}, {404000, 4403000}, {402000, 4401000}}
	line := orb.LineString{{500000, 0}, {600000, 1000000}}
	tests := []struct {
		name string
		g    orb.Geometry
	}{
		{"Point", orb.Point{500000, 4000000}},
		{"MultiPoint", orb.MultiPoint{{500000, 4000000}, {300000, 2000000}}},
		{"LineString", line.Clone()},
		{"MultiLineString", orb.MultiLineString{line.Clone(), line.Clone()}},
		{"Polygon", orb.Polygon{ring.Clone(), hole.Clone()}},
		{"MultiPolygon", orb.MultiPolygon{{ring.Clone(), hole.Clone()}, {ring.Clone()}}},
		{"Collection", orb.Collection{orb.Point{500000, 4000000}, line.Clone()}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := gdalTransform(t, "EPSG:32636", "EPSG:4326", vertices(orb.Clone(tt.g)))
			got, err := tr.Geometry(tt.g)
			if err != nil {
				t.Fatal(err)
			}
			if got.GeoJSONType() != tt.g.GeoJSONType() {
				t.Errorf("type %s, want %s", got.GeoJSONType(), tt.g.GeoJSONType())
			}
			for i, p := range vertices(got) {
				if !near(p, want[i], 1e-9) {
					t.Errorf("vertex %d: %v, want %v", i, p, want[i])
				}
			}
		})
	}
}

// vertices lists a geometry's points in order.
func vertices(g orb.Geometry) []orb.Point {
	switch g := g.(type) {
	case orb.Point:
		return []orb.Point{g}
	case orb.MultiPoint:
		return g
	case orb.LineString:
		return g
	case orb.Ring:
		return g
	case orb.Polygon:
		var out []orb.Point
		for _, r := range g {
			out = append(out, r...)
		}
		return out
	case orb.MultiLineString:
		var out []orb.Point
		for _, ls := range g {
			out = append(out, ls...)
		}
		return out
	case orb.MultiPolygon:
		var out []orb.Point
		for _, p := range g {
			out = append(out, vertices(p)...)
		}
		return out
	case orb.Collection:
		var out []orb.Point
		for _, m := range g {
			out = append(out, vertices(m)...)
		}
		return out
	}
	return nil
}

func TestIsWGS84(t *testing.T) {
	tests := []struct {
		def  string
		want bool
	}{
		{"EPSG:4326", true},
		{"OGC:CRS84", true},
		{`GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]`, true},
		{"urn:ogc:def:crs:EPSG::4326", true},
		{"+proj=longlat +datum=WGS84 +type=crs", true},
		{"EPSG:5254", false},
		{"EPSG:3857", false},
	}
	for _, tt := range tests {
		t.Run(short(tt.def), func(t *testing.T) {
			c, err := Parse(tt.def)
			if err != nil {
				t.Fatal(err)
			}
			if c.IsWGS84() != tt.want {
				t.Errorf("IsWGS84 %v, want %v", c.IsWGS84(), tt.want)
			}
			if _, err := ToWGS84(c); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		def, want string
		fromPROJ  bool // the error wraps PROJ's
	}{
		{"EPSG:99999", `crs: unknown coordinate system "EPSG:99999"`, true},
		{"foo", `crs: unknown coordinate system "foo"`, false},
		{"", `crs: unknown coordinate system ""`, false},
		{"+proj=utm +zone=36", `crs: unknown coordinate system "+proj=utm +zone=36"`, false},
		{`PROJCS["Nowhere",GEOGCS["x",DATUM["y"]]]`, `crs: unknown coordinate system "PROJCS[\"Nowhere\"`, true},
		{"EPSG:1149", `crs: unknown coordinate system "EPSG:1149"`, true}, // a transformation
		{`ELLIPSOID["WGS 84",6378137,298.257223563,LENGTHUNIT["metre",1]]`, `crs: "WGS 84" is not a coordinate system`, false},
		{`PROJCS["` + strings.Repeat("Long name ", 6) + `",GEOGCS["x"]]`, `crs: unknown coordinate system "Long name Long name`, true},
	}
	for _, tt := range tests {
		t.Run(short(tt.def), func(t *testing.T) {
			_, err := Parse(tt.def)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("error %v, want %q", err, tt.want)
			}
			var pe *proj.Error
			if errors.As(err, &pe) != tt.fromPROJ {
				t.Errorf("wraps PROJ's error: %v, want %v", errors.As(err, &pe), tt.fromPROJ)
			}
		})
	}
}

// TestBadPoints: a point outside the projection's domain becomes NaN and
// the error counts it; the others are transformed.
func TestBadPoints(t *testing.T) {
	c, err := Parse("EPSG:32636")
	if err != nil {
		t.Fatal(err)
	}
	tr, _ := ToWGS84(c)
	pts := []orb.Point{{500000, 4000000}, {1e30, 1e30}, {500000, 4000000}}
	err = tr.Points(pts)
	if err == nil || !strings.Contains(err.Error(), "1 of 3 points cannot be taken from WGS 84 / UTM zone 36N to WGS 84 (the first is point 2)") {
		t.Fatalf("error %v", err)
	}
	if !math.IsNaN(pts[1][0]) || math.IsNaN(pts[0][0]) || !near(pts[0], pts[2], 0) || !near(pts[0], orb.Point{33, 36.14}, 0.01) {
		t.Errorf("points %v", pts)
	}
	if _, err := tr.Geometry(orb.Bound{}); err == nil || !strings.Contains(err.Error(), "crs: cannot transform a Polygon") {
		t.Errorf("a Bound: %v", err)
	}
	if g, err := tr.Geometry(nil); g != nil || err != nil {
		t.Errorf("nil: %v, %v", g, err)
	}
}
