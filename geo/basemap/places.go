package basemap

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/lodemap/lodemap/assets"
	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

// PlacesAttribution credits the place names (CC BY 4.0 asks for it
// wherever they are shown).
const PlacesAttribution = assets.PlacesAttribution

// Place is a populated place the basemap names.
type Place struct {
	Name       string
	Unit       orb.Point // Web Mercator unit coordinates
	Population int
	Capital    bool // a country's capital (GeoNames PPLC)
}

var (
	oncePlaces sync.Once
	places     []Place
	errPlaces  error
)

// Places are the embedded GeoNames places, the most populous first.
func Places() ([]Place, error) {
	oncePlaces.Do(func() { places, errPlaces = DecodePlaces(assets.Places) })
	return places, errPlaces
}

// DecodePlaces reads gzipped place lines as cmd/basemapgen writes them.
func DecodePlaces(gz []byte) ([]Place, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("basemap: places: %w", err)
	}
	var out []Place
	sc := bufio.NewScanner(zr)
	for line := 1; sc.Scan(); line++ {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 5 {
			return nil, fmt.Errorf("basemap: places line %d: %d fields, want 6", line, len(f))
		}
		lon, err1 := strconv.ParseFloat(f[1], 64)
		lat, err2 := strconv.ParseFloat(f[2], 64)
		pop, err3 := strconv.Atoi(f[3])
		if err1 != nil || err2 != nil || err3 != nil {
			return nil, fmt.Errorf("basemap: places line %d: a bad number in %q", line, sc.Text())
		}
		out = append(out, Place{Name: f[0], Unit: view.ToUnit(orb.Point{lon, lat}), Population: pop, Capital: f[4] == "PPLC"})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("basemap: places: %w", err)
	}
	return out, nil
}

// MinPopulation is how many people a place needs to be named at a zoom:
// cities of millions on a world map, towns of a few thousand at zoom 9.
// Capitals are named from zoom 3 whatever their size.
func MinPopulation(zoom float64) int {
	steps := []struct {
		zoom float64
		pop  int
	}{{10, 1000}, {9, 4000}, {8, 15000}, {7, 40000}, {6, 100000}, {5, 250000}, {4, 600000}, {3, 1500000}}
	for _, s := range steps {
		if zoom >= s.zoom {
			return s.pop
		}
	}
	return 4000000
}

// Named calls fn with the places to name in a view, and where each is in
// the view's pixels: the most populous first, then from zoom 3 the
// capitals too small for the zoom, until fn returns false. Places beyond
// the frame are left out.
func Named(v view.Viewport, fn func(p Place, x, y float64) bool) error {
	all, err := Places()
	if err != nil {
		return err
	}
	min := MinPopulation(v.Zoom)
	pixel := v.Pixeler()
	visit := func(p Place) bool {
		x, y := pixel(p.Unit)
		if x < 0 || y < 0 || x > v.Width || y > v.Height {
			return true
		}
		return fn(p, x, y)
	}
	k := 0
	for ; k < len(all) && all[k].Population >= min; k++ {
		if !visit(all[k]) {
			return nil
		}
	}
	if v.Zoom >= 3 {
		for _, p := range all[k:] {
			if p.Capital && !visit(p) {
				return nil
			}
		}
	}
	return nil
}

// Prepare decodes the places and the polygons of zoom's basemap, once,
// so that the first frame that needs them does not wait as long: a window
// calls it as it opens.
func Prepare(zoom float64) {
	_, _ = ForZoom(zoom)
	_, _ = Places()
}
