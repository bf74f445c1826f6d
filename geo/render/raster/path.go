package raster

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"slices"
	"sync"

	"github.com/lodemap/lodemap/geo/render"
	"github.com/paulmach/orb"
	"golang.org/x/image/vector"
)

// pendingPath is a path waiting to be filled with others of its paint: the
// land's countries are filled in one pass, then outlined.
type pendingPath struct {
	rings [][]orb.Point
	paint render.Paint
}

// Path implements render.Backend. In the basemap, consecutive paths of
// one paint (the countries) are filled together, then outlined, as one
// shape; elsewhere each path is painted on its own, as the vector
// backends paint it. A lone axis-aligned box is filled as a pixel-aligned
// rectangle.
func (c *Canvas) Path(rings [][]orb.Point, p render.Paint) {
	if c.recording {
		c.calls = append(c.calls, pathCall(callPath, rings, p))
		return
	}
	if len(c.pending) > 0 && (c.pending[0].paint != p || c.group != render.GroupBasemap) {
		c.flush()
	}
	c.pending = append(c.pending, pendingPath{rings, p})
}

// flush fills and outlines the pending paths.
func (c *Canvas) flush() {
	if len(c.pending) == 0 {
		return
	}
	p := c.pending[0].paint
	if x0, y0, x1, y1, ok := render.Rect(c.pending[0].rings); ok && len(c.pending) == 1 && p.Stroke.A == 0 {
		draw.Draw(c.img, c.pixelRect(x0, y0, x1, y1), image.NewUniform(p.Fill), image.Point{}, draw.Over)
	} else {
		if p.Fill.A != 0 {
			c.fill(p.Fill)
		}
		if p.Stroke.A != 0 {
			for _, pp := range c.pending {
				c.stroke(pp.rings, p, true)
			}
		}
	}
	c.pending = c.pending[:0]
}

// pixelRect is a box in logical pixels as a rectangle of whole image
// pixels; a box that reaches the scene's edge reaches the image's, whose
// size is rounded up.
func (c *Canvas) pixelRect(x0, y0, x1, y1 float64) image.Rectangle {
	s, b := c.scale, c.img.Rect
	r := image.Rect(int(math.Round(x0*s)), int(math.Round(y0*s)), int(math.Round(x1*s)), int(math.Round(y1*s)))
	if int(math.Ceil(x1*s)) >= b.Max.X {
		r.Max.X = b.Max.X
	}
	if int(math.Ceil(y1*s)) >= b.Max.Y {
		r.Max.Y = b.Max.Y
	}
	return r
}

// rasterizers keep a rasterizer's accumulation buffer between fills.
var rasterizers = sync.Pool{New: func() any { return new(vector.Rasterizer) }}

// fill fills the pending paths' rings over their bounding box, a cell at
// a time, each cell with the edges of the rings that reach across it (see
// sortEdges).
func (c *Canvas) fill(col color.NRGBA) {
	s := c.scale
	var rings [][]orb.Point
	var boxes []image.Rectangle
	bb := image.Rectangle{}
	for _, pp := range c.pending {
		for _, ring := range pp.rings {
			if len(ring) > 1 {
				box := ringBox(ring, s)
				rings, boxes = append(rings, ring), append(boxes, box)
				bb = bb.Union(box)
			}
		}
	}
	bb = bb.Intersect(c.img.Rect)
	if bb.Empty() {
		return
	}
	cells, cols := sortEdges(rings, boxes, s, bb)
	paintCells(c.img, bb, col, func(r *vector.Rasterizer, cell image.Rectangle) {
		ox, oy := float64(cell.Min.X), float64(cell.Min.Y)
		w, h := float64(cell.Dx()), float64(cell.Dy())
		for _, e := range cells[(cell.Min.Y-bb.Min.Y)/cellH*cols+(cell.Min.X-bb.Min.X)/cellW] {
			ring := rings[e.ring]
			a, b := ring[(int(e.i)+len(ring)-1)%len(ring)], ring[e.i]
			edge(r, w, h, a[0]*s-ox, a[1]*s-oy, b[0]*s-ox, b[1]*s-oy)
		}
	})
}

// ringBox is a ring's bounds at scale s, in whole pixels.
func ringBox(ring []orb.Point, s float64) image.Rectangle {
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, pt := range ring {
		x0, y0, x1, y1 = min(x0, pt[0]), min(y0, pt[1]), max(x1, pt[0]), max(y1, pt[1])
	}
	return image.Rect(int(math.Floor(x0*s)), int(math.Floor(y0*s)), int(math.Ceil(x1*s))+1, int(math.Ceil(y1*s))+1)
}

