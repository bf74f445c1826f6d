package app

import (
	"context"
	"sync"
)

// jobs are the long-running works a window started: layer loads, exports,
// previews. Each runs under a context of its own, and closing the window
// cancels them all; contexts are handed to the works, never kept here.
type jobs struct {
	mu      sync.Mutex
	next    int
	cancels map[int]context.CancelFunc
	closed  bool
}

// start returns the context a new job runs under and the function that
// ends it (call it when the job is done; it also cancels the context). A
// job started after close is cancelled from the start.
func (j *jobs) start() (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.closed {
		cancel()
		return ctx, cancel
	}
	if j.cancels == nil {
		j.cancels = map[int]context.CancelFunc{}
	}
	id := j.next
	j.next++
	j.cancels[id] = cancel
	return ctx, func() {
		cancel()
		j.mu.Lock()
		delete(j.cancels, id)
		j.mu.Unlock()
	}
}

// running is how many jobs have not ended.
func (j *jobs) running() int {
	j.mu.Lock()
	defer j.mu.Unlock()
	return len(j.cancels)
}

// close cancels every job and any started later.
func (j *jobs) close() {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.closed = true
	for id, cancel := range j.cancels {
		cancel()
		delete(j.cancels, id)
	}
}
