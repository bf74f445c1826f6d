package tiles

import (
	"context"
	"errors"
	"fmt"
	"image"
	"io"
	"math"
	"sync"

	"github.com/lodemap/lodemap/geo/view"
)

// Key names a tile.
type Key struct{ Z, X, Y int }

func (k Key) String() string { return fmt.Sprintf("%d/%d/%d", k.Z, k.X, k.Y) }

// Layer is a basemap of tiles for drawing: the tiles a view needs, at the
// zoom its resolution asks for, decoded once and kept (a bounded number).
// Until a tile is loaded, the part of a lower zoom's tile over it stands
// in. Loading is the caller's: the window fetches what Missing lists, an
// export Loads every tile it needs first.
type Layer struct {
	src         Source
	closer      io.Closer // what Close closes, if anything
	attribution string
	maxZoom     int
	// Bias is added to a view's zoom to choose the tiles' zoom: log2 of
	// the pixel ratio, so a 300 dpi export gets sharper tiles.
	Bias float64

	mu     sync.Mutex
	images map[Key]image.Image
	failed map[Key]error
}

// maxImages bounds the decoded tiles kept (256 KB each): past it they are
// all dropped and loaded again as needed.
const maxImages = 512

// NewLayer makes a layer of src's tiles, credited with attribution, which
// has tiles up to maxZoom.
func NewLayer(src Source, attribution string, maxZoom int) *Layer {
	return &Layer{src: src, attribution: attribution, maxZoom: maxZoom, images: map[Key]image.Image{}, failed: map[Key]error{}}
}

// ForScale is a layer of the same tiles for an output of a pixel ratio
// (2 for a HiDPI screen, dpi/96 for print), which takes tiles of a zoom
// as much higher; it loads its own, so an export does not disturb the
// window's.
func (l *Layer) ForScale(scale float64) *Layer {
	out := NewLayer(l.src, l.attribution, l.maxZoom)
	out.Bias = math.Log2(scale)
	if r, ok := l.src.(retinaSource); ok && scale >= 1.5 {
		if src, ok := r.Retina(); ok {
			// @2x tiles hold a zoom's worth more pixels each.
			out.src, out.Bias = src, out.Bias-1
		}
	}
	return out
}

// retinaSource is a source that has @2x tiles.
type retinaSource interface {
	// Retina is the source of @2x tiles, if it has them.
	Retina() (Source, bool)
}

// Attribution credits the tiles.
func (l *Layer) Attribution() string { return l.attribution }

// Zoom is the tiles' zoom for a view's zoom.
func (l *Layer) Zoom(viewZoom float64) int {
	return max(0, min(l.maxZoom, int(math.Round(viewZoom+l.Bias))))
}

// Keys are the tiles that cover a view, at Zoom's zoom.
func (l *Layer) Keys(v view.Viewport) []Key {
	z := l.Zoom(v.Zoom)
	n := 1 << z
	ws := float64(n) // the world in tiles
	o := v.Origin()
	scale := v.WorldSize() / ws // a tile's width in the view's pixels
	x0, y0 := int(math.Floor(o[0]*ws)), max(0, int(math.Floor(o[1]*ws)))
	x1, y1 := int(math.Ceil(o[0]*ws+v.Width/scale)), min(n, int(math.Ceil(o[1]*ws+v.Height/scale)))
	var out []Key
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			out = append(out, Key{z, ((x % n) + n) % n, y})
		}
	}
	return out
}

// Placed is a tile's image where it goes in a view's pixels, which may be
// part of a lower zoom's tile standing in for it.
type Placed struct {
	Img        image.Image
	X, Y, W, H float64
}

// Placed lists the images to draw for a view: each tile that covers it,
// or the part of the nearest lower zoom's tile loaded over it; tiles
// with neither are left out (the offline basemap shows there).
func (l *Layer) Placed(v view.Viewport) []Placed {
	z := l.Zoom(v.Zoom)
	n := 1 << z
	o := v.Origin()
	side := v.WorldSize() / float64(n)
	ox := math.Floor(o[0] * float64(n))
	var out []Placed
	for _, k := range l.Keys(v) {
		img, ok := l.image(k)
		if !ok {
			continue
		}
		// The key's x was wrapped into the world; place it on the copy in view.
		x := float64(k.X)
		for x < ox {
			x += float64(n)
		}
		for x >= ox+float64(n) {
			x -= float64(n)
		}
		out = append(out, Placed{Img: img, X: x*side - o[0]*v.WorldSize(), Y: float64(k.Y)*side - o[1]*v.WorldSize(), W: side, H: side})
	}
	return out
}

