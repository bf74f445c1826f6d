package render

import (
	"bufio"
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"image/color"
	"io"
	"strconv"
	"strings"

	"github.com/lodemap/lodemap/geo/style"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// WriteSVG writes the scene as SVG: country shapes and markers are paths,
// each marker style is defined once as a symbol and placed with <use>,
// labels are text in the embedded Go fonts, and each layer is a group named
// after it. scale sets the nominal size (width = scene width * scale px).
func WriteSVG(w io.Writer, s *Scene, scale float64, k *Sink) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	sw := &svgWriter{w: bw, ids: map[symbolKey]string{}}
	total, done := s.Items(), 0
	fmt.Fprintf(bw, `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="%s" height="%s" viewBox="0 0 %s %s">
`, num(s.Width*scale), num(s.Height*scale), num(s.Width), num(s.Height))
	sw.defs(s)
	fmt.Fprintf(bw, "<rect width=\"%s\" height=\"%s\" fill=\"%s\"/>\n", num(s.Width), num(s.Height), hex(s.Background))
	fmt.Fprint(bw, "<g id=\"basemap\" clip-path=\"url(#frame)\">\n")
	for _, p := range s.Land {
		fmt.Fprintf(bw, "<path fill=\"%s\" stroke=\"%s\" stroke-width=\"1\" stroke-linejoin=\"round\" d=\"", hex(p.Fill), hex(p.Stroke))
		for _, r := range p.Rings {
			bw.WriteString(pathData(r))
		}
		bw.WriteString("\"/>\n")
		done += len(p.Rings)
	}
	bw.WriteString("</g>\n")
	if err := k.check(done, total); err != nil {
		return err
	}
	for _, g := range s.Groups {
		fmt.Fprintf(bw, "<g id=\"layer-%s\" class=\"layer\" data-title=\"%s\">\n", esc(g.Layer), esc(g.Title))
		for _, c := range g.Clusters {
			fmt.Fprintf(bw, "<circle class=\"cluster\" cx=\"%s\" cy=\"%s\" r=\"%s\" fill=\"%s\" fill-opacity=\"0.9\" stroke=\"#ffffff\" stroke-width=\"2\"/>\n",
				num(c.X), num(c.Y), num(c.R+1), hex(c.Color))
			t := c.Label()
			w := MeasureText(t, clusterTextSize, true)
			fmt.Fprintf(bw, "<text class=\"count\" x=\"%s\" y=\"%s\" font-size=\"%s\" font-weight=\"bold\" fill=\"#ffffff\"%s>%s</text>\n",
				num(c.X-w/2), num(c.Y+clusterTextSize*0.36), num(clusterTextSize), textLength(t, clusterTextSize, true), t)
			done++
		}
		for _, d := range g.Dots {
			fmt.Fprintf(bw, "<use class=\"marker\" xlink:href=\"#%s\" x=\"%s\" y=\"%s\"/>\n", sw.ids[symbolKey{m: d.Style}], num(float64(d.X)), num(float64(d.Y)))
			if done++; done%checkEvery == 0 {
				if err := k.check(done, total); err != nil {
					return err
				}
			}
		}
		for _, m := range g.Markers {
			fmt.Fprintf(bw, "<use class=\"marker\" xlink:href=\"#%s\" x=\"%s\" y=\"%s\" data-id=\"%s\"/>\n", sw.ids[keyOf(m)], num(m.X), num(m.Y), esc(m.ID))
			if done++; done%checkEvery == 0 {
				if err := k.check(done, total); err != nil {
					return err
				}
			}
		}
		bw.WriteString("</g>\n")
	}
	if h := s.Highlight; h != nil {
		fmt.Fprintf(bw, "<g id=\"selection\"><use class=\"highlight\" xlink:href=\"#%s\" x=\"%s\" y=\"%s\" data-id=\"%s\"/></g>\n", sw.ids[keyOf(*h)], num(h.X), num(h.Y), esc(h.ID))
	}
	bw.WriteString("<g id=\"labels\">\n")
	for _, l := range s.Labels {
		weight := ""
		if l.Bold {
			weight = " font-weight=\"bold\""
		}
		fmt.Fprintf(bw, "<text class=\"label\" x=\"%s\" y=\"%s\" font-size=\"%s\"%s%s fill=\"%s\" stroke=\"%s\" stroke-width=\"2.4\" stroke-linejoin=\"round\" paint-order=\"stroke\">%s</text>\n",
			num(l.X), num(l.Y), num(style.LabelSize), weight, textLength(l.Text, style.LabelSize, l.Bold), hex(style.LabelText), hex(style.LabelHalo), esc(l.Text))
	}
	bw.WriteString("</g>\n")
	for _, o := range s.Overlays {
		sw.overlay(o)
	}
	bw.WriteString("</svg>\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("render: svg: %w", err)
	}
	return k.check(total, total)
}