// edgeRef is edge i of a ring: from point i-1 (the last for 0) to i.
type edgeRef struct{ ring, i int32 }

// sortEdges lists the rings' edges (at scale s; boxes are their
// ringBoxes) by the cells of bb, cellH rows by cellW columns, row after
// row, that paintCells fills, and says how many cells a row holds. A cell
// gets the edges in its rows of every ring that reaches across it: a ring
// wholly to one side of a cell adds nothing to it, but one that reaches
// it must be whole, since x/image/vector puts what lies left of its area
// at its left edge and what lies right at the start of the next row,
// where it cancels what the row summed. The edges are counted first, so
// the cells share one array.
func sortEdges(rings [][]orb.Point, boxes []image.Rectangle, s float64, bb image.Rectangle) (cells [][]edgeRef, cols int) {
	rows := (bb.Dy() + cellH - 1) / cellH
	cols = (bb.Dx() + cellW - 1) / cellW
	top, bottom := float64(bb.Min.Y), float64(bb.Max.Y)
	row := func(y float64) int { return min(rows-1, max(0, int(math.Floor(y-top))/cellH)) }
	each := func(f func(cell int, e edgeRef)) {
		for k, ring := range rings {
			box := boxes[k]
			c0 := max(0, (box.Min.X-bb.Min.X)/cellW)
			c1 := min(cols-1, (box.Max.X-1-bb.Min.X)/cellW)
			prev := ring[len(ring)-1]
			for i, pt := range ring {
				lo, hi := min(prev[1], pt[1])*s, max(prev[1], pt[1])*s
				if lo != hi && hi > top && lo < bottom {
					for r := row(lo); r <= row(hi); r++ {
						for c := c0; c <= c1; c++ {
							f(r*cols+c, edgeRef{int32(k), int32(i)})
						}
					}
				}
				prev = pt
			}
		}
	}
	counts := make([]int, rows*cols+1)
	each(func(cell int, _ edgeRef) { counts[cell+1]++ })
	for i := range rows * cols {
		counts[i+1] += counts[i]
	}
	all := make([]edgeRef, counts[rows*cols])
	at := slices.Clone(counts[:rows*cols])
	each(func(cell int, e edgeRef) {
		all[at[cell]] = e
		at[cell]++
	})
	cells = make([][]edgeRef, rows*cols)
	for i := range cells {
		cells[i] = all[counts[i]:counts[i+1]]
	}
	return cells, cols
}

// cellW and cellH bound what is rasterized at once. x/image/vector uses
// fixed-point math up to 512 pixels and floating point above; its
// floating-point accumulation reloads the MXCSR register every four
// pixels, which on some CPUs runs many times slower, or not, by where the
// linker happens to put it: one build of this package drew the offline
// basemap in 33 ms, the next, no code of the path changed, in 15. (The
// fixed-point math's drift is edge's to keep small.)
const (
	cellW = 512
	cellH = 64
)

// paintCells paints col over img's pixels in bb as much as the shapes add
// covers them, a cell of at most cellW x cellH pixels at a time: add adds
// the shapes to the rasterizer (reset to the cell's size) in pixels from
// the cell's top-left corner.
func paintCells(img *image.RGBA, bb image.Rectangle, col color.NRGBA, add func(r *vector.Rasterizer, cell image.Rectangle)) {
	if bb.Empty() {
		return
	}
	r := rasterizers.Get().(*vector.Rasterizer)
	defer rasterizers.Put(r)
	for y := bb.Min.Y; y < bb.Max.Y; y += cellH {
		for x := bb.Min.X; x < bb.Max.X; x += cellW {
			b := image.Rect(x, y, min(x+cellW, bb.Max.X), min(y+cellH, bb.Max.Y))
			r.Reset(b.Dx(), b.Dy())
			add(r, b)
			paintCoverage(img, b, r, col)
		}
	}
}

