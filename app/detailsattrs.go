package app

import (
	"fmt"
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/geo/layer"
)

// attrLabelWidth is the width of the details' column of attribute names,
// the same for every site, so that the values do not jump sideways from
// one site to the next; a longer name wraps.
const attrLabelWidth = 120

// attributes are the feature's attributes, a row each: its name and its
// value, a link where the value is one. Key figures and dates are each a
// list under a heading, the other attributes after them under theirs.
func (p *DetailsPanel) attributes(d *data.Details) fyne.CanvasObject {
	box := container.NewVBox()
	add := func(k, v string) {
		if v != "" {
			box.Add(attrRow(k, p.value(v)))
		}
	}
	add("Operator", d.Operator)
	country := d.Country
	if d.CountryName != "" {
		country = d.CountryName + " (" + d.Country + ")"
	}
	add("Country", country)
	add("Commodities", strings.Join(d.Commodities, ", "))
	grouped := p.group(box, "Key figures", d.KeyFigures)
	grouped = p.group(box, "Dates", d.Dates) || grouped
	if grouped {
		box.Add(widget.NewSeparator())
		box.Add(heading("Other attributes"))
	}
	p.measures(d, add)
	for _, kv := range d.Other {
		if !(d.Located && coordinateColumns[strings.ToLower(kv.Key)]) { // the position is given once, above
			add(humanKey(kv.Key), kv.Value)
		}
	}
	add("Id", d.ID)
	return box
}

// group adds a heading and a row for each field, if there are any, and
// reports whether there were.
func (p *DetailsPanel) group(box *fyne.Container, title string, fields []data.Field) bool {
	if len(fields) == 0 {
		return false
	}
	box.Add(widget.NewSeparator())
	box.Add(heading(title))
	for _, kv := range fields {
		box.Add(attrRow(humanKey(kv.Key), p.value(kv.Value)))
	}
	return true
}

// heading is a section's title.
func heading(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// measures adds the feature's geometry, size and position.
func (p *DetailsPanel) measures(d *data.Details, add func(k, v string)) {
	add("Geometry", geometryText(d))
	if d.Geometry == layer.LineString || d.Geometry == layer.MultiLineString || d.Length > 0 {
		add("Length", distanceText(d.Length))
	}
	if d.Area > 0 {
		add("Area", areaText(d.Area))
		add("Perimeter", distanceText(d.Perimeter))
	}
	if d.Located {
		where := "Position"
		if d.Geometry != layer.Point {
			where = "Centre" // an anchor inside the shape, not the shape itself
		}
		add(where, fmt.Sprintf("%.4f, %.4f (lon, lat)", d.LonLat[0], d.LonLat[1]))
	}
	if d.Precision != "" {
		add("Position exactness", data.PrecisionText(d.Precision))
	}
}

// coordinateColumns are the attributes a table gives a site's position
// in, which the details show once as its position.
var coordinateColumns = map[string]bool{"lon": true, "lat": true, "lng": true, "long": true, "longitude": true, "latitude": true, "x": true, "y": true}

// value shows an attribute's value: as links when each of its lines is a
// web link or a DOI, else as wrapped text.
func (p *DetailsPanel) value(v string) fyne.CanvasObject {
	lines := strings.Split(v, "\n")
	links := container.NewVBox()
	for _, line := range lines {
		target := data.LinkOf(line)
		if target == "" {
			return wrapped(v)
		}
		links.Add(p.link(strings.TrimSpace(line), target))
	}
	if len(lines) == 1 {
		return links.Objects[0]
	}
	return links
}

// facts lists the site's facts, a bullet each, each with a link to its
// source named by the source's site.
func (p *DetailsPanel) facts(facts []data.Fact) fyne.CanvasObject {
	box := container.NewVBox(heading(fmt.Sprintf("Facts (%d)", len(facts))))
	for _, f := range facts {
		item := container.NewVBox(wrapped(f.Text))
		if target := data.LinkOf(f.Source); target != "" {
			item.Add(p.link(linkName(target), target))
		} else if f.Source != "" {
			item.Add(wrapped("Source: " + f.Source))
		}
		box.Add(container.NewBorder(nil, nil, widget.NewLabel("•"), nil, item))
	}
	return box
}

// linkName is a short name of a link: its host without "www.", or a DOI.
func linkName(link string) string {
	u, err := url.Parse(link)
	if err != nil || u.Host == "" {
		return link
	}
	if u.Host == "doi.org" {
		return "doi:" + strings.TrimPrefix(u.Path, "/")
	}
	return strings.TrimPrefix(u.Host, "www.")
}

// attrRow is an attribute's name, in the column of fixed width, and its
// value beside it.
func attrRow(name string, value fyne.CanvasObject) *fyne.Container {
	l := widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Wrapping = fyne.TextWrapWord
	return container.New(attrLayout{}, l, value)
}

// attrLayout lays out a name (first) in a column attrLabelWidth wide and
// its value (second) in the rest of the width; the row is as tall as the
// taller of them.
type attrLayout struct{}

// Layout is part of fyne.Layout.
func (attrLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	name, value := objs[0], objs[1]
	x := float32(attrLabelWidth) + theme.Padding()
	name.Resize(fyne.NewSize(attrLabelWidth, name.MinSize().Height))
	value.Resize(fyne.NewSize(size.Width-x, value.MinSize().Height))
	h := max(name.MinSize().Height, value.MinSize().Height)
	name.Move(fyne.NewPos(0, 0))
	name.Resize(fyne.NewSize(attrLabelWidth, h))
	value.Move(fyne.NewPos(x, 0))
	value.Resize(fyne.NewSize(size.Width-x, h))
}

// MinSize is part of fyne.Layout.
func (attrLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	name, value := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(attrLabelWidth+theme.Padding()+value.Width, max(name.Height, value.Height))
}

func humanKey(k string) string {
	k = strings.ReplaceAll(k, "_", " ")
	if k == "" {
		return k
	}
	return strings.ToUpper(k[:1]) + k[1:]
}
