// Package pdf is the PDF backend of geo/render: a one-page PDF of the
// scene's size (one logical pixel is 1/96 inch) where country shapes and
// markers are paths, each marker look is one form XObject placed per
// feature, text is selectable text in the embedded Go fonts, and the
// basemap, each layer, the labels, the selection and the furniture are
// optional-content layers named after them.
package pdf

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"strconv"

	"github.com/go-pdf/fpdf"
	"github.com/lodemap/lodemap/geo/render"
	"github.com/paulmach/orb"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// pt is the size of a logical pixel (1/96 inch) in PDF points (1/72 inch).
const pt = 72.0 / 96.0

// furnitureLayer is the one PDF layer every piece of furniture goes in.
const furnitureLayer = "Title, legend and credits"

// Write writes the scene as a PDF; title names the document. ctx and
// progress are Scene.Draw's.
func Write(ctx context.Context, w io.Writer, s *render.Scene, title string, progress func(done, total int)) error {
	c := New(s, title)
	if err := s.Draw(ctx, c, progress); err != nil {
		return err
	}
	return c.Close(w)
}

// New starts a one-page PDF of the scene's size, with a PDF layer for each
// group the scene's Draw opens. Draw the scene into it, then Close it.
func New(s *render.Scene, title string) *Canvas {
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "pt", Size: fpdf.SizeType{Wd: s.Width * pt, Ht: s.Height * pt}})
	f.SetCreator("Lodemap", true)
	if title != "" {
		f.SetTitle(title, true)
	}
	f.SetMargins(0, 0, 0)
	f.SetAutoPageBreak(false, 0)
	f.AddUTF8FontFromBytes("Go", "", goregular.TTF)
	f.AddUTF8FontFromBytes("Go", "B", gobold.TTF)
	c := &Canvas{f: f, height: s.Height, forms: map[render.Symbol]form{}}
	// Layers must exist before the page: one per group Draw will open.
	furniture := -1
	for _, g := range s.GroupInfos() {
		switch {
		case g.Kind != render.GroupFurniture:
			c.layers = append(c.layers, f.AddLayer(g.Title, true))
		case furniture < 0:
			furniture = f.AddLayer(furnitureLayer, true)
			fallthrough
		default:
			c.layers = append(c.layers, furniture)
		}
	}
	f.OpenLayerPane()
	// "P" keeps the size as given; fpdf would swap it for "L".
	f.AddPageFormat("P", fpdf.SizeType{Wd: s.Width * pt, Ht: s.Height * pt})
	return c
}

// Close writes the document to w.
func (c *Canvas) Close(w io.Writer) error {
	if err := c.f.Output(w); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return nil
}

// Canvas is the PDF Backend.
type Canvas struct {
	f       *fpdf.Fpdf
	height  float64
	layers  []int // the PDF layer of each group, in order
	next    int
	inLayer bool
	forms   map[render.Symbol]form
	images  int
	op      []byte
}

// form is a symbol's form XObject.
type form struct {
	id     string  // the template's name, which fpdf hashes anew per call
	extent float64 // how far the symbol reaches from its centre
}

// BeginGroup implements render.Backend: the group's PDF layer begins. A
// group the scene did not list (none does) is drawn outside any layer.
func (c *Canvas) BeginGroup(render.GroupInfo) {
	c.inLayer = c.next < len(c.layers)
	if c.inLayer {
		c.f.BeginLayer(c.layers[c.next])
	}
	c.next++
}

// EndGroup implements render.Backend.
func (c *Canvas) EndGroup() {
	if c.inLayer {
		c.f.EndLayer()
	}
}

// Path implements render.Backend.
func (c *Canvas) Path(rings [][]orb.Point, p render.Paint) {
	f := c.f
	if p.Fill.A == 0xFF && (p.Stroke.A == 0xFF || p.Stroke.A == 0) && p.Dash == ([2]float64{}) {
		// Opaque and solid: filled and outlined in one operator.
		fill(f, p.Fill)
		style := "F"
		if p.Stroke.A != 0 {
			c.strokeWith(p)
			style = "FD"
		}
		c.trace(rings, true)
		f.DrawPath(style)
		return
	}
	if p.Fill.A != 0 {
		fill(f, p.Fill)
		c.alpha(p.Fill.A, func() {
			c.trace(rings, true)
			f.DrawPath("F")
		})
	}
	c.outline(rings, p, true)
}

// Lines implements render.Backend: open subpaths, stroked.
func (c *Canvas) Lines(lines [][]orb.Point, p render.Paint) { c.outline(lines, p, false) }

// outline strokes rings (closed) or lines with p's stroke, see-through
// and dashed as p says.
func (c *Canvas) outline(lines [][]orb.Point, p render.Paint, closed bool) {
	if p.Stroke.A == 0 {
		return
	}
	c.strokeWith(p)
	if p.Dash != ([2]float64{}) {
		c.f.SetDashPattern([]float64{p.Dash[0] * pt, p.Dash[1] * pt}, 0)
		defer c.f.SetDashPattern(nil, 0)
	}
	c.alpha(p.Stroke.A, func() {
		c.trace(lines, closed)
		c.f.DrawPath("D")
	})
}

// strokeWith sets p's outline colour and width, with round joins and caps.
func (c *Canvas) strokeWith(p render.Paint) {
	stroke(c.f, p.Stroke)
	c.f.SetLineWidth(p.Width * pt)
	c.f.SetLineJoinStyle("round")
	c.f.SetLineCapStyle("round")
}

// alpha runs paint with opacity a (of 255).
func (c *Canvas) alpha(a uint8, paint func()) {
	if a != 0xFF {
		c.f.SetAlpha(float64(a)/255, "Normal")
		defer c.f.SetAlpha(1, "Normal")
	}
	paint()
}

