package kml

import (
	"encoding/xml"
	"fmt"
	"image/color"
	"strings"

	gokml "github.com/twpayne/go-kml/v3"

	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/style"
)

// iconHref is the round icon that Google Earth's own styles use; its
// colour is the style's.
const iconHref = "https://maps.google.com/mapfiles/kml/shapes/placemark_circle.png"

// looks are the styles the features use: one per kind and fill (planned,
// announced and other hollow statuses get a lighter one, features with no
// status a pale one), in the order first seen.
type looks struct {
	order []look
	ids   map[look]string
}

// look is a kind and the fill of its markers: Solid (under construction
// too: KML has no dashed lines), Hollow or Pale.
type look struct {
	kind string
	fill style.Fill
}

// lookSuffix ends the style id of a look that is not solid.
var lookSuffix = map[style.Fill]string{style.Hollow: "-light", style.Pale: "-pale"}

func newLooks(layers []*layer.Layer, o Options) *looks {
	ls := &looks{ids: map[look]string{}}
	for _, l := range layers {
		mask := o.Filter[l.ID]
		for i := range l.Len() {
			if mask.Has(i) {
				ls.id(l.Kinds[i], o.Status[l.ID].Of(l, i))
			}
		}
	}
	return ls
}

// id is the style id of a kind and status: "kind-deposit",
// "kind-deposit-light", "kind-deposit-pale".
func (ls *looks) id(kind, status string) string {
	k := look{kind: kind, fill: style.For(kind, status).Fill}
	if k.fill == style.Dashed {
		k.fill = style.Solid
	}
	if id, ok := ls.ids[k]; ok {
		return id
	}
	id := "kind-" + idText(kind) + lookSuffix[k.fill]
	ls.ids[k] = id
	ls.order = append(ls.order, k)
	return id
}

// idText keeps a kind's letters, digits, '-' and '_' for an XML id.
func idText(s string) string {
	s = strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '_'
	}, s)
	if s == "" {
		return "none"
	}
	return s
}

// styles are the shared Style elements: icon, line and polygon in the
// kind's colour; polygons filled see-through; a light look paler, with a
// thinner line and a fainter fill; a pale look with the icon of the pale
// inside of its marker, and a fainter fill.
func (ls *looks) styles() []gokml.Element {
	out := make([]gokml.Element, len(ls.order))
	for k, lk := range ls.order {
		c := style.For(lk.kind, "").Color
		icon, width, fill := c, 2.0, uint8(0x66)
		switch lk.fill {
		case style.Hollow:
			c, icon, width, fill = paler(c), paler(c), 1.5, 0x33
		case style.Pale:
			_, icon = style.Marker{Color: c, Fill: style.Pale}.Paint()
			fill = 0x33
		}
		out[k] = gokml.SharedStyle(ls.ids[lk],
			gokml.IconStyle(kmlColor(icon), gokml.Icon(gokml.Href(iconHref))),
			gokml.LineStyle(kmlColor(c), gokml.Width(width)),
			gokml.PolyStyle(kmlColor{c.R, c.G, c.B, fill}, gokml.Outline(true)),
		)
	}
	return out
}

// kmlColor is a color element, aabbggrr, of a colour that is not
// premultiplied: go-kml's Color writes RGBA()'s premultiplied values, which
// darkens a see-through fill.
type kmlColor color.NRGBA

// MarshalXML is part of xml.Marshaler.
func (c kmlColor) MarshalXML(enc *xml.Encoder, _ xml.StartElement) error {
	return enc.EncodeElement(fmt.Sprintf("%02x%02x%02x%02x", c.A, c.B, c.G, c.R), xml.StartElement{Name: xml.Name{Local: "color"}})
}

// paler mixes c halfway to white.
func paler(c color.NRGBA) color.NRGBA {
	mix := func(v uint8) uint8 { return uint8((int(v) + 255) / 2) }
	return color.NRGBA{mix(c.R), mix(c.G), mix(c.B), c.A}
}
