package app

import (
	"fmt"
	"math"
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/geo/index"
	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/style"
)

// DetailsPanel shows the selected feature: its attributes, the other
// features under the pointer, and every article excerpt linked to it.
type DetailsPanel struct {
	widget.BaseWidget

	// OnPick is called when the user picks another feature from the list of
	// those under the pointer.
	OnPick func(s layer.Site)
	// OnReadArticle is called to open an article at an excerpt.
	OnReadArticle func(e *data.Excerpt)
	// OnOpenURL is called to open a link in the browser.
	OnOpenURL func(u *url.URL)
	// Nearby, when set, lists the sites within km of one (at most limit,
	// nearest first), for the Nearby section; OnNearby is called when
	// the user picks one of them.
	Nearby   func(s layer.Site, km float64, limit int) []index.Near
	OnNearby func(s layer.Site)

	cat      *data.Catalog
	site     layer.Site
	under    []data.Ref
	content  *fyne.Container
	scroll   *container.Scroll
	pick     *widget.List // the features under the pointer, when more than one
	nearKm   float64      // the Nearby section's radius
	nearRows []index.Near // what it lists
}

// NewDetailsPanel returns an empty panel for the catalog's features.
func NewDetailsPanel(cat *data.Catalog) *DetailsPanel {
	p := &DetailsPanel{cat: cat, content: container.NewVBox()}
	p.scroll = container.NewVScroll(p.content)
	p.ExtendBaseWidget(p)
	p.rebuild()
	return p
}

// SetFeature shows a feature (none for the zero Site) and the features
// under the pointer with it.
func (p *DetailsPanel) SetFeature(s layer.Site, under []data.Ref) {
	p.site, p.under = s, under
	p.rebuild()
	p.scroll.ScrollToTop()
	p.Refresh()
}

// Feature returns the feature shown.
func (p *DetailsPanel) Feature() layer.Site { return p.site }

// CreateRenderer is part of fyne.Widget.
func (p *DetailsPanel) CreateRenderer() fyne.WidgetRenderer {
	return &panelRenderer{WidgetRenderer: widget.NewSimpleRenderer(p.scroll), min: fyne.NewSize(330, 200)}
}

// panelRenderer keeps a side panel's minimum size fixed, so long content
// wraps inside the panel instead of squeezing the map.
type panelRenderer struct {
	fyne.WidgetRenderer
	min fyne.Size
}

func (r *panelRenderer) MinSize() fyne.Size { return r.min }