// line draws an anti-aliased 1-pixel line (Xiaolin Wu), clipped to the image.
func line(img *image.RGBA, x0, y0, x1, y1 float64, c color.NRGBA) {
	b := img.Bounds()
	lx, ly, hx, hy := float64(b.Min.X)-1, float64(b.Min.Y)-1, float64(b.Max.X), float64(b.Max.Y)
	if (x0 < lx && x1 < lx) || (y0 < ly && y1 < ly) || (x0 > hx && x1 > hx) || (y0 > hy && y1 > hy) {
		return
	}
	steep := math.Abs(y1-y0) > math.Abs(x1-x0)
	if steep {
		x0, y0, x1, y1 = y0, x0, y1, x1
	}
	if x0 > x1 {
		x0, x1, y0, y1 = x1, x0, y1, y0
	}
	dx, dy := x1-x0, y1-y0
	grad := 1.0
	if dx > 0 {
		grad = dy / dx
	}
	y := y0 + grad*(math.Round(x0)-x0)
	for x := math.Round(x0); x <= math.Round(x1); x++ {
		fy := math.Floor(y)
		f := y - fy
		if steep {
			blend(img, int(fy), int(x), c, 1-f)
			blend(img, int(fy)+1, int(x), c, f)
		} else {
			blend(img, int(x), int(fy), c, 1-f)
			blend(img, int(x), int(fy)+1, c, f)
		}
		y += grad
	}
}

// blend paints colour c over pixel (x, y) with coverage a.
func blend(img *image.RGBA, x, y int, c color.NRGBA, a float64) {
	if !(image.Point{x, y}.In(img.Rect)) || a <= 0 {
		return
	}
	i := img.PixOffset(x, y)
	p := img.Pix[i : i+4 : i+4]
	al := a * float64(c.A) / 255
	p[0] = uint8(float64(c.R)*al + float64(p[0])*(1-al) + 0.5)
	p[1] = uint8(float64(c.G)*al + float64(p[1])*(1-al) + 0.5)
	p[2] = uint8(float64(c.B)*al + float64(p[2])*(1-al) + 0.5)
	p[3] = uint8(255*al + float64(p[3])*(1-al) + 0.5)
}

// closedRing adds a closed ring to a rasterizer, each point p placed at
// p*s - (ox, oy): the one way rings, symbols and joins are traced.
func closedRing[P ~[2]float64](r *vector.Rasterizer, ring []P, s, ox, oy float64) {
	n := len(ring)
	if n < 2 {
		return
	}
	w, h := float64(r.Size().X), float64(r.Size().Y)
	px, py := ring[n-1][0]*s-ox, ring[n-1][1]*s-oy
	for _, pt := range ring {
		x, y := pt[0]*s-ox, pt[1]*s-oy
		edge(r, w, h, px, py, x, y)
		px, py = x, y
	}
}

// edgeRows bounds the rows one piece of an edge crosses: x/image/vector's
// fixed-point math rounds an edge's x down by up to 1/512 px on each row
// it walks, from its start, so pieces of 16 rows keep that drift within a
// thirtieth of a pixel.
const edgeRows = 16

// edge adds the edge from a to b to a rasterizer of w x h pixels, in
// pieces: cut to the rows (x/image/vector walks an edge through every row
// from its top, even rows above its area), cut every edgeRows rows, and
// with what lies beyond x = -1 or x = w+1 moved onto those lines. Moving
// it changes nothing (the rasterizer adds all that lies left of its area
// to its first column, and all that lies right past its row's end) but
// keeps the fixed-point x from overflowing at some four million pixels
// away, as a zoom 14 coastline is. The parts cut off cover no row, and an
// edge's coverage is its own, so the pieces are added one by one.
func edge(r *vector.Rasterizer, w, h, ax, ay, bx, by float64) {
	dy := by - ay
	if dy == 0 || (ay <= 0 && by <= 0) || (ay >= h && by >= h) {
		return
	}
	dx := bx - ax
	t0, t1 := -ay/dy, (h-ay)/dy // where the edge crosses rows 0 and h
	if t0 > t1 {
		t0, t1 = t1, t0
	}
	t0, t1 = max(0, t0), min(1, t1)
	var buf [16]float64
	cuts := append(buf[:0], t0, t1)
	y0, y1 := min(ay+t0*dy, ay+t1*dy), max(ay+t0*dy, ay+t1*dy)
	for y := math.Floor(y0/edgeRows+1) * edgeRows; y < y1; y += edgeRows {
		cuts = append(cuts, (y-ay)/dy)
	}
	if dx != 0 {
		for _, x := range [2]float64{-1, w + 1} {
			if t := (x - ax) / dx; t > t0 && t < t1 {
				cuts = append(cuts, t)
			}
		}
	}
	slices.Sort(cuts)
	at := func(t float64) (float32, float32) {
		return float32(min(w+1, max(-1, ax+t*dx))), float32(ay + t*dy)
	}
	for k := 1; k < len(cuts); k++ {
		if cuts[k] > cuts[k-1] {
			r.MoveTo(at(cuts[k-1]))
			r.LineTo(at(cuts[k]))
		}
	}
}
