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
	ClusterCell = 64.0 // divides the tile size, so no cell straddles two tiles
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
// Sites are gathered a whole cell beyond the frame, so every cell that
// shows is complete and a cluster is the same in every tile it touches.
func clusters(s *Scene, l *layer.Layer, in Input, proj projector, each func(func(i int) bool)) ([]Marker, []Cluster) {
	inView := func(x, y float64) bool {
		return x >= -ClusterCell && y >= -ClusterCell && x < s.Width+ClusterCell && y < s.Height+ClusterCell
	}
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
	nx, ny := int(s.Width/ClusterCell)+4, int(s.Height/ClusterCell)+4
	type cell struct {
		n      int
		sx, sy float64
		first  int // the lowest index, so the order of the visit does not matter
		kinds  [layer.MaxKindCodes]int32
	}
	cells := make([]cell, nx*ny)
	codes, names, colors := clusterCodes(l, in.Styles[l.ID])
	sel := selectedIndex(in, l)
	var markers []Marker
	each(func(i int) bool {
		x, y := proj.pixel(l.Unit[i])
		if !inView(x, y) {
			return true
		}
		if i == sel {
			markers = append(markers, marker(l, i, x, y, in))
			return true
		}
		cx := min(nx-1, max(0, int(math.Floor((x+offX)/ClusterCell))+2))
		cy := min(ny-1, max(0, int(math.Floor((y+offY)/ClusterCell))+2))
		c := &cells[cy*nx+cx]
		if c.n == 0 || i < c.first {
			c.first = i
		}
		c.n++
		c.sx += x
		c.sy += y
		if codes != nil {
			c.kinds[codes[i]]++
		} else {
			c.kinds[0]++
		}
		return true
	})
	var out []Cluster
	for _, c := range cells {
		switch {
		case c.n == 0:
		case c.n == 1:
			x, y := proj.pixel(l.Unit[c.first])
			markers = append(markers, marker(l, c.first, x, y, in))
		default:
			kind, best, col := "", int32(0), colors[0]
			for code, k := range names {
				if n := c.kinds[code]; n > best || n == best && n > 0 && k < kind {
					kind, best, col = k, n, colors[code]
				}
			}
			out = append(out, Cluster{X: c.sx / float64(c.n), Y: c.sy / float64(c.n), R: ClusterRadius(c.n), Count: c.n, Color: col})
		}
	}
	return markers, out
}

// clusterCodes are what a cluster's colour follows: each feature's code,
// the codes' names and colours. By kind, or by the style's category; a
// style of one colour (or of sizes) colours every cluster with it, and has
// no codes (nil: every feature's is 0).
func clusterCodes(l *layer.Layer, st *style.Layer) ([]uint8, []string, []color.NRGBA) {
	switch {
	case st == nil || st.Mode == style.ByKind:
		colors := make([]color.NRGBA, len(l.KindNames))
		for i, k := range l.KindNames {
			colors[i] = style.For(k, "operating").Color
		}
		return l.KindCodes, l.KindNames, colors
	case st.Mode == style.ByCategory && len(st.Codes) == l.Len():
		names := make([]string, len(st.Entries))
		colors := make([]color.NRGBA, len(st.Entries))
		for i, e := range st.Entries {
			names[i], colors[i] = e.Value, e.Color
		}
		return st.Codes, names, colors
	}
	return nil, []string{""}, []color.NRGBA{st.Marker(0, "", "operating").Color}
}

// Symbol is the cluster's disc, its radius rounded to half pixels so that
// clusters of about the same size share one symbol.
func (c Cluster) Symbol() Symbol {
	return Symbol{Marker: style.Marker{Color: c.Color}, ClusterR: math.Round(c.R*2) / 2}
}

// clusterPaths is a cluster's circle: a white ring around a disc of its
// colour, slightly see-through.
func clusterPaths(r float64, c color.NRGBA) []FillPath {
	c.A = 0xE6
	return []FillPath{
		{style.Circle.Outline(r + 2), color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}},
		{style.Circle.Outline(r), c},
	}
}

// clusterTextSize is the size of a cluster's count.
const clusterTextSize = 11.0

// clusterText is the colour of a cluster's count.
var clusterText = color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}

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
