package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/geo/tiles"
)

// The basemap picker: View > Basemap offers the offline basemap,
// OpenStreetMap's tiles, tiles from an XYZ URL template, or a tile
// package. The choice is remembered between runs.

// prefBasemap keeps the basemap chosen.
const prefBasemap = "basemap"

// Version is Lodemap's version, for the User-Agent tile servers are told.
var Version = "dev"

// SetBasemap switches to a basemap ("offline", "osm", an XYZ URL
// template, an .mbtiles or a .pmtiles file), as the picker and --basemap do, and
// remembers it. A basemap that cannot be opened is refused with the
// reason, and the one shown stays.
func (w *Window) SetBasemap(spec string) error {
	s, err := tiles.Parse(spec)
	if err != nil {
		return err
	}
	l, err := tiles.Open(s, tiles.DefaultCacheDir(), tiles.UserAgent(Version))
	if err != nil {
		return err
	}
	old := w.Map.Basemap()
	w.Map.SetBasemap(l)
	if err := old.Close(); err != nil {
		fyne.LogError("closing the basemap", err)
	}
	w.basemap = spec
	w.App.Preferences().SetString(prefBasemap, spec)
	w.setMenu() // its check mark
	return nil
}

// restoreBasemap opens the basemap and boundaries of the last run, if
// they still open.
func (w *Window) restoreBasemap() {
	if path := w.App.Preferences().String(prefBoundaries); path != "" {
		w.SetBoundaries(path)
	}
	if spec := w.App.Preferences().String(prefBasemap); spec != "" && spec != "offline" {
		if err := w.SetBasemap(spec); err != nil {
			w.status.SetText("Basemap not opened: " + err.Error())
		}
	}
}

// pickBasemap switches to a basemap from the menu, saying why not.
func (w *Window) pickBasemap(spec string) {
	if err := w.SetBasemap(spec); err != nil {
		dialog.ShowError(err, w.Window)
	}
}

// basemapMenu is View > Basemap, the one shown checked.
func (w *Window) basemapMenu() *fyne.MenuItem {
	item := func(label, spec string, action func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, action)
		it.Checked = spec == w.basemap || (spec == "offline" && w.basemap == "")
		return it
	}
	custom := w.basemap != "" && w.basemap != "offline" && w.basemap != "osm"
	urlItem := item("Tiles from a URL…", "", w.askTileURL)
	urlItem.Checked = custom && !isPackage(w.basemap)
	pkgItem := item("Tile package (MBTiles, PMTiles)…", "", w.askTilePackage)
	pkgItem.Checked = custom && isPackage(w.basemap)
	bounds := fyne.NewMenuItem("Boundaries from a file…", w.askBoundaries)
	bounds.Checked = w.boundaries != ""
	m := fyne.NewMenuItem("Basemap", nil)
	m.ChildMenu = fyne.NewMenu("",
		item("Offline (Natural Earth, GeoNames)", "offline", func() { w.pickBasemap("offline") }),
		item("OpenStreetMap", "osm", func() { w.pickBasemap("osm") }),
		urlItem, pkgItem, fyne.NewMenuItemSeparator(), bounds,
		fyne.NewMenuItem("No boundaries", func() { w.SetBoundaries("") }))
	return m
}

// isPackage reports whether a basemap is a tile package.
func isPackage(spec string) bool {
	s, err := tiles.Parse(spec)
	return err == nil && s.Kind == "package"
}

// askTileURL asks for an XYZ URL template.
func (w *Window) askTileURL() {
	e := widget.NewEntry()
	e.SetPlaceHolder("https://{s}.tile.example.org/{z}/{x}/{y}{r}.png")
	if !isPackage(w.basemap) && w.basemap != "osm" && w.basemap != "offline" {
		e.SetText(w.basemap)
	}
	dialog.ShowForm("Tiles from a URL", "Show", "Cancel", []*widget.FormItem{
		widget.NewFormItem("URL template", e),
		widget.NewFormItem("", widget.NewLabel("{z}, {x} and {y} are the tile; {s} is a, b or c; {r} is @2x on HiDPI.")),
	}, func(ok bool) {
		if ok {
			w.pickBasemap(e.Text)
		}
	}, w.Window)
}

// askTilePackage asks for an MBTiles or PMTiles file.
func (w *Window) askTilePackage() {
	w.askFile([]string{".mbtiles", ".pmtiles"}, w.pickBasemap)
}

// showTileFailures says quietly on the status line that some tiles could
// not be had: offline, the cache and the offline basemap show the map.
func (w *Window) showTileFailures(n int) {
	if n > 0 {
		w.status.SetText(fmt.Sprintf("Basemap: %d tiles could not be had (offline?); the offline basemap shows there", n))
	}
}

// prefBoundaries keeps the boundary file chosen.
const prefBoundaries = "basemap.boundaries"

// SetBoundaries draws a polygon layer file's outlines with the basemap
// ("" for none), read off the UI thread; it is remembered. A file that
// cannot be read is said on the status line.
func (w *Window) SetBoundaries(path string) {
	w.App.Preferences().SetString(prefBoundaries, path)
	if path == "" {
		w.Map.SetBoundaries(nil)
		w.boundaries = ""
		w.setMenu()
		return
	}
	ctx, done := w.jobs.start()
	go func() {
		defer done()
		ls, _, err := data.LoadFile(ctx, path, nil)
		uiDo(func() {
			if err != nil {
				w.status.SetText("Boundaries not shown: " + err.Error())
				return
			}
			w.Map.SetBoundaries(ls)
			w.boundaries = path
			w.setMenu()
		})
	}()
}

// askBoundaries asks for a polygon file to draw with the basemap.
func (w *Window) askBoundaries() { w.askFile(data.FileTypes(), w.SetBoundaries) }
