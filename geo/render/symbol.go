package render

import (
	"image/color"

	"github.com/lodemap/lodemap/geo/style"
)

// DotRadius is the radius of a site drawn as a dot.
const DotRadius = 1.5

// Symbol is a shape placed at a point: a feature's marker (or its dot, when
// Marker.Dot is set), or a cluster's disc when ClusterR is not zero. It is
// comparable, so a backend defines each symbol once and places it by
// reference.
type Symbol struct {
	Marker            style.Marker
	Selected, Hovered bool
	// ClusterR is a cluster disc's radius, in half pixels steps; its colour
	// is Marker.Color.
	ClusterR float64
}

// FillPath is one filled outline of a symbol, around (0,0), in logical px.
type FillPath struct {
	Points [][2]float64
	Color  color.NRGBA
}

// Paths is the symbol as filled outlines, painted in order, and how far
// they reach from the centre. Every backend draws these same paths.
func (s Symbol) Paths() (paths []FillPath, extent float64) {
	if s.ClusterR != 0 {
		return clusterPaths(s.ClusterR, s.Marker.Color), s.ClusterR + 2
	}
	return markerPaths(s.Marker, s.Selected, s.Hovered)
}

// Symbol is the marker's symbol.
func (m Marker) Symbol() Symbol {
	return Symbol{Marker: m.Style, Selected: m.Selected, Hovered: m.Hovered}
}

// markerPaths is a marker as filled outlines, painted in order: a halo ring
// when selected, the outline band (dashed when under construction), then
// the inside, in the colours of style.Marker.Paint; a solid marker's
// outline band is thinner. extent is how far the paths reach from the
// centre.
func markerPaths(m style.Marker, selected, hovered bool) (paths []FillPath, extent float64) {
	r := m.Radius()
	if m.Dot {
		return []FillPath{{style.Circle.Outline(DotRadius), m.Color}}, DotRadius
	}
	if selected {
		r *= 1.3
	} else if hovered {
		r *= 1.2
	}
	sw := style.StrokeWidth
	shape := m.Shape
	add := func(radius float64, c color.NRGBA) {
		paths = append(paths, FillPath{shape.Outline(radius), c})
	}
	if selected {
		add(r+sw/2+style.HaloWidth, style.Highlight)
		add(r+sw/2+1, style.HollowInside)
	}
	outline, inside := m.Paint()
	if m.Fill == style.Dashed {
		add(r+sw/2, style.HollowInside)
		for _, d := range dashes(shape, r+sw/2+0.5, r-sw) {
			paths = append(paths, FillPath{d, outline})
		}
	} else {
		add(r+sw/2, outline)
	}
	inner := sw
	if m.Fill == style.Solid {
		inner = sw / 2
	}
	add(r+sw/2-inner, inside)
	for _, p := range paths {
		for _, pt := range p.Points {
			extent = max(extent, abs(pt[0]), abs(pt[1]))
		}
	}
	return paths, extent
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// dashes cuts the band between two outlines into dash quads.
func dashes(shape style.Shape, outer, inner float64) [][][2]float64 {
	o := densify(shape.Outline(outer), 32)
	in := densify(shape.Outline(inner), 32)
	var out [][][2]float64
	for i := 0; i < len(o); i++ {
		if (i*8/len(o))%2 == 1 {
			continue
		}
		j := (i + 1) % len(o)
		out = append(out, [][2]float64{o[i], o[j], in[j], in[i]})
	}
	return out
}

// densify splits each edge of a closed outline so that it has about n
// points in all.
func densify(pts [][2]float64, n int) [][2]float64 {
	var out [][2]float64
	per := max(1, n/len(pts))
	for i, p := range pts {
		q := pts[(i+1)%len(pts)]
		for s := 0; s < per; s++ {
			t := float64(s) / float64(per)
			out = append(out, [2]float64{p[0] + (q[0]-p[0])*t, p[1] + (q[1]-p[1])*t})
		}
	}
	return out
}
