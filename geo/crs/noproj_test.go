//go:build noproj

package crs

import (
	"strings"
	"testing"
)

// TestNoProj: a build without PROJ knows WGS 84 and says of any other
// system that the file must be converted first.
func TestNoProj(t *testing.T) {
	tests := []struct {
		def   string
		wgs84 bool
	}{
		{"EPSG:4326", true},
		{"OGC:CRS84", true},
		{`GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["Degree",0.0174532925199433]]`, true},
		{"EPSG:5254", false},
		{`PROJCS["WGS 84 / UTM zone 36N",GEOGCS["WGS 84"]]`, false},
	}
	for _, tt := range tests {
		t.Run(tt.def, func(t *testing.T) {
			c, err := Parse(tt.def)
			if err != nil || c.IsWGS84() != tt.wgs84 {
				t.Fatalf("Parse: %v, WGS 84 %v, want %v", err, c != nil && c.IsWGS84(), tt.wgs84)
			}
			if _, err := ToWGS84(c); !tt.wgs84 && (err == nil || !strings.Contains(err.Error(), "convert the file to WGS 84")) {
				t.Errorf("ToWGS84: %v", err)
			}
		})
	}
	if _, err := Parse("foo"); err == nil {
		t.Error("foo parsed as a coordinate system")
	}
}
