// Command lodemap is the Lodemap desktop map explorer. With no subcommand it
// opens the map window; the subcommands validate a dataset, print a
// feature's excerpts, export the map to PNG and print the version.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"github.com/paulmach/orb"

	"github.com/lodemap/lodemap/app"
	"github.com/lodemap/lodemap/assets"
	"github.com/lodemap/lodemap/cmd/lodemap/internal/quietlocale"
	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/data/filter"
	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/view"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// AppID is the application id, also in FyneApp.toml.
const AppID = "io.lodemap.lodemap"

func main() {
	quietlocale.Restore()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	cmd := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	var err error
	switch cmd {
	case "":
		err = runGUI(args, stderr)
	case "validate":
		err = runValidate(args, stdout)
	case "excerpts":
		err = runExcerpts(args, stdout)
	case "export":
		err = runExport(args, stdout, stderr)
	case "info":
		err = runInfo(args, stdout, stderr)
	case "search":
		err = runSearch(args, stdout, stderr)
	case "tiles":
		err = runTiles(args, stdout, stderr)
	case "version", "help":
		err = runPlain(cmd, args, stdout)
	default:
		err = usagef("", "unknown command %q", cmd)
	}
	if err != nil {
		return report(err, stdout, stderr)
	}
	return 0
}

// runPlain runs the commands that take no arguments: version and help.
func runPlain(cmd string, args []string, stdout io.Writer) error {
	if len(args) > 0 {
		return usagef(cmd, "%s takes no arguments", cmd)
	}
	if cmd == "help" {
		printHelp(stdout)
		return nil
	}
	fmt.Fprintln(stdout, "lodemap", version)
	return nil
}

// viewFlags are the flags that choose what the map shows.
type viewFlags struct {
	data, center, selectID string
	zoom                   float64
	add                    files
	filter                 filter.Filter
	at                     string // the time slider's date, "" for now
	boundaries             string // a polygon file drawn with the basemap
}

func (v *viewFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&v.data, "data", "", "dataset folder (default: the embedded dataset)")
	fs.Var(&v.add, "add", "a layer file to show beside the dataset (GeoJSON, CSV, FlatGeobuf, GeoPackage,\nShapefile, KML or KMZ); repeatable")
	fs.StringVar(&v.center, "center", "", "map centre as LON,LAT")
	fs.Float64Var(&v.zoom, "zoom", -1, "zoom level (fractional)")
	fs.StringVar(&v.selectID, "select", "", "id of the feature to select")
	v.registerFilter(fs)
	fs.StringVar(&v.boundaries, "boundaries", "", "a polygon layer file (provinces, say) drawn with the basemap, as outlines")
}

// registerFilter adds the repeatable --filter flag.
func (v *viewFlags) registerFilter(fs *flag.FlagSet) {
	fs.Func("filter", "show only the features that meet a condition (repeatable): kind=refinery, status=planned,announced,\ncountry=TR, commodity=REE, date=2022-01-01..2024-12-31, ATTR=VALUE, ATTR>=N", func(expr string) error {
		c, err := filter.Parse(expr)
		v.filter = append(v.filter, c)
		return err
	})
	fs.Func("at", "show the map as of a date (2024-09-04, 2024-09 or 2024): the sites known by then, each with its status then", func(d string) error {
		v.at = d
		return filter.CheckDate(d)
	})
}

// narrow evaluates the filter and the date over layers: the features
// shown, and their statuses at the date (none without --at).
func (v *viewFlags) narrow(ctx context.Context, cat *data.Catalog, layers []*layer.Layer) (map[string]*layer.Mask, map[string]*layer.Statuses, error) {
	cols := filter.NewColumns()
	masks, err := v.filter.Masks(ctx, cat, layers, cols)
	if err != nil || v.at == "" {
		return masks, nil, err
	}
	tl, err := filter.NewTimeline(ctx, cat, layers, cols)
	if err != nil {
		return nil, nil, err
	}
	known, statuses := tl.At(v.at)
	return layer.AndAll(masks, known), statuses, nil
}

// open loads the dataset and works out the view of a width x height map.
// Problems in the dataset are reported on stderr; what loaded is used.
func (v *viewFlags) open(width, height float64, stderr io.Writer) (*data.Catalog, view.Viewport, error) {
	cat, err := loadCatalog(v.data)
	if err != nil {
		return nil, view.Viewport{}, err
	}
	if n := len(cat.Problems); n > 0 {
		fmt.Fprintf(stderr, "lodemap: %s in %s (run lodemap validate for the list); showing what loaded\n", cat.Problems.Count(), cat.Name)
	}
	vp := cat.Home(width, height)
	if v.center != "" {
		c, err := parseCenter(v.center)
		if err != nil {
			return nil, vp, err
		}
		vp.Center = c
	}
	if v.zoom >= 0 {
		vp.Zoom = v.zoom
	}
	vp = view.New(vp.Center, vp.Zoom, width, height)
	return cat, vp, nil
}

