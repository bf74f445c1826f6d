package data

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	ok := site{ID: "a", Name: "A", Kind: "mine", Status: "operating", Precision: "site", Lon: 30, Lat: 40}
	with := func(f func(*site)) site { s := ok; f(&s); return s }
	tests := []struct {
		name   string
		s      site
		schema bool
		keep   bool
		probs  []string
	}{
		{"valid", ok, true, true, nil},
		{"no id", with(func(s *site) { s.ID = "" }), false, false, []string{"feature has no id"}},
		{"no point", with(func(s *site) { s.NoPoint = "geometry is not a Point" }), false, false, []string{`feature "a": geometry is not a Point`}},
		{"NaN lon", with(func(s *site) { s.Lon = math.NaN() }), false, false, []string{`feature "a": coordinates (NaN, 40) are not finite numbers`}},
		{"NaN lat", with(func(s *site) { s.Lat = math.NaN() }), false, false, []string{`feature "a": coordinates (30, NaN) are not finite numbers`}},
		{"+Inf lon", with(func(s *site) { s.Lon = math.Inf(1) }), false, false, []string{`(+Inf, 40) are not finite`}},
		{"-Inf lat", with(func(s *site) { s.Lat = math.Inf(-1) }), false, false, []string{`(30, -Inf) are not finite`}},
		{"lon out of range", with(func(s *site) { s.Lon = 180.5 }), false, false, []string{`(180.5, 40) out of range`}},
		{"lat out of range", with(func(s *site) { s.Lat = -90.5 }), false, false, []string{`(30, -90.5) out of range`}},
		{"edges", with(func(s *site) { s.Lon, s.Lat = -180, 90 }), true, true, nil},
		{"no name, schema", with(func(s *site) { s.Name = "" }), true, true, []string{`feature "a" has no name`}},
		{"no name, added file", with(func(s *site) { s.Name = "" }), false, true, nil},
		{"unknown kind and status", with(func(s *site) { s.Kind, s.Status = "smelter", "" }), true, true,
			[]string{`unknown kind "smelter" (known: deposit, mine,`, `unknown status "" (known: operating,`}},
		{"unknown precision", with(func(s *site) { s.Precision = "town" }), true, true, []string{`unknown coord_precision "town" (known: site, site_approx, district, city)`}},
		{"no precision", with(func(s *site) { s.Precision = "" }), true, true, nil},
		{"no schema for an added file", with(func(s *site) { s.Kind, s.Status, s.Precision = "x", "y", "z" }), false, true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			s := tt.s
			keep := s.check(tt.schema, func(format string, args ...any) { got = append(got, fmt.Sprintf(format, args...)) })
			if keep != tt.keep || len(got) != len(tt.probs) {
				t.Fatalf("keep %v, problems %q; want %v, %q", keep, got, tt.keep, tt.probs)
			}
			for i, p := range tt.probs {
				if !strings.Contains(got[i], p) {
					t.Errorf("problem %q lacks %q", got[i], p)
				}
			}
			if keep && s.Name == "" {
				t.Error("a kept feature has no name")
			}
		})
	}
}

// TestFlatGeobufNonFinite has GDAL write two sites to FlatGeobuf and then
// sets one coordinate of the first to NaN or infinity (GDAL itself refuses
// to write them): the site is reported, not kept.
func TestFlatGeobufNonFinite(t *testing.T) {
	needOgr2ogr(t)
	const lon, lat = 31.2345678, 39.8765432 // distinctive, to be found in the bytes
	dir := t.TempDir()
	src, dst := filepath.Join(dir, "s.csv"), filepath.Join(dir, "s.fgb")
	csv := fmt.Sprintf("id,name,lon,lat\nbad,Bad,%v,%v\ngood,Good,30,40\n", lon, lat)
	if err := os.WriteFile(src, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	ogr(t, "-f", "FlatGeobuf", "-lco", "SPATIAL_INDEX=NO",
		"-oo", "X_POSSIBLE_NAMES=lon", "-oo", "Y_POSSIBLE_NAMES=lat", dst, src)
	orig, err := os.ReadFile(dst)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		from, to float64
		want     string
	}{
		{"NaN latitude", lat, math.NaN(), `feature "bad": coordinates (31.2345678, NaN) are not finite numbers`},
		{"NaN longitude", lon, math.NaN(), `feature "bad": coordinates (NaN, 39.8765432) are not finite numbers`},
		{"infinite latitude", lat, math.Inf(1), `feature "bad": coordinates (31.2345678, +Inf) are not finite numbers`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := bytes.ReplaceAll(orig, f64(tt.from), f64(tt.to))
			if bytes.Equal(b, orig) {
				t.Fatal("the coordinate is not in GDAL's file")
			}
			l, probs := readFGB(context.Background(), testSource(b, "s.fgb", false))
			if l.Len() != 1 || l.IDs[0] != "good" {
				t.Errorf("kept %v, want only the good site", l.IDs)
			}
			if len(probs) != 1 || probs[0].String() != "s.fgb:1: "+tt.want {
				t.Errorf("problems %v, want %q", probs, tt.want)
			}
		})
	}
}

// f64 is a float64 as FlatGeobuf stores it.
func f64(v float64) []byte { return binary.LittleEndian.AppendUint64(nil, math.Float64bits(v)) }
