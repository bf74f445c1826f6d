package raster

import (
	"container/list"
	"image"
	"math"
	"sync"

	"github.com/lodemap/lodemap/geo/render"
	"github.com/lodemap/lodemap/geo/style"
	"golang.org/x/image/vector"
)

// Sprites keeps pre-rendered symbols, at most a fixed number, the least
// recently used going first. It is safe for concurrent use: the window's
// frames, its tiles and an export may stamp from one Sprites at once.
type Sprites struct {
	mu    sync.Mutex
	limit int
	byKey map[spriteKey]*list.Element
	lru   list.List // of *spriteEntry, most recent first
}

// DefaultSprites is how many sprites a Sprites keeps unless told: every
// marker look at two scales, with room for cluster sizes.
const DefaultSprites = 1024

type spriteKey struct {
	sym   render.Symbol
	scale float64
}

type spriteEntry struct {
	key spriteKey
	sp  *stampImage
}

// NewSprites returns an empty cache of at most limit sprites (0 for
// DefaultSprites).
func NewSprites(limit int) *Sprites {
	if limit <= 0 {
		limit = DefaultSprites
	}
	return &Sprites{limit: limit, byKey: map[spriteKey]*list.Element{}}
}

// Len is how many sprites are kept.
func (s *Sprites) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.byKey)
}

func (s *Sprites) get(sym render.Symbol, scale float64) *stampImage {
	k := spriteKey{sym, scale}
	s.mu.Lock()
	if e, ok := s.byKey[k]; ok {
		s.lru.MoveToFront(e)
		s.mu.Unlock()
		return e.Value.(*spriteEntry).sp
	}
	s.mu.Unlock()
	paths, extent := sym.Paths()
	sp := newStamp(paintPaths(paths, extent+1, scale))
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.byKey[k]; ok { // drawn meanwhile by another goroutine
		return e.Value.(*spriteEntry).sp
	}
	s.byKey[k] = s.lru.PushFront(&spriteEntry{k, sp})
	for len(s.byKey) > s.limit {
		old := s.lru.Back()
		s.lru.Remove(old)
		delete(s.byKey, old.Value.(*spriteEntry).key)
	}
	return sp
}

// stampImage is a sprite with, for each row, its runs of visible pixels:
// opaque runs are copied whole and only the anti-aliased edges are blended,
// the hot loop of drawing many markers.
type stampImage struct {
	img  *image.RGBA
	rows [][]pixelRun
}

type pixelRun struct {
	x0, x1 int // [x0, x1) in the sprite
	opaque bool
}

func newStamp(img *image.RGBA) *stampImage {
	s := &stampImage{img: img, rows: make([][]pixelRun, img.Rect.Dy())}
	for y := range s.rows {
		row := img.Pix[y*img.Stride : y*img.Stride+img.Rect.Dx()*4]
		for x := 0; x < img.Rect.Dx(); {
			a := row[x*4+3]
			if a == 0 {
				x++
				continue
			}
			opaque := a == 255
			x0 := x
			for x < img.Rect.Dx() && row[x*4+3] != 0 && (row[x*4+3] == 255) == opaque {
				x++
			}
			s.rows[y] = append(s.rows[y], pixelRun{x0, x, opaque})
		}
	}
	return s
}

// over composites the premultiplied sprite onto img with its top-left
// corner at (x, y).
func (s *stampImage) over(img *image.RGBA, x, y int) {
	sp := s.img
	r := image.Rect(x, y, x+sp.Rect.Dx(), y+sp.Rect.Dy()).Intersect(img.Rect)
	if r.Empty() {
		return
	}
	lo, hi := r.Min.X-x, r.Max.X-x
	for py := r.Min.Y; py < r.Max.Y; py++ {
		sy := py - y
		srow := sp.Pix[sy*sp.Stride:]
		for _, run := range s.rows[sy] {
			x0, x1 := max(run.x0, lo), min(run.x1, hi)
			if x0 >= x1 {
				continue
			}
			src, dst := srow[x0*4:x1*4], img.Pix[img.PixOffset(x+x0, py):img.PixOffset(x+x1, py)]
			if run.opaque {
				copy(dst, src)
				continue
			}
			for i := 0; i < len(src); i += 4 {
				k := 255 - uint32(src[i+3])
				dst[i] = uint8(uint32(src[i]) + (uint32(dst[i])*k+127)/255)
				dst[i+1] = uint8(uint32(src[i+1]) + (uint32(dst[i+1])*k+127)/255)
				dst[i+2] = uint8(uint32(src[i+2]) + (uint32(dst[i+2])*k+127)/255)
				dst[i+3] = uint8(uint32(src[i+3]) + (uint32(dst[i+3])*k+127)/255)
			}
		}
	}
}

// paintPaths paints filled outlines around the centre of a square image
// reaching extent logical pixels from it.
func paintPaths(paths []render.FillPath, extent, scale float64) *image.RGBA {
	size := int(math.Ceil(2 * extent * scale))
	size += size % 2
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	c := float64(size) / 2
	var ras vector.Rasterizer
	for _, p := range paths {
		ras.Reset(size, size)
		closedRing(&ras, p.Points, scale, -c, -c)
		ras.Draw(img, img.Bounds(), image.NewUniform(p.Color), image.Point{})
	}
	return img
}

// Swatch returns a marker as drawn on the map, for legends and layer keys,
// with the sprite's transparent margin cropped.
func Swatch(m style.Marker, scale float64) image.Image {
	paths, extent := render.Symbol{Marker: m}.Paths()
	sp := paintPaths(paths, extent+1, scale)
	b := image.Rectangle{}
	for y := sp.Rect.Min.Y; y < sp.Rect.Max.Y; y++ {
		for x := sp.Rect.Min.X; x < sp.Rect.Max.X; x++ {
			if sp.Pix[sp.PixOffset(x, y)+3] != 0 {
				b = b.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return sp.SubImage(b)
}