type symbolKey struct {
	m                 style.Marker
	selected, hovered bool
}

func keyOf(m Marker) symbolKey { return symbolKey{m.Style, m.Selected, m.Hovered} }

type svgWriter struct {
	w   *bufio.Writer
	ids map[symbolKey]string
}

// defs writes the fonts, the frame clip and one symbol per marker look.
func (sw *svgWriter) defs(s *Scene) {
	w := sw.w
	w.WriteString("<defs>\n<style>\n")
	fmt.Fprintf(w, "@font-face{font-family:\"Go\";font-weight:normal;src:url(data:font/ttf;base64,%s) format(\"truetype\")}\n", base64.StdEncoding.EncodeToString(goregular.TTF))
	fmt.Fprintf(w, "@font-face{font-family:\"Go\";font-weight:bold;src:url(data:font/ttf;base64,%s) format(\"truetype\")}\n", base64.StdEncoding.EncodeToString(gobold.TTF))
	w.WriteString("text{font-family:\"Go\",sans-serif}\n</style>\n")
	fmt.Fprintf(w, "<clipPath id=\"frame\"><rect width=\"%s\" height=\"%s\"/></clipPath>\n", num(s.Width), num(s.Height))
	var all []Marker
	for _, g := range s.Groups {
		all = append(all, g.Markers...)
		seen := map[style.Marker]bool{}
		for _, d := range g.Dots {
			if !seen[d.Style] {
				seen[d.Style] = true
				all = append(all, Marker{Style: d.Style})
			}
		}
	}
	if s.Highlight != nil {
		all = append(all, *s.Highlight)
	}
	for _, o := range s.Overlays {
		all = append(all, o.Markers...)
	}
	for _, m := range all {
		k := keyOf(m)
		if _, ok := sw.ids[k]; ok {
			continue
		}
		id := "m" + strconv.Itoa(len(sw.ids))
		sw.ids[k] = id
		paths, _ := markerPaths(m.Style, m.Selected, m.Hovered)
		fmt.Fprintf(w, "<symbol id=\"%s\" overflow=\"visible\">", id)
		for _, p := range paths {
			w.WriteString("<path d=\"" + pathData(p.pts) + "\" fill=\"" + hex(p.col) + "\"/>")
		}
		w.WriteString("</symbol>\n")
	}
	w.WriteString("</defs>\n")
}

func (sw *svgWriter) overlay(o Overlay) {
	w := sw.w
	fmt.Fprintf(w, "<g id=\"%s\">\n", esc(o.Name))
	for _, b := range o.Boxes {
		fmt.Fprintf(w, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\" fill-opacity=\"%s\"/>\n", num(b.X), num(b.Y), num(b.W), num(b.H), hex(b.Fill), num(float64(b.Fill.A)/255))
	}
	for _, p := range o.Polys {
		fmt.Fprintf(w, "<path d=\"%s\" fill=\"%s\"/>\n", pathData(p.Points), hex(p.Fill))
	}
	for _, m := range o.Markers {
		fmt.Fprintf(w, "<use class=\"swatch\" xlink:href=\"#%s\" x=\"%s\" y=\"%s\"/>\n", sw.ids[keyOf(m)], num(m.X), num(m.Y))
	}
	for _, t := range o.Texts {
		weight := ""
		if t.Bold {
			weight = " font-weight=\"bold\""
		}
		fmt.Fprintf(w, "<text x=\"%s\" y=\"%s\" font-size=\"%s\"%s%s fill=\"%s\">%s</text>\n", num(t.X), num(t.Y), num(t.Size), weight, textLength(t.Text, t.Size, t.Bold), hex(style.LabelText), esc(t.Text))
	}
	w.WriteString("</g>\n")
}

// textLength pins a text's width to its width in the Go font, so a viewer
// that falls back to another font still keeps the layout.
func textLength(text string, size float64, bold bool) string {
	return " textLength=\"" + num(MeasureText(text, size, bold)) + "\" lengthAdjust=\"spacingAndGlyphs\""
}

// pathData is a closed path through the points (orb.Point or [2]float64).
func pathData[P ~[2]float64](pts []P) string {
	var b strings.Builder
	for i, p := range pts {
		if i == 0 {
			b.WriteString("M")
		} else {
			b.WriteString("L")
		}
		b.WriteString(num(p[0]) + " " + num(p[1]))
	}
	b.WriteString("Z")
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
