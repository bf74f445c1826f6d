package render

import (
	"context"
	"image"
	"image/color"

	"github.com/lodemap/lodemap/geo/style"
	"github.com/paulmach/orb"
)

// Backend is an output a Scene is drawn into: an image, an SVG document or
// a PDF page. Scene.Draw is the only caller: it owns what is drawn and in
// which order, so every backend shows the same picture. Coordinates are
// logical pixels (1/96 inch); a backend scales them to its output.
type Backend interface {
	// BeginGroup opens a group; groups do not nest.
	BeginGroup(g GroupInfo)
	// EndGroup closes the group opened last.
	EndGroup()
	// Path fills and then strokes closed rings with the nonzero rule: a
	// polygon's holes wind against its outer ring (layer makes them so).
	Path(rings [][]orb.Point, p Paint)
	// Lines strokes open lines; p.Fill is not used.
	Lines(lines [][]orb.Point, p Paint)
	// Symbol places a symbol centred at (x, y). id names the feature it
	// stands for, or is "".
	Symbol(sym Symbol, x, y float64, id string)
	// Text draws one line of text.
	Text(t Text)
	// Image draws an image stretched over the rectangle x, y, w, h.
	Image(img image.Image, x, y, w, h float64)
}

// GroupKind says what a group holds.
type GroupKind int

// Group kinds, in drawing order.
const (
	GroupBasemap   GroupKind = iota // background and land
	GroupLayer                      // one layer's clusters, dots and markers
	GroupLabels                     // the features' labels
	GroupSelection                  // the selected feature, above everything on the map
	GroupFurniture                  // one piece of page furniture
)

// GroupInfo names a group: ID is a layer id or a piece of furniture's name,
// Title the layer's title (a PDF layer shows it). Shapes and Items are
// how many lines and polygons, and items in all, a layer's group draws,
// so a backend can plan.
type GroupInfo struct {
	Kind          GroupKind
	ID, Title     string
	Shapes, Items int
}

// Paint is how a path is painted: a fill and an outline of Width logical
// pixels, solid, or dashed when Dash (on, off lengths in logical pixels)
// is not zero; a colour with zero alpha is not painted. Joins are round.
type Paint struct {
	Fill, Stroke color.NRGBA
	Width        float64
	Dash         [2]float64
}

// Draw walks the scene into a backend in the one order every output
// shares: the basemap; each layer's clusters, dots and markers; the labels;
// the selection; the page furniture. progress (optional) is called now and
// then with the items drawn and the total; Draw stops with ctx's error
// when ctx is done.
func (s *Scene) Draw(ctx context.Context, b Backend, progress func(done, total int)) error {
	d := drawer{b: b, progress: progress, total: s.Items()}
	if err := d.basemap(ctx, s); err != nil {
		return err
	}
	for _, g := range s.Groups {
		if err := d.layer(ctx, g); err != nil {
			return err
		}
	}
	if err := d.labels(ctx, s.Labels); err != nil {
		return err
	}
	if h := s.Highlight; h != nil || len(s.HighlightShapes) > 0 {
		b.BeginGroup(selectionGroup)
		for _, sh := range s.HighlightShapes {
			halo, line := highlightPaints(sh.Paint)
			d.shape(sh, halo)
			d.shape(sh, line)
		}
		if h != nil {
			b.Symbol(h.Symbol(), h.X, h.Y, h.ID)
		}
		b.EndGroup()
	}
	for _, o := range s.Overlays {
		if err := d.overlay(ctx, o); err != nil {
			return err
		}
	}
	return d.check(ctx, true)
}

// drawer is one walk of a scene.
type drawer struct {
	b           Backend
	progress    func(done, total int)
	done, total int
}

// checkEvery is how many items are drawn between two progress reports
// and cancellation checks.
const checkEvery = 2048

// item counts n items drawn and, every checkEvery items, reports progress
// and says whether to stop. Draw also checks after the basemap, the labels
// and each piece of furniture, so a small scene reports progress too.
func (d *drawer) item(ctx context.Context, n int) error {
	before := d.done
	d.done += n
	if d.done/checkEvery == before/checkEvery {
		return nil
	}
	return d.check(ctx, false)
}

