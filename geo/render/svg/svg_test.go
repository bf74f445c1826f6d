package svg

import (
	"bytes"
	"context"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/lodemap/lodemap/geo/render"
	"github.com/lodemap/lodemap/geo/render/raster"
	"github.com/lodemap/lodemap/geo/render/rendertest"
)

// svgNode is a generic XML element.
type svgNode struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []svgNode  `xml:",any"`
	Text    string     `xml:",chardata"`
}

func (n svgNode) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (n svgNode) walk(fn func(n svgNode, parent svgNode), parent svgNode) {
	fn(n, parent)
	for _, c := range n.Nodes {
		c.walk(fn, n)
	}
}

func TestSVG(t *testing.T) {
	in := rendertest.Furnished(960, 600)
	s, err := render.Build(in)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, s, 1, nil); err != nil {
		t.Fatal(err)
	}
	var root svgNode
	if err := xml.Unmarshal(buf.Bytes(), &root); err != nil {
		t.Fatalf("not XML: %v", err)
	}
	markers := map[string]int{} // by layer group
	labels, paths, fonts := 0, 0, strings.Count(buf.String(), "@font-face")
	var labelTexts []string
	root.walk(func(n, parent svgNode) {
		switch {
		case n.XMLName.Local == "use" && n.attr("class") == "marker":
			markers[parent.attr("data-title")]++
		case n.XMLName.Local == "text" && n.attr("class") == "label":
			labels++
			labelTexts = append(labelTexts, n.Text)
		case n.XMLName.Local == "path" && parent.attr("id") == "basemap":
			paths++
		}
	}, svgNode{})
	for _, g := range s.Groups {
		if markers[g.Title] != len(g.Markers)+len(g.Dots) {
			t.Errorf("layer %q: %d marker elements, want one per visible feature (%d)", g.Title, markers[g.Title], len(g.Markers)+len(g.Dots))
		}
	}
	if labels != len(s.Labels) || labels == 0 {
		t.Errorf("%d label text elements, want %d", labels, len(s.Labels))
	}
	for i, l := range s.Labels {
		if labelTexts[i] != l.Text {
			t.Errorf("label %d = %q, want %q", i, labelTexts[i], l.Text)
		}
	}
	if paths != len(s.Land) {
		t.Errorf("%d country paths, want %d", paths, len(s.Land))
	}
	if fonts != 2 {
		t.Errorf("%d embedded fonts, want regular and bold", fonts)
	}
	if root.attr("viewBox") != "0 0 960 600" {
		t.Errorf("viewBox %q", root.attr("viewBox"))
	}
}

// TestShapesMatchPNG draws every shape view as SVG, draws it back with
// librsvg and compares it with the PNG.
func TestShapesMatchPNG(t *testing.T) {
	for _, sv := range rendertest.ShapeViews() {
		t.Run(sv.Name, func(t *testing.T) {
			s, err := render.Build(sv.In)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := Write(context.Background(), &buf, s, 1, nil); err != nil {
				t.Fatal(err)
			}
			got, ok := rendertest.SVGPage(t, buf.Bytes())
			if !ok {
				t.Skip("needs rsvg-convert (librsvg2-bin)")
			}
			want, err := raster.Draw(context.Background(), s, 1, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			rendertest.AssertLooksLike(t, "SVG", sv.Name+"-svg.png", got, want)
		})
	}
}