// checkSelect makes sure --select names a feature of the catalog (with
// the --add layers once they are read).
func (v *viewFlags) checkSelect(cat *data.Catalog) error {
	if _, ok := cat.FindID(v.selectID); v.selectID != "" && !ok {
		return fmt.Errorf("--select: no feature with id %q in %s", v.selectID, cat.Name)
	}
	return nil
}

// loadCatalog loads the dataset a command works on. A command runs to its
// end or until the user interrupts the process, so nothing cancels it.
func loadCatalog(dir string) (*data.Catalog, error) {
	if dir == "" {
		return data.Default()
	}
	return data.LoadDir(context.Background(), dir)
}

// newFlagSet returns the flags of a command. The flag package prints
// nothing: run reports errors, and help goes to stdout.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parseAll parses flags that may come before or after the positional
// arguments, and returns the positional ones.
func parseAll(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
			return nil, &helpRequest{fs}
		} else if err != nil {
			return nil, &usageError{cmd: fs.Name(), err: err}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// files is a repeatable string flag.
type files []string

func (f *files) String() string     { return strings.Join(*f, ",") }
func (f *files) Set(v string) error { *f = append(*f, v); return nil }

// guiFlags returns the flags of the map window.
func guiFlags() (*flag.FlagSet, *viewFlags, *string) {
	fs := newFlagSet("")
	vf := new(viewFlags)
	vf.register(fs)
	basemap := fs.String("basemap", "", "the basemap: offline, osm, an XYZ URL template ({z}, {x}, {y}, {s}, {r}) or an .mbtiles or .pmtiles package\n(default: the one chosen last)")
	return fs, vf, basemap
}

// loadBoundaries reads --boundaries: its layers, drawn with the basemap.
func (v *viewFlags) loadBoundaries() ([]*layer.Layer, error) {
	if v.boundaries == "" {
		return nil, nil
	}
	ls, _, err := data.LoadFile(context.Background(), v.boundaries, nil)
	return ls, err
}

// addLayers reads the --add files beside the dataset, as the window's
// loader does: each file's layers indexed and attached; what is wrong in a
// file is counted on stderr, and a file that cannot be read is an error.
func (v *viewFlags) addLayers(cat *data.Catalog, stderr io.Writer) error {
	taken := cat.LayerIDs()
	for _, f := range v.add {
		ls, probs, err := data.LoadFile(context.Background(), f, nil)
		if err != nil {
			return err
		}
		if len(probs) > 0 {
			fmt.Fprintf(stderr, "lodemap: %s in %s (run lodemap validate %s for the list); showing what loaded\n", probs.Count(), f, f)
		}
		for _, l := range ls {
			l.ID = data.UniqueID(l.ID, taken)
			cat.Attach(data.IndexLayer(l))
		}
	}
	return nil
}

func runGUI(args []string, stderr io.Writer) error {
	fs, vf, basemap := guiFlags()
	pos, err := parseAll(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("", "unknown command %q", pos[0])
	}
	size := app.MinWindowSize
	cat, vp, err := vf.open(float64(size.Width), float64(size.Height), stderr)
	if err != nil {
		return err
	}
	if len(vf.add) == 0 { // else the feature may be in a file still to load
		if err := vf.checkSelect(cat); err != nil {
			return err
		}
	}
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	a.Settings().SetTheme(app.Theme())
	app.Version = version
	w := app.NewWindow(a, cat, vp, vf.selectID)
	if *basemap != "" {
		if err := w.SetBasemap(*basemap); err != nil {
			return err
		}
	}
	w.SetFilter(vf.filter)
	if vf.at != "" {
		w.SetTime(vf.at)
	}
	for _, f := range vf.add {
		w.AddLayerFile(f)
	}
	if vf.boundaries != "" {
		w.SetBoundaries(vf.boundaries)
	}
	w.ShowAndRun()
	return nil
}

func parseCenter(s string) (orb.Point, error) {
	lon, lat, ok := strings.Cut(s, ",")
	x, err1 := strconv.ParseFloat(strings.TrimSpace(lon), 64)
	y, err2 := strconv.ParseFloat(strings.TrimSpace(lat), 64)
	if !ok || err1 != nil || err2 != nil || x < -180 || x > 180 || y < -90 || y > 90 {
		return orb.Point{}, fmt.Errorf("--center %q: want LON,LAT in degrees, such as 31.35,39.62", s)
	}
	return orb.Point{x, y}, nil
}
