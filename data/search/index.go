package search

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/geo/layer"
)

// PropertiesUpTo is the size of the largest layer whose attributes are all
// indexed. A larger layer is indexed by its features' ids, names and kinds
// only: reading a million records back from their file for every
// attribute would take the index past its budget of time and memory.
const PropertiesUpTo = 200_000

// Index finds the features of a set of layers and the articles of a
// catalog. It is immutable, so a search may run on any goroutine: With and
// Without return new indexes that share the unchanged parts.
type Index struct {
	articles *words
	arts     []*data.Article
	quoted   map[layer.Site]int // excerpts quoting each dataset site
	layers   []*layerWords      // in the order results are ranked: the dataset's first
}

// layerWords are one layer's words.
type layerWords struct {
	layer *layer.Layer
	words *words
	// full says whether every attribute is indexed, not only ids, names
	// and kinds.
	full bool
}

// New indexes a catalog's layers (those added beside it included) and its
// articles; ctx ends the work.
func New(ctx context.Context, cat *data.Catalog) (*Index, error) {
	ix, err := Articles(ctx, cat)
	for _, l := range cat.Layers {
		if err != nil {
			return nil, err
		}
		ix, err = ix.With(ctx, l)
	}
	return ix, err
}

// Articles indexes a catalog's articles and keeps how often they quote
// each site, for ranking, with no layers yet (With adds them). It is
// quick, and what it keeps of the catalog is what loading it made, which
// nothing changes after: the index never reads the catalog again, so
// layers may be indexed and searched on other goroutines while the
// catalog gains and loses added layers.
func Articles(ctx context.Context, cat *data.Catalog) (*Index, error) {
	ix := &Index{arts: slices.Clone(cat.Articles), quoted: cat.QuoteCounts()}
	b := newBuilder()
	for i, a := range ix.arts {
		b.add(i, a.Title, true)
		b.add(i, a.Outlet, false)
		for _, e := range a.Excerpts {
			b.add(i, e.Quote, false)
		}
	}
	var err error
	ix.articles, err = b.build(ctx, len(ix.arts))
	return ix, err
}

// With returns an index that also finds l's features, ranked after those
// already indexed.
func (ix *Index) With(ctx context.Context, l *layer.Layer) (*Index, error) {
	lw, err := indexLayer(ctx, l)
	if err != nil {
		return nil, err
	}
	out := *ix
	out.layers = append(ix.layers[:len(ix.layers):len(ix.layers)], lw)
	return &out, nil
}

// Without returns an index that no longer finds the features of the layer
// of that id.
func (ix *Index) Without(id string) *Index {
	out := *ix
	out.layers = nil
	for _, lw := range ix.layers {
		if lw.layer.ID != id {
			out.layers = append(out.layers, lw)
		}
	}
	return &out
}

// indexLayer indexes a layer's features: ids and names as their primary
// text, kinds, and for a layer of up to PropertiesUpTo features the text of
// every attribute.
func indexLayer(ctx context.Context, l *layer.Layer) (*layerWords, error) {
	b := newBuilder()
	full := l.Len() <= PropertiesUpTo && l.Decoder != nil
	var texts []string
	for i := range l.Len() {
		if i%4096 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		b.add(i, l.IDs[i], true)
		if l.Names[i] != l.IDs[i] {
			b.add(i, l.Names[i], true)
		}
		b.add(i, l.Kinds[i], false)
		if !full {
			continue
		}
		texts = texts[:0]
		if props, err := l.Properties(i); err == nil {
			texts = attributeTexts(props, texts)
		}
		for _, t := range texts {
			b.add(i, t, false)
		}
	}
	w, err := b.build(ctx, l.Len())
	if err != nil {
		return nil, fmt.Errorf("search: indexing %s: %w", l.Title, err)
	}
	return &layerWords{layer: l, words: w, full: full}, nil
}

// skipped are the attributes whose text is not searched: the id and name
// are indexed already, and sources are links.
var skipped = map[string]bool{"id": true, "name": true, "sources": true, "coord_source": true}

// attributeTexts appends the text values of a feature's attributes (in
// arrays and objects too), leaving links out.
func attributeTexts(props []byte, out []string) []string {
	var obj map[string]any
	if json.Unmarshal(props, &obj) != nil {
		return out
	}
	for k, v := range obj {
		if !skipped[k] {
			out = texts(v, out)
		}
	}
	return out
}

func texts(v any, out []string) []string {
	switch v := v.(type) {
	case string:
		if !strings.HasPrefix(v, "http://") && !strings.HasPrefix(v, "https://") {
			out = append(out, v)
		}
	case []any:
		for _, e := range v {
			out = texts(e, out)
		}
	case map[string]any:
		for k, e := range v {
			if k != "source" {
				out = texts(e, out)
			}
		}
	}
	return out
}
