// Package datatest holds what the tests of data's sub-packages share: the
// real USGS extract of the shared test data, loaded once.
package datatest

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/geo/layer"
)

// USGSPath is the USGS mineral-site extract (85,254 sites) beside the
// repository, in ../shared/testdata. Outside CI, a test without it is
// skipped; CI must have it.
func USGSPath(tb testing.TB) string {
	tb.Helper()
	_, here, _, _ := runtime.Caller(0)
	path := filepath.Join(filepath.Dir(here), "..", "..", "..", "shared", "testdata", "usgs-mineral-sites.csv.gz")
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatalf("CI must have %s", path)
		}
		tb.Skip("no shared test data")
	}
	return path
}

// USGS loads the USGS extract as one layer.
func USGS(tb testing.TB) *layer.Layer {
	tb.Helper()
	ls, _, err := data.LoadFile(context.Background(), USGSPath(tb), nil)
	if err != nil || len(ls) != 1 {
		tb.Fatalf("%d layers: %v", len(ls), err)
	}
	return ls[0]
}
