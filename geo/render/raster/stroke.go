package raster

import (
	"image"
	"image/color"
	"math"

	"github.com/lodemap/lodemap/geo/render"
	"github.com/paulmach/orb"
	"golang.org/x/image/vector"
)

// Lines implements render.Backend.
func (c *Canvas) Lines(lines [][]orb.Point, p render.Paint) {
	if c.recording {
		c.calls = append(c.calls, pathCall(callLines, lines, p))
		return
	}
	c.flush()
	if p.Stroke.A != 0 {
		c.stroke(lines, p, false)
	}
}

// thinLine is the width up to which an outline is drawn as 1-pixel
// anti-aliased lines, the fastest way.
const thinLine = 1.25

// strokeRun is how many segments are rasterized together: each run over
// its own bounding box, so a long line costs its length, not the area of
// its bounding box.
const strokeRun = 64

// stroke strokes lines (rings when closed) with p's colour, width and
// dashes. A thin one is drawn as 1-pixel lines; a wider one is filled as
// a quadrilateral per segment and a small octagon (a round join or cap) at
// each sharp turn and end, all wound the same way, so the rasterizer fills
// their union once.
func (c *Canvas) stroke(lines [][]orb.Point, p render.Paint, closed bool) {
	s := c.scale
	if p.Width*s <= thinLine && p.Dash == ([2]float64{}) {
		c.hairlines(lines, s, p.Stroke, closed)
		return
	}
	pieces := make([][]orb.Point, 0, len(lines))
	for _, l := range lines {
		px := make([]orb.Point, 0, len(l)+1)
		for _, q := range l {
			px = append(px, orb.Point{q[0] * s, q[1] * s})
		}
		if closed && len(px) > 0 && px[0] != px[len(px)-1] {
			px = append(px, px[0])
		}
		if p.Dash != ([2]float64{}) {
			pieces = dashLine(pieces, px, p.Dash[0]*s, p.Dash[1]*s)
		} else {
			pieces = append(pieces, px)
		}
	}
	if p.Width*s <= thinLine { // dashed: the pieces are scaled already
		c.hairlines(pieces, 1, p.Stroke, false)
		return
	}
	half := p.Width * s / 2
	for _, pc := range pieces {
		for from := 0; from < len(pc)-1 || from == 0 && len(pc) == 1; from += strokeRun {
			c.strokeRun(pc, from, min(len(pc)-1, from+strokeRun), half, p.Stroke)
		}
	}
}

// hairlines draws thin lines (closed: rings), scaling their points by s
// as it goes: the polygons of a crowded layer are outlined so, and copying
// each ring would cost more than drawing it.
func (c *Canvas) hairlines(lines [][]orb.Point, s float64, col color.NRGBA, closed bool) {
	for _, l := range lines {
		for i := 1; i < len(l); i++ {
			line(c.img, l[i-1][0]*s, l[i-1][1]*s, l[i][0]*s, l[i][1]*s, col)
		}
		if n := len(l); closed && n > 1 && l[0] != l[n-1] {
			line(c.img, l[n-1][0]*s, l[n-1][1]*s, l[0][0]*s, l[0][1]*s, col)
		}
	}
}

