package data

import (
	"encoding/json"

	"github.com/lodemap/lodemap/geo/layer"
)

// LabelPriority ranks the labels of the dataset's own sites, for
// render.Input: by a site's `priority` attribute (a number; higher first),
// then by how many excerpts quote it, so the site a story is about keeps
// its label where markers crowd. Sites with neither, and the features of
// added layers, are not listed: their labels go by kind. The attribute is
// read in layers of up to priorityUpTo features; a larger layer's records
// are not all read back for it.
func (c *Catalog) LabelPriority() map[layer.Site]int {
	out := c.QuoteCounts()
	for _, l := range c.Layers {
		if l.Len() > priorityUpTo {
			continue
		}
		for i := range l.Len() {
			if p := priority(l, i); p != 0 {
				out[l.Site(i)] += 1000 * p
			}
		}
	}
	return out
}

// priorityUpTo is the size of the largest layer whose `priority`
// attributes are read.
const priorityUpTo = 50_000

// priority is feature i's `priority` attribute, 0 when it has none.
func priority(l *layer.Layer, i int) int {
	raw, err := l.Properties(i)
	if err != nil {
		return 0
	}
	var v struct {
		Priority float64 `json:"priority"`
	}
	if json.Unmarshal(raw, &v) != nil {
		return 0
	}
	return int(v.Priority)
}
