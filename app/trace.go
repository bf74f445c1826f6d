package app

import (
	"fmt"
	"os"
	"sync"

	"fyne.io/fyne/v2"

	"github.com/lodemap/lodemap/geo/view"
)

// TraceEnv names the environment variable that, set to a file path, makes
// the app append its selections and frames there, one event a line. End-to-
// end tests read it; users can use it to report a problem.
const TraceEnv = "LODEMAP_TRACE"

type tracer struct {
	mu sync.Mutex
	f  *os.File
}

func newTracer() *tracer {
	p := os.Getenv(TraceEnv)
	if p == "" {
		return &tracer{}
	}
	f, err := os.OpenFile(p, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		fmt.Fprintf(os.Stderr, "lodemap: %s: %v\n", TraceEnv, err)
		return &tracer{}
	}
	return &tracer{f: f}
}

func (t *tracer) printf(format string, args ...any) {
	if t.f == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	fmt.Fprintf(t.f, format+"\n", args...)
}

// frame records a shown frame: its view and where the map sits in the
// window, in window pixels, so a test can aim a real pointer at a feature.
func (t *tracer) frame(m *MapView, v view.Viewport) {
	if t.f == nil {
		return
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(m)
	scale := float32(1)
	if c := fyne.CurrentApp().Driver().CanvasForObject(m); c != nil {
		scale = c.Scale()
	}
	t.printf("frame center=%.6f,%.6f zoom=%.4f map=%.1f,%.1f,%.1f,%.1f scale=%.3f",
		v.Center[0], v.Center[1], v.Zoom, pos.X, pos.Y, v.Width, v.Height, scale)
}
