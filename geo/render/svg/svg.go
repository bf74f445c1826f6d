// Package svg is the SVG backend of geo/render: country shapes and boxes
// are paths and rects, each symbol (marker look, cluster disc) is defined
// once and placed with <use>, text is <text> in the embedded Go fonts, and
// every group of the Scene (basemap, each layer, labels, selection, each
// piece of furniture) is a named <g>.
package svg

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"strconv"
	"strings"

	"github.com/lodemap/lodemap/geo/render"
	"github.com/paulmach/orb"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// Write writes the scene as SVG. scale sets the nominal size (width = scene
// width * scale px); ctx and progress are Scene.Draw's.
func Write(ctx context.Context, w io.Writer, s *render.Scene, scale float64, progress func(done, total int)) error {
	c := New(w, s.Width, s.Height, scale)
	if err := s.Draw(ctx, c, progress); err != nil {
		return err
	}
	return c.Close()
}

// New starts an SVG document of a scene's size onto w: the header, the
// fonts and the frame's clip. Draw into it, then Close it.
func New(w io.Writer, width, height, scale float64) *Canvas {
	bw := bufio.NewWriterSize(w, 1<<16)
	fmt.Fprintf(bw, `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="%s" height="%s" viewBox="0 0 %s %s">
`, num(width*scale), num(height*scale), num(width), num(height))
	bw.WriteString("<defs>\n<style>\n")
	fmt.Fprintf(bw, "@font-face{font-family:\"Go\";font-weight:normal;src:url(data:font/ttf;base64,%s) format(\"truetype\")}\n", base64.StdEncoding.EncodeToString(goregular.TTF))
	fmt.Fprintf(bw, "@font-face{font-family:\"Go\";font-weight:bold;src:url(data:font/ttf;base64,%s) format(\"truetype\")}\n", base64.StdEncoding.EncodeToString(gobold.TTF))
	bw.WriteString("text{font-family:\"Go\",sans-serif}\n</style>\n")
	fmt.Fprintf(bw, "<clipPath id=\"frame\"><rect width=\"%s\" height=\"%s\"/></clipPath>\n</defs>\n", num(width), num(height))
	return &Canvas{w: bw, ids: map[render.Symbol]string{}}
}

// Close ends the document: the symbols, defined after their uses (SVG
// allows forward references) so it is written in one pass, and the end.
func (c *Canvas) Close() error {
	c.w.Write(c.defs.Bytes())
	if len(c.ids) > 0 {
		c.w.WriteString("</defs>\n")
	}
	c.w.WriteString("</svg>\n")
	if err := c.w.Flush(); err != nil {
		return fmt.Errorf("svg: %w", err)
	}
	return nil
}

// Canvas is the SVG Backend.
type Canvas struct {
	w     *bufio.Writer
	ids   map[render.Symbol]string
	defs  bytes.Buffer
	group render.GroupKind
	buf   []byte
}

// BeginGroup implements render.Backend.
func (c *Canvas) BeginGroup(g render.GroupInfo) {
	c.group = g.Kind
	switch g.Kind {
	case render.GroupBasemap:
		fmt.Fprintf(c.w, "<g id=\"%s\" clip-path=\"url(#frame)\">\n", esc(g.ID))
	case render.GroupLayer:
		fmt.Fprintf(c.w, "<g id=\"layer-%s\" class=\"layer\" data-title=\"%s\">\n", esc(g.ID), esc(g.Title))
	default:
		fmt.Fprintf(c.w, "<g id=\"%s\">\n", esc(g.ID))
	}
}

// EndGroup implements render.Backend.
func (c *Canvas) EndGroup() { c.w.WriteString("</g>\n") }

// Path implements render.Backend: a lone axis-aligned box is a <rect>.
func (c *Canvas) Path(rings [][]orb.Point, p render.Paint) {
	if x0, y0, x1, y1, ok := render.Rect(rings); ok && p.Stroke.A == 0 {
		fmt.Fprintf(c.w, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"%s/>\n", num(x0), num(y0), num(x1-x0), num(y1-y0), fill(p.Fill))
		return
	}
	c.w.WriteString("<path" + fill(p.Fill) + strokeAttrs(p) + " d=\"")
	for _, r := range rings {
		c.w.WriteString(pathData(r, true))
	}
	c.w.WriteString("\"/>\n")
}

// Lines implements render.Backend: one path of open subpaths.
func (c *Canvas) Lines(lines [][]orb.Point, p render.Paint) {
	if p.Stroke.A == 0 {
		return
	}
	c.w.WriteString("<path fill=\"none\" stroke-linecap=\"round\"" + strokeAttrs(p) + " d=\"")
	for _, l := range lines {
		c.w.WriteString(pathData(l, false))
	}
	c.w.WriteString("\"/>\n")
}

