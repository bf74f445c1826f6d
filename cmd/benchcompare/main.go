// Command benchcompare measures Lodemap's loader and renderer beside GDAL on
// the same generated file in the same run, and prints a table of medians and
// ratios:
//
//	go run ./cmd/benchcompare [-n 1000000] [-runs 3]
//
// It generates a GeoJSON of n point sites (eight properties each), then
// times opening it (Lodemap's loader against `ogr2ogr -f Memory`) and
// drawing it at 1920x1080 (Lodemap's renderer, clustered and site by site,
// against gdal_rasterize). GDAL comes from Debian's gdal-bin.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"time"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/render"
	"github.com/lodemap/lodemap/geo/render/raster"
	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

func main() {
	n := flag.Int("n", 1_000_000, "number of generated sites")
	runs := flag.Int("runs", 3, "runs of each measurement (the median is reported)")
	flag.Parse()
	if err := run(*n, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "benchcompare:", err)
		os.Exit(1)
	}
}

func run(n, runs int) error {
	for _, tool := range []string{"ogr2ogr", "gdal_rasterize"} {
		if _, err := exec.LookPath(tool); err != nil {
			return fmt.Errorf("%s not found: install Debian's gdal-bin", tool)
		}
	}
	dir, err := os.MkdirTemp("", "lodemap-benchcompare-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "sites.geojson")
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := data.WriteSynthetic(f, n, 1); err != nil {
		return err
	}
	f.Close()
	st, _ := os.Stat(path)
	fmt.Printf("%d sites, %.0f MB GeoJSON, %d runs each, medians\n\n", n, float64(st.Size())/1e6, runs)

	var l *layer.Layer
	load := median(runs, func() error {
		ls, _, err := data.LoadFile(context.Background(), path, nil)
		if err == nil && len(ls) != 1 {
			err = fmt.Errorf("%d layers in %s", len(ls), path)
		}
		if err == nil {
			l = ls[0]
		}
		return err
	})
	gdalLoad := median(runs, func() error {
		return exec.Command("ogr2ogr", "-f", "Memory", "mem", path).Run()
	})
	v := view.New(orb.Point{10, 20}, 3, 1920, 1080)
	draw := func(every bool) func() error {
		return func() error {
			s, err := render.Build(render.Input{View: v, Layers: []*layer.Layer{l}, NoClusters: every})
			if err == nil {
				_, err = raster.Draw(context.Background(), s, 1, nil, nil)
			}
			return err
		}
	}
	clustered := median(runs, draw(false))
	everySite := median(runs, draw(true))
	raster := filepath.Join(dir, "r.tif")
	gdalDraw := median(runs, func() error {
		return exec.Command("gdal_rasterize", "-q", "-burn", "255", "-ts", "1920", "1080", "-ot", "Byte", path, raster).Run()
	})
	// gdal_rasterize reads the file as it draws; Lodemap draws from memory.
	rows := []struct {
		task     string
		lm, gdal result
	}{
		{"open the layer (GDAL: ogr2ogr -f Memory)", load, gdalLoad},
		{"draw 1920x1080, clustered (GDAL: gdal_rasterize)", clustered, gdalDraw},
		{"draw 1920x1080, every site (GDAL: gdal_rasterize)", everySite, gdalDraw},
	}
	fmt.Printf("| task | Lodemap | GDAL | GDAL / Lodemap |\n| --- | --- | --- | --- |\n")
	for _, r := range rows {
		if r.lm.err != nil || r.gdal.err != nil {
			return fmt.Errorf("%s: %v %v", r.task, r.lm.err, r.gdal.err)
		}
		fmt.Printf("| %s | %s | %s | %.0fx |\n", r.task, r.lm.d.Round(time.Millisecond), r.gdal.d.Round(time.Millisecond), float64(r.gdal.d)/float64(r.lm.d))
	}
	return nil
}

type result struct {
	d   time.Duration
	err error
}

func median(runs int, fn func() error) result {
	var ds []time.Duration
	for i := 0; i < max(1, runs); i++ {
		t := time.Now()
		if err := fn(); err != nil {
			return result{err: err}
		}
		ds = append(ds, time.Since(t))
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return result{d: ds[len(ds)/2]}
}
