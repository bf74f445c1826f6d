package app

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/geo/layer"
)

// LayerLoad is one layer file loading in the background: a row in the
// window's status area with a progress bar and a Cancel button, while the
// map stays interactive and draws what has arrived.
type LayerLoad struct {
	Path     string
	Bar      *widget.ProgressBar
	Label    *widget.Label
	Cancel   *widget.Button
	row      *fyne.Container
	cancel   context.CancelFunc // ends the load
	finished bool
}

// Done reports whether the load has ended (loaded, failed or cancelled).
func (ld *LayerLoad) Done() bool { return ld.finished }

// AddLayerFile loads a layer file of any registered format beside the
// dataset; a file of several layers (a GeoPackage's tables, a KML's
// folders) adds each.
func (w *Window) AddLayerFile(path string) *LayerLoad {
	name := filepath.Base(path)
	ctx, cancel := w.jobs.start()
	ld := &LayerLoad{Path: path, Bar: widget.NewProgressBar(), Label: widget.NewLabel("Loading " + name + " …"), cancel: cancel}
	ld.Cancel = widget.NewButton("Cancel", cancel)
	ld.row = container.NewBorder(nil, nil, ld.Label, ld.Cancel, ld.Bar)
	w.loads.Add(ld.row)
	taken := w.cat.LayerIDs() // read here, on the UI thread; the loader owns the copy
	id := data.UniqueID(data.LayerID(name), taken)
	start := time.Now()
	go func() {
		defer cancel()
		var shown *layer.Layer
		p := &data.Progress{
			Report: func(done, total int64, n int) {
				uiDo(func() {
					ld.Bar.SetValue(float64(done) / float64(max(1, total)))
					ld.Label.SetText(fmt.Sprintf("Loading %s: %d sites", name, n))
				})
			},
			Publish: func(l *layer.Layer) {
				l.ID = id
				shown = l
				w.Map.SetLayer(l)
				layers := w.Map.Layers()
				uiDo(func() { w.Layers.SetLayers(layers) })
			},
		}
		ls, probs, err := data.LoadFile(ctx, path, p)
		if shown != nil && (len(ls) != 1 || ls[0].Len() == 0) {
			w.Map.RemoveLayer(id)
		}
		var ixs []*data.LayerIndex
		var added []*layer.Layer
		for _, l := range ls {
			if l.Len() == 0 {
				continue
			}
			if len(ls) == 1 {
				l.ID = id
			} else {
				l.ID = data.UniqueID(l.ID, taken)
			}
			ix := data.IndexLayer(l)
			probs = append(probs, ix.Problems()...)
			ixs, added = append(ixs, ix), append(added, l)
		}
		styles := data.DefaultStyles(ctx, added)
		for _, l := range added {
			if st := styles[l.ID]; st != nil {
				w.Map.SetStyle(l.ID, st) // before the layer, so its first frame has it
			}
			w.Map.SetLayer(l)
		}
		elapsed := time.Since(start)
		cancelled := ctx.Err() != nil
		layers := w.Map.Layers()
		uiDo(func() {
			ld.finished = true
			w.loads.Remove(ld.row)
			for _, ix := range ixs {
				w.cat.Attach(ix)
				w.indexer.change(indexChange{add: ix.Layer()})
			}
			for id, st := range styles {
				w.Layers.SetStyle(id, st)
			}
			w.Layers.SetLayers(layers)
			w.status.SetText(loadSummary(name, ixs, probs, err, elapsed))
			w.selectAfterLoad()
			if len(ixs) > 0 {
				w.applyFilter(w.Filter.Filter()) // the new layer is filtered and counted too
			}
			if len(probs) > 0 {
				showProblems(w, probs.Count()+" in "+name, probs)
			} else if err != nil && !cancelled {
				dialog.ShowError(err, w)
			}
		})
	}()
	return ld
}

// selectPending selects the feature the window was opened to select once
// a layer holds it, and reports whether one is still to be found.
func (w *Window) selectPending() bool {
	if w.toSelect == "" {
		return false
	}
	r, ok := w.cat.FindID(w.toSelect)
	if ok {
		w.toSelect = ""
		w.Map.Select(r.Layer.Site(r.Index))
		w.openDetails()
		w.Details.SetFeature(r.Layer.Site(r.Index), []data.Ref{r})
	}
	return !ok
}

// selectAfterLoad selects the pending feature when the layer just loaded
// holds it; when none does and no layer is still loading, the status line
// says so.
func (w *Window) selectAfterLoad() {
	if w.selectPending() && len(w.loads.Objects) == 0 {
		w.status.SetText(fmt.Sprintf("%s; no layer has a feature with the id %q to select", w.status.Text, w.toSelect))
		w.toSelect = ""
	}
}

func loadSummary(name string, ixs []*data.LayerIndex, probs data.Problems, err error, d time.Duration) string {
	n, dups := 0, 0
	for _, ix := range ixs {
		n += ix.Layer().Len()
		dups += ix.Duplicates()
	}
	msg := fmt.Sprintf("%s: %s in %.1f s", name, sites(n), d.Seconds())
	if len(ixs) > 1 {
		msg = fmt.Sprintf("%s: %d layers, %s in %.1f s", name, len(ixs), sites(n), d.Seconds())
	}
	switch {
	case err != nil && n > 0:
		msg = fmt.Sprintf("%s: stopped; kept the %s loaded", name, sites(n))
	case err != nil:
		msg = fmt.Sprintf("%s: not loaded: %v", name, err)
	}
	if len(probs) > 0 {
		msg += ", " + probs.Count()
	}
	if dups > 0 {
		msg += fmt.Sprintf(", %d repeated ids", dups)
	}
	return msg
}

// sites says how many sites: "1 site", "40000 sites".
func sites(n int) string {
	if n == 1 {
		return "1 site"
	}
	return fmt.Sprintf("%d sites", n)
}

// OpenLayerDialog asks for a layer file and loads it.
func (w *Window) OpenLayerDialog() {
	w.askFile(data.FileTypes(), func(path string) { w.AddLayerFile(path) })
}

// askFile asks for a file of one of the extensions and gives its path to
// then; nothing happens if the user cancels.
func (w *Window) askFile(exts []string, then func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		then(path)
	}, w.Window)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	d.Show()
}