// strokeAttrs are the attributes of p's outline, or none.
func strokeAttrs(p render.Paint) string {
	if p.Stroke.A == 0 {
		return ""
	}
	s := fmt.Sprintf(" stroke=\"%s\" stroke-width=\"%s\" stroke-linejoin=\"round\"", hex(p.Stroke), num(p.Width))
	if p.Stroke.A != 0xFF {
		s += fmt.Sprintf(" stroke-opacity=\"%s\"", num(float64(p.Stroke.A)/255))
	}
	if p.Dash != ([2]float64{}) {
		s += fmt.Sprintf(" stroke-dasharray=\"%s %s\"", num(p.Dash[0]), num(p.Dash[1]))
	}
	return s
}

// Symbol implements render.Backend.
func (c *Canvas) Symbol(sym render.Symbol, x, y float64, id string) {
	class := "marker"
	switch {
	case sym.ClusterR != 0:
		class = "cluster"
	case c.group == render.GroupSelection:
		class = "highlight"
	case c.group == render.GroupFurniture:
		class = "swatch"
	}
	b := append(c.buf[:0], "<use class=\""...)
	b = append(b, class...)
	b = append(b, "\" xlink:href=\"#"...)
	b = append(b, c.symbol(sym)...)
	b = append(b, "\" x=\""...)
	b = append(b, num(x)...)
	b = append(b, "\" y=\""...)
	b = append(b, num(y)...)
	if id != "" {
		b = append(b, "\" data-id=\""...)
		b = append(b, esc(id)...)
	}
	b = append(b, "\"/>\n"...)
	c.w.Write(b)
	c.buf = b
}

// symbol returns the id of a symbol's definition, writing it the first time.
func (c *Canvas) symbol(sym render.Symbol) string {
	if id, ok := c.ids[sym]; ok {
		return id
	}
	id := "m" + strconv.Itoa(len(c.ids))
	c.ids[sym] = id
	paths, _ := sym.Paths()
	if len(c.ids) == 1 {
		c.defs.WriteString("<defs>\n")
	}
	fmt.Fprintf(&c.defs, "<symbol id=\"%s\" overflow=\"visible\">", id)
	for _, p := range paths {
		c.defs.WriteString("<path d=\"" + pathData(p.Points, true) + "\"" + fill(p.Color) + "/>")
	}
	c.defs.WriteString("</symbol>\n")
	return id
}

// Text implements render.Backend. Its width is pinned to its width in the
// Go font, so a viewer that falls back to another font keeps the layout.
func (c *Canvas) Text(t render.Text) {
	class := ""
	switch c.group {
	case render.GroupLabels:
		class = " class=\"label\""
	case render.GroupLayer:
		class = " class=\"count\""
	}
	weight := ""
	if t.Bold {
		weight = " font-weight=\"bold\""
	}
	halo := ""
	if t.Halo.A != 0 {
		halo = fmt.Sprintf(" stroke=\"%s\" stroke-width=\"%s\" stroke-linejoin=\"round\" paint-order=\"stroke\"", hex(t.Halo), num(2*render.HaloWidth))
	}
	fmt.Fprintf(c.w, "<text%s x=\"%s\" y=\"%s\" font-size=\"%s\"%s textLength=\"%s\" lengthAdjust=\"spacingAndGlyphs\" fill=\"%s\"%s>%s</text>\n",
		class, num(t.X), num(t.Y), num(t.Size), weight, num(render.MeasureText(t.Text, t.Size, t.Bold)), hex(t.Color), halo, esc(t.Text))
}

// Image implements render.Backend: the image is embedded as a PNG.
func (c *Canvas) Image(img image.Image, x, y, w, h float64) {
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		return // an in-memory encode fails only for an image of no pixels
	}
	fmt.Fprintf(c.w, "<image x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" preserveAspectRatio=\"none\" xlink:href=\"data:image/png;base64,%s\"/>\n",
		num(x), num(y), num(w), num(h), base64.StdEncoding.EncodeToString(b.Bytes()))
}

// fill is a fill colour's attributes, with its opacity when see-through.
func fill(col color.NRGBA) string {
	if col.A == 0 {
		return " fill=\"none\""
	}
	if col.A == 0xFF {
		return " fill=\"" + hex(col) + "\""
	}
	return " fill=\"" + hex(col) + "\" fill-opacity=\"" + num(float64(col.A)/255) + "\""
}

// pathData is a closed path through the points (orb.Point or [2]float64).
func pathData[P ~[2]float64](pts []P, closed bool) string {
	var b strings.Builder
	for i, p := range pts {
		if i == 0 {
			b.WriteString("M")
		} else {
			b.WriteString("L")
		}
		b.WriteString(num(p[0]) + " " + num(p[1]))
	}
	if closed {
		b.WriteString("Z")
	}
	return b.String()
}

// num formats a coordinate with two decimals, enough for 1/100 px.
func num(f float64) string {
	s := strconv.FormatFloat(f, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" || s == "" {
		return "0"
	}
	return s
}

func hex(c color.NRGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
