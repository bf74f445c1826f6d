package render

import "context"

// Sink carries a long drawing's cancellation and progress. A nil Sink
// means neither.
type Sink struct {
	Ctx context.Context
	// Progress is called now and then with the items drawn and the total.
	Progress func(done, total int)
}

// checkEvery is how many items are drawn between two checks.
const checkEvery = 2048

// check reports progress and says whether to stop.
func (k *Sink) check(done, total int) error {
	if k == nil {
		return nil
	}
	if k.Progress != nil {
		k.Progress(done, total)
	}
	if k.Ctx != nil {
		return k.Ctx.Err()
	}
	return nil
}

// Items is how many items a backend draws for the scene: rings, markers,
// labels and overlays; the unit of progress.
func (s *Scene) Items() int {
	n := len(s.Labels) + len(s.Overlays)
	for _, p := range s.Land {
		n += len(p.Rings)
	}
	for _, g := range s.Groups {
		n += len(g.Markers) + len(g.Clusters) + len(g.Dots)
	}
	return n
}
