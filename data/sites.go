package data

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/lodemap/lodemap/geo/layer"
)

// Ref locates a feature: its layer and its index there.
type Ref struct {
	Layer *layer.Layer
	Index int
}

// ID is the feature's id.
func (r Ref) ID() string { return r.Layer.IDs[r.Index] }

// Site is the feature's identity: its layer's id and its index.
func (r Ref) Site() layer.Site { return r.Layer.Site(r.Index) }

// Ref finds the feature a Site names, in the dataset's layers or in one
// added beside them.
func (c *Catalog) Ref(s layer.Site) (Ref, bool) {
	for _, l := range c.Layers {
		if l.ID == s.Layer {
			if s.Index < 0 || s.Index >= l.Len() {
				return Ref{}, false
			}
			return Ref{Layer: l, Index: s.Index}, true
		}
	}
	return Ref{}, false
}

// Feature finds one of the dataset's own features by its id, the id that
// article excerpts link by. Features of added layers are found by Site
// (see Ref).
func (c *Catalog) Feature(id string) (Ref, bool) {
	r, ok := c.byID[id]
	return r, ok
}

// FindID finds a feature by its id: the dataset's own, else the first
// added layer's of that id (IndexLayer made ids unique in each), so that a
// command line can name any feature shown.
func (c *Catalog) FindID(id string) (Ref, bool) {
	if r, ok := c.byID[id]; ok {
		return r, true
	}
	for _, l := range c.attached {
		if i := l.Index(id); i >= 0 {
			return Ref{Layer: l, Index: i}, true
		}
	}
	return Ref{}, false
}

// Excerpts returns the excerpts linked to a site, in article order: those
// of the dataset feature the site is. A feature of an added layer has none,
// even when its id is also a dataset feature's.
func (c *Catalog) Excerpts(s layer.Site) []*Excerpt {
	r, ok := c.Ref(s)
	if !ok {
		return nil
	}
	id := r.ID()
	if own, ok := c.byID[id]; !ok || own != r {
		return nil
	}
	return c.excerpts[id]
}

// LayerIndex is a layer to add beside a dataset, its ids made unique
// within it, built off the UI thread by IndexLayer.
type LayerIndex struct {
	layer   *layer.Layer
	renamed int
	probs   Problems
}

// IndexLayer prepares an added layer for the catalog. Ids that repeat in
// the layer are renamed in file order (the second "626" becomes "626-2",
// the third "626-3", skipping names the layer already uses) and reported
// once, with their count, in Problems. Call it before the layer is shared
// with other goroutines: it replaces the layer's id column.
func IndexLayer(l *layer.Layer) *LayerIndex {
	ix := &LayerIndex{layer: l}
	taken := make(map[string]int, l.Len()) // id -> how often it was seen
	for _, id := range l.IDs {
		taken[id]++
	}
	if len(taken) == l.Len() {
		return ix
	}
	ids := slices.Clone(l.IDs)
	seen := make(map[string]int, l.Len()-len(taken))
	for i, id := range ids {
		if taken[id] == 1 {
			continue
		}
		seen[id]++
		if seen[id] == 1 {
			continue // the first keeps its id
		}
		name := id
		for n := seen[id]; taken[name] > 0; n++ {
			name = id + "-" + strconv.Itoa(n)
			seen[id] = n
		}
		taken[name] = 1
		ids[i] = name
		ix.renamed++
	}
	l.IDs = ids
	ix.probs = Problems{{File: l.File, Msg: fmt.Sprintf("ids repeat: %s features share an id with an earlier one; they were numbered id-2, id-3, ... in file order",
		Thousands(ix.renamed))}}
	return ix
}

// Layer is the indexed layer.
func (ix *LayerIndex) Layer() *layer.Layer { return ix.layer }

// Duplicates is how many of the layer's features repeated an earlier id.
func (ix *LayerIndex) Duplicates() int { return ix.renamed }

// Problems reports the repeated ids, once for the layer.
func (ix *LayerIndex) Problems() Problems { return ix.probs }

// Attach adds an indexed layer to the catalog, replacing an added layer of
// the same id. Call it where the catalog is read (the UI thread).
func (c *Catalog) Attach(ix *LayerIndex) {
	for j, a := range c.attached {
		if a.ID == ix.layer.ID {
			c.attached[j] = ix.layer
			for i, l := range c.Layers {
				if l.ID == ix.layer.ID {
					c.Layers[i] = ix.layer
				}
			}
			return
		}
	}
	c.Layers = append(c.Layers, ix.layer)
	c.attached = append(c.attached, ix.layer)
}

// Thousands formats n with commas: 7123 is "7,123".
func Thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// QuoteDates gives, for each of the dataset's features that the articles
// quote, the dates of those articles. Like QuoteCounts it reads only what
// loading made, so it is safe on any goroutine.
func (c *Catalog) QuoteDates() map[layer.Site][]string {
	out := make(map[layer.Site][]string, len(c.excerpts))
	for id, es := range c.excerpts {
		if r, ok := c.byID[id]; ok {
			for _, e := range es {
				out[r.Layer.Site(r.Index)] = append(out[r.Layer.Site(r.Index)], e.Article.Date)
			}
		}
	}
	return out
}

// QuoteCounts says, for each of the dataset's features that the articles
// quote, how many excerpts do. It reads only what the dataset loaded,
// which nothing changes after, so the result may be kept and used on any
// goroutine.
func (c *Catalog) QuoteCounts() map[layer.Site]int {
	out := make(map[layer.Site]int, len(c.excerpts))
	for id, es := range c.excerpts {
		if r, ok := c.byID[id]; ok {
			out[r.Layer.Site(r.Index)] += len(es)
		}
	}
	return out
}

// Added reports whether a layer was added beside the dataset (Attach), and
// so may be taken off again.
func (c *Catalog) Added(id string) bool {
	for _, l := range c.attached {
		if l.ID == id {
			return true
		}
	}
	return false
}

// Detach takes an added layer off the catalog, and reports whether there
// was one of that id. The dataset's own layers stay.
func (c *Catalog) Detach(id string) bool {
	i := slices.IndexFunc(c.attached, func(l *layer.Layer) bool { return l.ID == id })
	if i < 0 {
		return false
	}
	c.attached = slices.Delete(c.attached, i, i+1)
	c.Layers = slices.DeleteFunc(c.Layers, func(l *layer.Layer) bool { return l.ID == id })
	return true
}