// trace adds the rings (closed) or lines to the current path.
func (c *Canvas) trace(rings [][]orb.Point, closed bool) {
	f := c.f
	for _, r := range rings {
		for i, q := range r {
			if i == 0 {
				f.MoveTo(q[0]*pt, q[1]*pt)
			} else {
				f.LineTo(q[0]*pt, q[1]*pt)
			}
		}
		if closed {
			f.ClosePath()
		}
	}
}

// Symbol implements render.Backend: an opaque symbol (a marker) is a form
// XObject, defined once and placed per use; a see-through one (a cluster's
// disc) is painted in place, as a form here cannot carry its opacity, and
// clusters come in too many sizes to make each a form.
func (c *Canvas) Symbol(sym render.Symbol, x, y float64, _ string) {
	if fm, ok := c.forms[sym]; ok {
		c.place(fm, x, y)
		return
	}
	paths, e := sym.Paths()
	if !opaque(paths) {
		for _, p := range paths {
			c.fillAt(p, x, y)
		}
		return
	}
	size := fpdf.SizeType{Wd: 2 * e * pt, Ht: 2 * e * pt}
	t := c.f.CreateTemplateCustom(fpdf.PointType{}, size, func(t *fpdf.Tpl) {
		for _, p := range paths {
			t.SetFillColor(int(p.Color.R), int(p.Color.G), int(p.Color.B))
			pts := make([]fpdf.PointType, len(p.Points))
			for i, q := range p.Points {
				pts[i] = fpdf.PointType{X: (q[0] + e) * pt, Y: (q[1] + e) * pt}
			}
			t.Polygon(pts, "F")
		}
	})
	c.forms[sym] = form{id: t.ID(), extent: e}
	// The first use registers the form XObject with the page.
	c.f.UseTemplateScaled(t, fpdf.PointType{X: (x - e) * pt, Y: (y - e) * pt}, size)
}

// fillAt paints a symbol's path centred at (x, y), writing the operators
// itself: fpdf formats each point with fmt.
func (c *Canvas) fillAt(p render.FillPath, x, y float64) {
	if p.Color.A != 0xFF {
		c.f.SetAlpha(float64(p.Color.A)/255, "Normal")
		defer c.f.SetAlpha(1, "Normal")
	}
	op := c.op[:0]
	for _, v := range []uint8{p.Color.R, p.Color.G, p.Color.B} {
		op = strconv.AppendFloat(op, float64(v)/255, 'f', 3, 64)
		op = append(op, ' ')
	}
	op = append(op, "rg"...)
	for i, q := range p.Points {
		op = append(op, ' ')
		op = strconv.AppendFloat(op, (x+q[0])*pt, 'f', 2, 64)
		op = append(op, ' ')
		op = strconv.AppendFloat(op, (c.height-y-q[1])*pt, 'f', 2, 64)
		if i == 0 {
			op = append(op, " m"...)
		} else {
			op = append(op, " l"...)
		}
	}
	op = append(op, " h f"...)
	c.f.RawWriteStr(string(op))
	c.op = op
}

func opaque(paths []render.FillPath) bool {
	for _, p := range paths {
		if p.Color.A != 0xFF {
			return false
		}
	}
	return true
}

// place writes a form's placement itself: fpdf formats two strings and
// walks maps per use, too slow for a million markers.
func (c *Canvas) place(fm form, x, y float64) {
	e := fm.extent
	op := append(c.op[:0], "q 1 0 0 1 "...)
	op = strconv.AppendFloat(op, (x-e)*pt, 'f', 2, 64)
	op = append(op, ' ')
	op = strconv.AppendFloat(op, (c.height-y-e)*pt, 'f', 2, 64)
	op = append(op, " cm /TPL"...)
	op = append(op, fm.id...)
	op = append(op, " Do Q"...)
	c.f.RawWriteStr(string(op))
	c.op = op
}

// Text implements render.Backend. A halo is a stroked copy marked as an
// artifact, so copying the text gives each line once.
func (c *Canvas) Text(t render.Text) {
	f := c.f
	weight := ""
	if t.Bold {
		weight = "B"
	}
	f.SetFont("Go", weight, t.Size*pt)
	if t.Halo.A != 0 {
		f.RawWriteStr("/Artifact BMC\n")
		stroke(f, t.Halo)
		f.SetLineWidth(2 * render.HaloWidth * pt)
		f.SetTextRenderingMode(1)
		f.Text(t.X*pt, t.Y*pt, t.Text)
		f.SetTextRenderingMode(0)
		f.RawWriteStr("EMC\n")
	}
	fill(f, t.Color)
	f.SetTextColor(int(t.Color.R), int(t.Color.G), int(t.Color.B))
	f.Text(t.X*pt, t.Y*pt, t.Text)
}

// Image implements render.Backend: the image is embedded as a PNG.
func (c *Canvas) Image(img image.Image, x, y, w, h float64) {
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		return // an in-memory encode fails only for an image of no pixels
	}
	c.images++
	name := "img" + strconv.Itoa(c.images)
	opt := fpdf.ImageOptions{ImageType: "PNG"}
	c.f.RegisterImageOptionsReader(name, opt, &b)
	c.f.ImageOptions(name, x*pt, y*pt, w*pt, h*pt, false, opt, 0, "")
}

func fill(f *fpdf.Fpdf, c color.NRGBA)   { f.SetFillColor(int(c.R), int(c.G), int(c.B)) }
func stroke(f *fpdf.Fpdf, c color.NRGBA) { f.SetDrawColor(int(c.R), int(c.G), int(c.B)) }
