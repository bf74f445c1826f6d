package app

import (
	"context"
	"sync"

	"github.com/lodemap/lodemap/data/search"
	"github.com/lodemap/lodemap/geo/layer"
)

// indexer keeps the window's search index up to date off the UI thread:
// it indexes the dataset, then each layer added and taken off, one change
// at a time in the order they came, and hands each new index to publish on
// the UI thread. It runs until ctx ends (the window closes).
type indexer struct {
	mu   sync.Mutex
	todo []indexChange
	busy bool // changes are being applied
	wake chan struct{}
}

// indexChange adds a layer to the index, or takes off the layer of an id.
type indexChange struct {
	add    *layer.Layer
	remove string
}

func newIndexer() *indexer { return &indexer{wake: make(chan struct{}, 1)} }

// run indexes layers into ix (the catalog's articles, made on the UI
// thread: the catalog is not read here, where added layers may change it),
// then applies the changes as they come.
func (x *indexer) run(ctx context.Context, ix *search.Index, layers []*layer.Layer, publish func(*search.Index)) {
	for _, l := range layers {
		var err error
		if ix, err = ix.With(ctx, l); err != nil {
			return // cancelled
		}
	}
	uiDo(func() { publish(ix) })
	for {
		select {
		case <-ctx.Done():
			return
		case <-x.wake:
		}
		for _, c := range settled(x.take()) {
			if c.add != nil {
				next, err := ix.With(ctx, c.add)
				if err != nil {
					return
				}
				ix = next
			} else {
				ix = ix.Without(c.remove)
			}
		}
		uiDo(func() { publish(ix) })
		x.mu.Lock()
		x.busy = len(x.todo) > 0
		x.mu.Unlock()
	}
}

// settled drops the layers added and taken off again within changes: they
// need no indexing.
func settled(changes []indexChange) []indexChange {
	var out []indexChange
	for i, c := range changes {
		gone := false
		for _, later := range changes[i+1:] {
			gone = gone || (c.add != nil && later.remove == c.add.ID)
		}
		if !gone {
			out = append(out, c)
		}
	}
	return out
}

// idle reports whether every change has been applied and handed over.
func (x *indexer) idle() bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	return !x.busy && len(x.todo) == 0
}

// change queues a change; it never blocks.
func (x *indexer) change(c indexChange) {
	x.mu.Lock()
	x.todo = append(x.todo, c)
	x.busy = true
	x.mu.Unlock()
	select {
	case x.wake <- struct{}{}:
	default:
	}
}

func (x *indexer) take() []indexChange {
	x.mu.Lock()
	defer x.mu.Unlock()
	t := x.todo
	x.todo = nil
	return t
}