func (d *drawer) check(ctx context.Context, last bool) error {
	if d.progress != nil {
		done := d.done
		if last {
			done = d.total
		}
		d.progress(done, d.total)
	}
	if ctx != nil {
		return ctx.Err()
	}
	return nil
}

func (d *drawer) basemap(ctx context.Context, s *Scene) error {
	if s.Background.A == 0 && len(s.Land) == 0 && len(s.Raster) == 0 && len(s.Boundaries) == 0 {
		return nil
	}
	d.b.BeginGroup(basemapGroup)
	if s.Background.A != 0 {
		d.b.Path([][]orb.Point{rect(0, 0, s.Width, s.Height)}, Paint{Fill: s.Background})
	}
	for _, p := range s.Land {
		d.b.Path(p.Rings, Paint{Fill: p.Fill, Stroke: p.Stroke, Width: 1})
		d.done += len(p.Rings)
	}
	for _, t := range s.Raster {
		d.b.Image(t.Img, t.X, t.Y, t.W, t.H)
	}
	d.done += len(s.Raster)
	if len(s.Boundaries) > 0 {
		d.b.Lines(s.Boundaries, Paint{Stroke: boundaryInk, Width: 0.8, Dash: [2]float64{4, 2}})
	}
	d.b.EndGroup()
	return d.check(ctx, false)
}

func (d *drawer) layer(ctx context.Context, g Group) error {
	d.b.BeginGroup(g.info())
	defer d.b.EndGroup()
	for _, sh := range g.Shapes {
		d.shape(sh, sh.Paint)
		if err := d.item(ctx, 1); err != nil {
			return err
		}
	}
	// Every cluster's disc, then every count, so no disc covers a count.
	for _, c := range g.Clusters {
		d.b.Symbol(c.Symbol(), c.X, c.Y, "")
	}
	for _, c := range g.Clusters {
		t := c.Label()
		d.b.Text(Text{Text: t, X: c.X - MeasureText(t, clusterTextSize, true)/2, Y: c.Y + clusterTextSize*0.36,
			Size: clusterTextSize, Bold: true, Color: clusterText})
		if err := d.item(ctx, 1); err != nil {
			return err
		}
	}
	for _, dot := range g.Dots {
		d.b.Symbol(Symbol{Marker: dot.Style}, float64(dot.X), float64(dot.Y), "")
		if err := d.item(ctx, 1); err != nil {
			return err
		}
	}
	for _, m := range g.Markers {
		d.b.Symbol(m.Symbol(), m.X, m.Y, m.ID)
		if err := d.item(ctx, 1); err != nil {
			return err
		}
	}
	return nil
}

// shape paints a line or polygon feature's rings with p.
func (d *drawer) shape(sh Shape, p Paint) {
	if len(sh.Rings) == 0 {
		return
	}
	if sh.Closed {
		d.b.Path(sh.Rings, p)
	} else {
		d.b.Lines(sh.Rings, p)
	}
}

// boundaryInk is the colour of a boundary file's outlines.
var boundaryInk = color.NRGBA{0x8A, 0x7F, 0x9A, 0xFF}

// placeInk is the colour of the basemap's place names and dots: quieter
// than the sites' labels.
var placeInk = color.NRGBA{0x55, 0x55, 0x5A, 0xFF}

func (d *drawer) labels(ctx context.Context, ls []Label) error {
	d.b.BeginGroup(labelsGroup)
	for _, l := range ls {
		if l.Place {
			d.b.Path([][]orb.Point{disc(l.DotX, l.DotY, placeDot)}, Paint{Fill: placeInk, Stroke: style.LabelHalo, Width: 1})
			d.b.Text(Text{Text: l.Text, X: l.X, Y: l.Y, Size: PlaceLabelSize, Color: placeInk, Halo: style.LabelHalo})
			continue
		}
		d.b.Text(Text{Text: l.Text, X: l.X, Y: l.Y, Size: style.LabelSize, Bold: l.Bold, Color: style.LabelText, Halo: style.LabelHalo})
	}
	d.done += len(ls)
	d.b.EndGroup()
	return d.check(ctx, false)
}

