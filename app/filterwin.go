package app

import (
	"context"
	"fmt"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/data/filter"
	"github.com/lodemap/lodemap/geo/layer"
)

// SetFilter sets the filter as if the user had set it in the panel.
func (w *Window) SetFilter(f filter.Filter) {
	w.Filter.SetFilter(f)
	w.applyFilter(f)
}

// applyFilter evaluates a filter, and the time slider's date when the
// slider is shown, off the UI thread and shows them: the map draws what
// they let through, with the statuses of that date, the panel counts each
// facet's values anew and the status line says how many sites are shown.
// A newer filter cancels the one before.
func (w *Window) applyFilter(f filter.Filter) {
	if w.filterDone != nil {
		w.filterDone()
	}
	ctx, done := w.jobs.start()
	w.filterDone = done
	w.filterGen++
	gen := w.filterGen // a callback of a filter since replaced does nothing
	layers := w.Map.Layers()
	shown := w.shownLayers()
	timed, at := w.Time.Visible(), w.Time.At()
	attr := w.Filter.Attribute()
	go func() {
		defer done()
		n, err := w.narrow(ctx, f, layers, timed, at)
		if err != nil {
			w.filterFailed(ctx, gen, err)
			return
		}
		uiDo(func() {
			if gen == w.filterGen {
				w.showNarrowed(f, n, shown)
			}
		})
		facets, err := facetsOf(ctx, f, w.cat, shown, w.columns, attr)
		if err != nil {
			w.filterFailed(ctx, gen, err)
			return
		}
		attrs := attributesOf(shown)
		titles := map[string]string{}
		for _, l := range shown {
			titles[l.ID] = l.Title
		}
		uiDo(func() {
			if gen == w.filterGen {
				w.Filter.SetLayerTitles(titles)
				w.Filter.SetAttributes(attrs)
				w.Filter.SetFacets(facets)
			}
		})
	}()
}

// narrowed is what a filter and a date let through.
type narrowed struct {
	masks  map[string]*layer.Mask
	status map[string]*layer.Statuses // at the date; none without one
	timed  bool                       // the time slider is shown
	dates  []string                   // its dates
	at     string
}

// narrow evaluates f over layers and, when timed, the timeline at date at
// (the last month dated when at is "").
func (w *Window) narrow(ctx context.Context, f filter.Filter, layers []*layer.Layer, timed bool, at string) (narrowed, error) {
	masks, err := f.Masks(ctx, w.cat, layers, w.columns)
	if err != nil || !timed {
		return narrowed{masks: masks}, err
	}
	tl, err := filter.NewTimeline(ctx, w.cat, layers, w.columns)
	if err != nil {
		return narrowed{}, err
	}
	n := narrowed{masks: masks, timed: true, dates: tl.Dates(), at: at}
	if n.at == "" && len(n.dates) > 0 {
		n.at = monthOf(n.dates[len(n.dates)-1])
	}
	if n.at != "" {
		var known map[string]*layer.Mask
		known, n.status = tl.At(n.at)
		n.masks = layer.AndAll(masks, known)
	}
	return n, nil
}

// showNarrowed shows what applyFilter worked out.
func (w *Window) showNarrowed(f filter.Filter, n narrowed, shown []*layer.Layer) {
	w.Map.SetFilter(n.masks)
	w.Map.SetStatus(n.status, n.at)
	w.Layers.SetFilter(n.masks)
	w.Search.Filter = n.masks
	if w.Table.Visible() {
		w.Table.SetLayers(w.Map.Layers(), n.masks)
	}
	if n.timed {
		w.Time.SetDates(n.dates)
	}
	switch {
	case n.at != "":
		w.status.SetText(filter.AsOf(n.at) + ": " + shownCount(shown, n.masks))
	case len(f) > 0:
		w.status.SetText("Filter: " + shownCount(shown, n.masks))
	}
}

// filterFailed says why a filter could not be applied, unless it was
// cancelled or replaced.
func (w *Window) filterFailed(ctx context.Context, gen uint64, err error) {
	if ctx.Err() != nil {
		return
	}
	uiDo(func() {
		if gen == w.filterGen {
			w.status.SetText("Filter not applied: " + err.Error())
		}
	})
}

// shownCount says how many of the shown layers' sites a filter lets
// through.
func shownCount(layers []*layer.Layer, masks map[string]*layer.Mask) string {
	n, all := 0, 0
	for _, l := range layers {
		n += masks[l.ID].Count(l.Len())
		all += l.Len()
	}
	return fmt.Sprintf("%s of %s sites shown", data.Thousands(n), data.Thousands(all))
}

// shownLayers are the layers switched on.
func (w *Window) shownLayers() []*layer.Layer {
	var out []*layer.Layer
	for _, l := range w.Map.Layers() {
		if w.Map.LayerVisible(l.ID) {
			out = append(out, l)
		}
	}
	return out
}

// ToggleTime shows the time slider, or hides it.
func (w *Window) ToggleTime() {
	if w.Time.Visible() {
		w.HideTime()
	} else {
		w.ShowTime()
	}
}

// ShowTime shows the time slider: the map is as of its date.
func (w *Window) ShowTime() {
	w.Time.Show()
	w.applyFilter(w.Filter.Filter())
}

// HideTime hides the time slider: the map is as of now again.
func (w *Window) HideTime() {
	w.Time.Pause()
	w.Time.Hide()
	w.applyFilter(w.Filter.Filter())
}

// SetTime shows the map as of a date (2024, 2024-09 or 2024-09-04), as
// moving the time slider there would.
func (w *Window) SetTime(date string) {
	w.Time.Show()
	w.Time.SetAt(date) // applies it
}