// strokeRun rasterizes the segments of a line from vertex from to vertex
// to over their own bounding box.
func (c *Canvas) strokeRun(pc []orb.Point, from, to int, half float64, col color.NRGBA) {
	run := pc[from : to+1]
	bb := piecesBound([][]orb.Point{run}, half).Intersect(c.img.Rect)
	if bb.Empty() {
		return
	}
	paintCells(c.img, bb, col, func(r *vector.Rasterizer, cell image.Rectangle) {
		ox, oy := float64(cell.Min.X), float64(cell.Min.Y)
		// Each join and segment is a closed ring of its own: one out of
		// the cell's reach adds nothing to it.
		near := func(a, b orb.Point) bool {
			return max(a[0], b[0])+half > ox && min(a[0], b[0])-half < float64(cell.Max.X) &&
				max(a[1], b[1])+half > oy && min(a[1], b[1])-half < float64(cell.Max.Y)
		}
		for k := range run {
			i := from + k
			if (i == 0 || i == len(pc)-1 || sharp(pc[i-1], pc[i], pc[i+1])) && near(pc[i], pc[i]) {
				join(r, pc[i][0]-ox, pc[i][1]-oy, half)
			}
			if k > 0 && near(pc[i-1], pc[i]) {
				segment(r, pc[i-1][0]-ox, pc[i-1][1]-oy, pc[i][0]-ox, pc[i][1]-oy, half)
			}
		}
	})
}

// sharp reports whether a line turns at b by more than about 25 degrees:
// a gentler turn leaves no gap between two segments' quadrilaterals that
// a round join would need to fill.
func sharp(a, b, c orb.Point) bool {
	ux, uy, vx, vy := b[0]-a[0], b[1]-a[1], c[0]-b[0], c[1]-b[1]
	dot, cross := ux*vx+uy*vy, ux*vy-uy*vx
	return dot <= 0 || math.Abs(cross) > 0.45*dot // tan 24°
}

// segment adds the quadrilateral of a segment of width 2*half.
func segment(r *vector.Rasterizer, x0, y0, x1, y1, half float64) {
	dx, dy := x1-x0, y1-y0
	l := math.Hypot(dx, dy)
	if l == 0 {
		return
	}
	nx, ny := -dy/l*half, dx/l*half
	q := [4]orb.Point{{x0 + nx, y0 + ny}, {x1 + nx, y1 + ny}, {x1 - nx, y1 - ny}, {x0 - nx, y0 - ny}}
	closedRing(r, q[:], 1, 0, 0)
}

// octagon is a unit octagon wound as segment winds its quadrilaterals.
var octagon = func() (o [8][2]float64) {
	for i := range o {
		a := -float64(i) * math.Pi / 4
		o[i] = [2]float64{math.Cos(a), math.Sin(a)}
	}
	return o
}()

// join adds a round join (or cap) of radius half at a vertex.
func join(r *vector.Rasterizer, x, y, half float64) { closedRing(r, octagon[:], half, -x, -y) }

// dashLine appends the dashes (on, off lengths) of a line to out; the
// pattern runs on across vertices.
func dashLine(out [][]orb.Point, pts []orb.Point, on, off float64) [][]orb.Point {
	if on <= 0 || off <= 0 {
		return append(out, pts)
	}
	drawing, left := true, on
	cur := []orb.Point{}
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		seg := math.Hypot(b[0]-a[0], b[1]-a[1])
		pos := 0.0
		if drawing && len(cur) == 0 {
			cur = append(cur, a)
		}
		for seg-pos > left {
			pos += left
			t := pos / seg
			q := orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])}
			if drawing {
				out = append(out, append(cur, q))
				cur = nil
			} else {
				cur = []orb.Point{q}
			}
			drawing = !drawing
			left = off
			if drawing {
				left = on
			}
		}
		left -= seg - pos
		if drawing {
			cur = append(cur, b)
		}
	}
	if drawing && len(cur) > 1 {
		out = append(out, cur)
	}
	return out
}

// piecesBound is the pixel rectangle covering the lines widened by half.
func piecesBound(pieces [][]orb.Point, half float64) image.Rectangle {
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, pc := range pieces {
		for _, q := range pc {
			x0, y0, x1, y1 = min(x0, q[0]), min(y0, q[1]), max(x1, q[0]), max(y1, q[1])
		}
	}
	if x0 > x1 {
		return image.Rectangle{}
	}
	return image.Rect(int(math.Floor(x0-half)), int(math.Floor(y0-half)), int(math.Ceil(x1+half))+1, int(math.Ceil(y1+half))+1)
}