func (p *DetailsPanel) rebuild() {
	p.content.RemoveAll()
	d, ok := p.cat.Details(p.site)
	if !ok {
		hint := widget.NewLabel("Click a site on the map to see its details and the news excerpts that mention it.")
		hint.Wrapping = fyne.TextWrapWord
		p.content.Add(hint)
		return
	}
	title := widget.NewLabelWithStyle(d.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	sw, _, _ := swatchTile(style.For(d.Kind, d.Status))
	p.content.Add(title)
	if d.Kind != "" || d.Status != "" {
		// A file without the site schema has neither: nothing to say.
		kind := widget.NewLabel(style.KindLabel(d.Kind) + " · " + style.StatusLabel(d.Status))
		p.content.Add(container.NewHBox(sw, kind))
	}
	if len(p.under) > 1 {
		p.content.Add(p.underList())
	}
	if d.Description != "" {
		p.content.Add(wrapped(d.Description))
	}
	p.content.Add(p.excerpts())
	if d.Located {
		if near := p.nearby(); near != nil {
			p.content.Add(near)
		}
	}
	p.content.Add(p.attributes(d))
	if len(d.Facts) > 0 {
		p.content.Add(p.facts(d.Facts))
	}
	if len(d.Sources) > 0 {
		p.content.Add(widget.NewLabelWithStyle("Sources", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for _, s := range d.Sources {
			p.content.Add(p.link(s, s))
		}
	}
}

// underList lets the user pick among the features under the pointer.
func (p *DetailsPanel) underList() fyne.CanvasObject {
	under := p.under
	list := widget.NewList(
		func() int { return len(under) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(under[i].Layer.Names[under[i].Index])
		})
	for i, r := range under {
		if r.Layer.Site(r.Index) == p.site {
			list.Select(i)
		}
	}
	list.OnSelected = func(i widget.ListItemID) {
		if s := under[i].Layer.Site(under[i].Index); s != p.site && p.OnPick != nil {
			p.OnPick(s)
		}
	}
	p.pick = list
	rows := float32(min(len(under), 5))
	sized := container.NewGridWrap(fyne.NewSize(260, rows*(list.MinSize().Height+theme.Padding())), list)
	head := widget.NewLabelWithStyle(fmt.Sprintf("%d sites under the pointer: pick one", len(under)), fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	return container.NewVBox(head, container.NewStack(sized))
}

func (p *DetailsPanel) excerpts() fyne.CanvasObject {
	ex := p.cat.Excerpts(p.site)
	box := container.NewVBox(widget.NewLabelWithStyle(fmt.Sprintf("In the news (%d)", len(ex)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	if len(ex) == 0 {
		box.Add(widget.NewLabel("No article excerpts mention this site."))
	}
	for _, e := range ex {
		e := e
		a := e.Article
		head := widget.NewLabelWithStyle(a.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		head.Wrapping = fyne.TextWrapWord
		quote := widget.NewRichText(quoteSegments(e.Quote, mentionOf(e, p.cat))...)
		quote.Wrapping = fyne.TextWrapWord
		read := widget.NewButtonWithIcon("Read article", theme.DocumentIcon(), func() {
			if p.OnReadArticle != nil {
				p.OnReadArticle(e)
			}
		})
		buttons := container.NewHBox(read)
		if u, err := url.Parse(a.URL); err == nil && a.URL != "" {
			buttons.Add(widget.NewButtonWithIcon("Open in browser", theme.ComputerIcon(), func() {
				if p.OnOpenURL != nil {
					p.OnOpenURL(u)
				}
			}))
		}
		card := container.NewVBox(head, widget.NewLabel(a.Byline()), quote, buttons)
		box.Add(container.NewPadded(card))
		box.Add(widget.NewSeparator())
	}
	return box
}

func (p *DetailsPanel) link(text, raw string) fyne.CanvasObject {
	u, err := url.Parse(raw)
	if err != nil {
		return wrapped(text)
	}
	h := widget.NewHyperlink(text, u)
	h.Wrapping = fyne.TextWrapBreak
	h.OnTapped = func() {
		if p.OnOpenURL != nil {
			p.OnOpenURL(u)
		}
	}
	return h
}

func wrapped(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// geometryText names a feature's geometry for the details panel, or says
// it has none; a plain point needs no word.
func geometryText(d *data.Details) string {
	switch d.Geometry {
	case layer.Point:
		return ""
	case layer.NoGeometry:
		return "None: the feature has no place on the map"
	case layer.LineString:
		return "Line"
	case layer.MultiLineString:
		return "Lines"
	case layer.MultiPoint:
		return "Points"
	case layer.MultiPolygon:
		return "Polygons"
	case layer.Collection:
		return "Collection of shapes"
	}
	return d.Geometry.String()
}

// distanceText is a length in metres as km (or m under 1 km).
func distanceText(m float64) string {
	if m < 1000 {
		return fmt.Sprintf("%.0f m", m)
	}
	return fmt.Sprintf("%s km", number(m/1000))
}

// areaText is an area in square metres as km² (or ha under 1 km²).
func areaText(m2 float64) string {
	if m2 < 1e6 {
		return fmt.Sprintf("%s ha", number(m2/1e4))
	}
	return fmt.Sprintf("%s km²", number(m2/1e6))
}

// number shows a measure with three significant digits, and thousands
// separated: 1,234 or 12.3.
func number(v float64) string {
	switch {
	case v >= 1000:
		return data.Thousands(int(math.Round(v)))
	case v >= 100:
		return fmt.Sprintf("%.0f", v)
	case v >= 10:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.2f", v)
}
