package data

import (
	"context"
	"runtime"
	"sync"
)

// batchSize is how many features a reader hands to a worker at a time.
const batchSize = 32768

// inParallel runs a reader's batches through decode on every core and
// hands them to add on the calling goroutine, in the order produce made
// them. produce sends batches until send returns false (the run is
// stopping). add returning false stops the run: produce is told, and the
// batches already made are drained without add. inParallel returns when
// every goroutine it started has ended.
func inParallel[B any](ctx context.Context, produce func(send func(B) bool), decode func(B) B, add func(B) bool) {
	inner, stop := context.WithCancel(ctx)
	defer stop()
	type item struct {
		seq int
		b   B
	}
	work, done := make(chan item, 4), make(chan item, 4)
	go func() {
		defer close(work)
		seq := 0
		produce(func(b B) bool {
			select {
			case work <- item{seq, b}:
				seq++
				return true
			case <-inner.Done():
				return false
			}
		})
	}()
	var wg sync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range work {
				done <- item{it.seq, decode(it.b)}
			}
		}()
	}
	go func() { wg.Wait(); close(done) }()
	pending := map[int]B{}
	next, adding := 0, true
	for it := range done {
		pending[it.seq] = it.b
		for b, ok := pending[next]; ok; b, ok = pending[next] {
			delete(pending, next)
			next++
			if adding && (inner.Err() != nil || !add(b)) {
				adding = false
				stop() // the producer and workers end; what they made is drained
			}
		}
	}
}
