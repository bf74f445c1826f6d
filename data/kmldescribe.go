package data

import (
	"strings"

	"github.com/lodemap/lodemap/geo/export/kml"
	"github.com/lodemap/lodemap/geo/layer"
)

// DescribeKML is a feature's attributes and description for a KML export
// (kml.Describer): its own properties, and after its description what the
// sources say of it, each excerpt quoted exactly with its article's
// title, outlet, date and address, as the details panel shows them. It
// reads only what loading made, never the layers that adding a file
// changes, so an export may call it off the UI thread.
func (c *Catalog) DescribeKML(l *layer.Layer, i int) ([]kml.KV, string, error) {
	attrs, desc, err := kml.Attributes(l, i)
	var b strings.Builder
	b.WriteString(desc)
	var quoted []*Excerpt
	if own, ok := c.byID[l.IDs[i]]; ok && own.Layer == l && own.Index == i {
		quoted = c.excerpts[l.IDs[i]]
	}
	for _, e := range quoted {
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString("“" + e.Quote + "”\n— " + e.Article.Title)
		if by := e.Article.Byline(); by != "" {
			b.WriteString(", " + by)
		}
		if e.Article.URL != "" {
			b.WriteString("\n" + e.Article.URL)
		}
	}
	return attrs, b.String(), err
}