func (d *drawer) overlay(ctx context.Context, o Overlay) error {
	d.b.BeginGroup(GroupInfo{Kind: GroupFurniture, ID: o.Name, Title: o.Name})
	for _, b := range o.Boxes {
		d.b.Path([][]orb.Point{rect(b.X, b.Y, b.W, b.H)}, Paint{Fill: b.Fill})
	}
	for _, p := range o.Polys {
		d.b.Path([][]orb.Point{p.Points}, Paint{Fill: p.Fill})
	}
	for _, l := range o.Lines {
		d.b.Lines([][]orb.Point{l.Points}, l.Paint)
	}
	for _, m := range o.Markers {
		d.b.Symbol(m.Symbol(), m.X, m.Y, "")
	}
	for _, t := range o.Texts {
		if t.Color.A == 0 {
			t.Color = style.LabelText
		}
		d.b.Text(t)
	}
	d.done++
	d.b.EndGroup()
	return d.check(ctx, false)
}

// Items is how many items Draw draws: rings, markers, labels and pieces of
// furniture; the unit of progress.
func (s *Scene) Items() int {
	n := len(s.Labels) + len(s.Overlays) + len(s.Raster)
	for _, p := range s.Land {
		n += len(p.Rings)
	}
	for _, g := range s.Groups {
		n += len(g.Markers) + len(g.Clusters) + len(g.Dots) + len(g.Shapes)
	}
	return n
}

// GroupInfos lists the groups Draw opens, in order: a backend that must
// declare its groups before drawing (a PDF's layers) reads them here.
func (s *Scene) GroupInfos() []GroupInfo {
	var out []GroupInfo
	if s.Background.A != 0 || len(s.Land) > 0 || len(s.Raster) > 0 || len(s.Boundaries) > 0 {
		out = append(out, basemapGroup)
	}
	for _, g := range s.Groups {
		out = append(out, g.info())
	}
	out = append(out, labelsGroup)
	if s.Highlight != nil || len(s.HighlightShapes) > 0 {
		out = append(out, selectionGroup)
	}
	for _, o := range s.Overlays {
		out = append(out, GroupInfo{Kind: GroupFurniture, ID: o.Name, Title: o.Name})
	}
	return out
}

var (
	basemapGroup   = GroupInfo{Kind: GroupBasemap, ID: "basemap", Title: "Basemap"}
	labelsGroup    = GroupInfo{Kind: GroupLabels, ID: "labels", Title: "Labels"}
	selectionGroup = GroupInfo{Kind: GroupSelection, ID: "selection", Title: "Selection"}
)

// rect is the closed ring of an axis-aligned rectangle, clockwise on screen.
func rect(x, y, w, h float64) []orb.Point {
	return []orb.Point{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}}
}

// Rect reports whether rings are one axis-aligned rectangle, as Draw
// makes for boxes, and returns it: a backend may fill it as a rectangle.
func Rect(rings [][]orb.Point) (x0, y0, x1, y1 float64, ok bool) {
	if len(rings) != 1 || len(rings[0]) != 4 {
		return 0, 0, 0, 0, false
	}
	r := rings[0]
	if r[0][1] != r[1][1] || r[1][0] != r[2][0] || r[2][1] != r[3][1] || r[3][0] != r[0][0] {
		return 0, 0, 0, 0, false
	}
	return min(r[0][0], r[2][0]), min(r[0][1], r[2][1]), max(r[0][0], r[2][0]), max(r[0][1], r[2][1]), true
}

// info is the group's GroupInfo.
func (g Group) info() GroupInfo {
	return GroupInfo{Kind: GroupLayer, ID: g.Layer, Title: g.Title, Shapes: len(g.Shapes),
		Items: len(g.Shapes) + 2*len(g.Clusters) + len(g.Dots) + len(g.Markers)}
}
