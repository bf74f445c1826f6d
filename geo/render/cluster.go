package render

import (
	"fmt"
	"image/color"
	"math"

	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/style"
)

// ClusterFrom is how many of a layer's features may be in the frame before
// they are drawn as clusters: grid cells of ClusterCell pixels that show how
// many sites they hold, so a million sites stay readable.
const (
	ClusterFrom = 2000
	ClusterCell = 48.0
)

// Cluster is a group of a layer's features drawn as one circle with a count.
type Cluster struct {
	X, Y, R float64
	Count   int
	Color   color.NRGBA
}

// Label is the count as shown: 7, 950, 12k, 1.2M.
func (c Cluster) Label() string {
	switch n := float64(c.Count); {
	case n >= 1e6:
		return trimZero(fmt.Sprintf("%.1fM", n/1e6))
	case n >= 1e4:
		return fmt.Sprintf("%.0fk", n/1e3)
	case n >= 1e3:
		return trimZero(fmt.Sprintf("%.1fk", n/1e3))
	}
	return fmt.Sprint(c.Count)
}

func trimZero(s string) string {
	if len(s) > 3 && s[len(s)-3:len(s)-1] == ".0" {
		return s[:len(s)-3] + s[len(s)-1:]
	}
	return s
}

// ClusterRadius is a cluster's radius for a count: it grows with the
// logarithm, so a cell of a thousand is visibly bigger than one of ten
// without covering its neighbours.
func ClusterRadius(count int) float64 {
	return math.Min(ClusterCell/2-2, 9+4*math.Log10(float64(count)))
}

// clusters bins a layer's features in the frame into grid cells. A cell
// with one feature (or the selected one) keeps a marker; the others become
// a cluster at their mean position, coloured by the kind most of them have.
func clusters(s *Scene, l *layer.Layer, in Input, proj projector, inView func(x, y float64) bool) ([]Marker, []Cluster) {
	// Cells are aligned to the world, not the frame, so clusters stay put
	// while the map pans.
	offX := math.Mod(proj.ox*proj.scale, ClusterCell)
	offY := math.Mod(proj.oy*proj.scale, ClusterCell)
	if offX < 0 {
		offX += ClusterCell
	}
	if offY < 0 {
		offY += ClusterCell
	}
	nx, ny := int(s.Width/ClusterCell)+3, int(s.Height/ClusterCell)+3
	type cell struct {
		n      int
		sx, sy float64
		first  int
		kinds  map[string]int
	}
	cells := make([]cell, nx*ny)
	var markers []Marker
	for i := range l.Unit {
		x, y := proj.pixel(l.Unit[i])
		if !inView(x, y) {
			continue
		}
		if l.IDs[i] == in.Selected {
			markers = append(markers, marker(l, i, x, y, in))
			continue
		}
		cx := min(nx-1, max(0, int((x+offX)/ClusterCell)+1))
		cy := min(ny-1, max(0, int((y+offY)/ClusterCell)+1))
		c := &cells[cy*nx+cx]
		if c.n == 0 {
			c.first = i
			c.kinds = map[string]int{}
		}
		c.n++
		c.sx += x
		c.sy += y
		c.kinds[l.Kinds[i]]++
	}
	var out []Cluster
	for _, c := range cells {
		switch {
		case c.n == 0:
		case c.n == 1:
			x, y := proj.pixel(l.Unit[c.first])
			markers = append(markers, marker(l, c.first, x, y, in))
		default:
			kind, best := "", 0
			for k, n := range c.kinds {
				if n > best || n == best && k < kind {
					kind, best = k, n
				}
			}
			out = append(out, Cluster{X: c.sx / float64(c.n), Y: c.sy / float64(c.n), R: ClusterRadius(c.n), Count: c.n, Color: style.For(kind, "operating").Color})
		}
	}
	return markers, out
}

// clusterPaths is a cluster's circle: a white ring around a disc of its
// colour, the same in every backend.
func clusterPaths(c Cluster) []fillPath {
	fill := c.Color
	fill.A = 0xE6
	return []fillPath{
		{style.Circle.Outline(c.R + 2), color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}},
		{style.Circle.Outline(c.R), fill},
	}
}

// clusterTextSize is the size of a cluster's count.
const clusterTextSize = 11.0

// ClusterAt returns the cluster of the scene under pixel (x, y), if any.
func (s *Scene) ClusterAt(x, y float64) (Cluster, bool) {
	for gi := len(s.Groups) - 1; gi >= 0; gi-- {
		for _, c := range s.Groups[gi].Clusters {
			if math.Hypot(x-c.X, y-c.Y) <= c.R+2 {
				return c, true
			}
		}
	}
	return Cluster{}, false
}