// image is tile k's image, or the part of a loaded parent's over it.
func (l *Layer) image(k Key) (image.Image, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for d := 0; d <= k.Z && d <= 6; d++ {
		p := Key{k.Z - d, k.X >> d, k.Y >> d}
		img, ok := l.images[p]
		if !ok {
			continue
		}
		if d == 0 {
			return img, true
		}
		b := img.Bounds()
		part := b.Dx() >> d
		if part < 1 {
			return nil, false
		}
		fx, fy := k.X-p.X<<d, k.Y-p.Y<<d
		r := image.Rect(b.Min.X+fx*part, b.Min.Y+fy*part, b.Min.X+(fx+1)*part, b.Min.Y+(fy+1)*part)
		if si, ok := img.(interface {
			SubImage(image.Rectangle) image.Image
		}); ok {
			return si.SubImage(r), true
		}
		return nil, false
	}
	return nil, false
}

// Covers reports whether every tile a view needs is loaded: the tiles
// then hide whatever would be drawn under them.
func (l *Layer) Covers(v view.Viewport) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, k := range l.Keys(v) {
		if _, ok := l.images[k]; !ok {
			return false
		}
	}
	return true
}

// Missing are the tiles a view needs that are not loaded and have not
// failed.
func (l *Layer) Missing(v view.Viewport) []Key {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []Key
	for _, k := range l.Keys(v) {
		if _, ok := l.images[k]; !ok && l.failed[k] == nil {
			out = append(out, k)
		}
	}
	return out
}

// Load gets and decodes tile k, keeping it; a failure is kept too, so it
// is not asked for again.
func (l *Layer) Load(ctx context.Context, k Key) error {
	b, err := l.src.Tile(ctx, k.Z, k.X, k.Y)
	var img *image.RGBA
	if err == nil {
		if img, err = decode(b); err != nil {
			err = fmt.Errorf("tiles: %s: %w", k, ErrNotImage)
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if err != nil {
		if ctx.Err() == nil {
			l.failed[k] = err
		}
		return err
	}
	if len(l.images) >= maxImages {
		clear(l.images)
	}
	l.images[k] = img
	return nil
}

// loadParent loads the nearest lower zoom's tile over k that can be had,
// up to six zooms up, unless one is loaded already.
func (l *Layer) loadParent(ctx context.Context, k Key) {
	for d := 1; d <= k.Z && d <= 6; d++ {
		p := Key{k.Z - d, k.X >> d, k.Y >> d}
		l.mu.Lock()
		_, have := l.images[p]
		gone := l.failed[p] != nil
		l.mu.Unlock()
		if have || (!gone && l.Load(ctx, p) == nil) {
			return
		}
	}
}

// LoadAll loads every tile a view needs, several at a time, and for one
// that cannot be had a lower zoom's to stand in; it calls progress
// (optional) with the tiles done and the total, and returns the tiles
// that could not be loaded, with why. A tile a package does not hold
// (ErrNoTile) is no failure: beyond a package's area the offline basemap
// shows, as meant.
func (l *Layer) LoadAll(ctx context.Context, v view.Viewport, progress func(done, total int)) map[Key]error {
	keys := l.Missing(v)
	failed := map[Key]error{}
	eachKey(keys, progress, func(k Key) func() {
		err := l.Load(ctx, k)
		if err == nil {
			return nil
		}
		l.loadParent(ctx, k) // to stand in
		if errors.Is(err, ErrNoTile) {
			return nil
		}
		return func() { failed[k] = err }
	})
	return failed
}

// eachKey runs work for each key, eight at a time; what work returns
// (nil for nothing) is run under one lock, one at a time, and progress
// (optional) is told how many keys are done, of how many.
func eachKey(keys []Key, progress func(done, total int), work func(k Key) (record func())) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	done := 0
	slots := make(chan struct{}, 8)
	for _, k := range keys {
		wg.Add(1)
		slots <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-slots }()
			record := work(k)
			mu.Lock()
			defer mu.Unlock()
			if record != nil {
				record()
			}
			done++
			if progress != nil {
				progress(done, len(keys))
			}
		}()
	}
	wg.Wait()
}
