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

// applyFilter evaluates a filter off the UI thread and shows it: the map
// draws what it lets through, the panel counts each facet's values anew
// and the status line says how many sites are shown. A newer filter
// cancels the one before.
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
	go func() {
		defer done()
		masks, err := f.Masks(ctx, w.cat, layers, w.columns)
		if err != nil {
			w.filterFailed(ctx, gen, err)
			return
		}
		uiDo(func() {
			if gen == w.filterGen {
				w.Map.SetFilter(masks)
				w.Layers.SetFilter(masks)
				w.Search.Filter = masks
				if len(f) > 0 {
					w.status.SetText(shownCount(shown, masks))
				}
			}
		})
		facets, err := facetsOf(ctx, f, w.cat, shown, w.columns)
		if err != nil {
			w.filterFailed(ctx, gen, err)
			return
		}
		uiDo(func() {
			if gen == w.filterGen {
				w.Filter.SetFacets(facets)
			}
		})
	}()
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
	return fmt.Sprintf("Filter: %s of %s sites shown", data.Thousands(n), data.Thousands(all))
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
