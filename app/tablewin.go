package app

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/geo/export"
)

// TableShortcut shows or hides the attribute table (Ctrl+L, Cmd+L).
var TableShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyL, Modifier: fyne.KeyModifierShortcutDefault}

// Preference keys of the attribute table's panel.
const (
	prefTableOpen   = "panels.table.open"
	prefTableOffset = "panels.table.offset"
)

// layoutTable puts the attribute table below the map in a split, opened
// as the preferences say (closed by default).
func (w *Window) layoutTable(mapArea fyne.CanvasObject) fyne.CanvasObject {
	prefs := w.App.Preferences()
	w.panels.bottom = container.NewVSplit(mapArea, w.Table)
	w.panels.bottom.Offset = prefs.FloatWithFallback(prefTableOffset, 0.62)
	if !prefs.BoolWithFallback(prefTableOpen, false) {
		w.Table.Hide()
	}
	return w.panels.bottom
}

// ToggleTable shows the attribute table, or hides it.
func (w *Window) ToggleTable() {
	toggle(w.panels.bottom, w.Table)
	if w.Table.Visible() {
		w.Table.SetLayers(w.Map.Layers(), w.Map.Filter())
		w.Table.ShowSite(w.Map.Selected())
	}
}

// SaveRowsDialog asks where to save the table's rows, as CSV or GeoJSON.
func (w *Window) SaveRowsDialog() {
	m := w.Table.Model()
	if m == nil {
		return
	}
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			return
		}
		wc.Close() // written anew beside it, then moved into place
		w.SaveRows(wc.URI().Path())
	}, w.Window)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".geojson", ".json"}))
	d.SetFileName(cleanName(m.Layer.Title) + ".csv")
	d.Show()
}

// SaveRows writes the table's rows to path off the UI thread: GeoJSON for
// a .geojson or .json file, CSV otherwise. The status line says how it
// went; a failed save leaves no half-written file.
func (w *Window) SaveRows(path string) {
	m := w.Table.Model()
	if m == nil {
		return
	}
	ext := strings.ToLower(filepath.Ext(path))
	if ext != ".geojson" && ext != ".json" && ext != ".csv" {
		path += ".csv"
	}
	write := m.WriteCSV
	if ext == ".geojson" || ext == ".json" {
		write = m.WriteGeoJSON
	}
	ctx, done := w.jobs.start()
	go func() {
		defer done()
		err := export.WriteFile(ctx, path, func(wr io.Writer) error { return write(ctx, wr) })
		uiDo(func() {
			if err != nil {
				w.status.SetText("Rows not saved: " + err.Error())
				return
			}
			w.status.SetText(fmt.Sprintf("Saved %s rows to %s", data.Thousands(m.Len()), path))
		})
	}()
}

// cleanName makes a layer's title a file name.
func cleanName(title string) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) {
			return '-'
		}
		return r
	}, title)
	if name == "" {
		return "rows"
	}
	return name
}
