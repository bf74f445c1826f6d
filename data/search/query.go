package search

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/geo/layer"
)

// Site is a feature a search found.
type Site struct {
	Layer *layer.Layer
	Index int
	Score int
}

// Name is the feature's name.
func (s Site) Name() string { return s.Layer.Names[s.Index] }

// ID is the feature's id.
func (s Site) ID() string { return s.Layer.IDs[s.Index] }

// Article is an article a search found, with the excerpt that matched
// (nil when only its title or outlet did).
type Article struct {
	Article *data.Article
	Excerpt *data.Excerpt
	Score   int
}

// Results are what a search found, best first.
type Results struct {
	Sites    []Site
	Articles []Article
	// TotalSites counts every feature found; Sites holds the best of them.
	TotalSites int
	// Partial names the layers whose attributes were not searched (larger
	// than PropertiesUpTo): only their ids, names and kinds were.
	Partial []string
}

// Search finds the features and articles every word of query matches (a
// word matches a word of the text it begins, or one a typo away), at most
// limit features, best first: better matches, then matches in names and
// ids, then the dataset's layers before added ones, then features quoted
// by more excerpts, then shorter names. Only the features filter lets
// through (by layer id; nil: all) are found.
func (ix *Index) Search(query string, limit int, filter map[string]*layer.Mask) Results {
	q := Words(Fold(query))
	if len(q) > 254 {
		q = q[:254]
	}
	var r Results
	if len(q) == 0 {
		return r
	}
	for _, lw := range ix.layers {
		found := ix.searchLayer(lw, q, limit, filter[lw.layer.ID])
		r.TotalSites += found.total
		r.Sites = append(r.Sites, found.sites...)
		if !lw.full {
			r.Partial = append(r.Partial, lw.layer.Title)
		}
	}
	slices.SortStableFunc(r.Sites, ix.better)
	r.Sites = r.Sites[:min(len(r.Sites), limit)]
	r.Articles = ix.searchArticles(q)
	return r
}

// better orders two hits best first. Layers were searched in rank order
// and the sort is stable, so among equals the dataset's come first.
func (ix *Index) better(a, b Site) int {
	if c := cmp.Compare(b.Score, a.Score); c != 0 {
		return c
	}
	ea, eb := ix.quoted[a.Layer.Site(a.Index)], ix.quoted[b.Layer.Site(b.Index)]
	if c := cmp.Compare(eb, ea); c != 0 {
		return c
	}
	return cmp.Compare(len(a.Name()), len(b.Name()))
}

// scratch keeps the score arrays between searches.
var scratch = sync.Pool{New: func() any { return new(scores) }}

type layerFound struct {
	sites []Site
	total int
}

// searchLayer scores one layer's features and keeps its best limit.
func (ix *Index) searchLayer(lw *layerWords, q []string, limit int, mask *layer.Mask) layerFound {
	s := scratch.Get().(*scores)
	defer scratch.Put(s)
	s.run(lw.words, q)
	var f layerFound
	// A running floor: once limit hits are held, a hit must beat the
	// worst of them; the held ones are sorted only at the end.
	floor := 0
	for d := range lw.words.docs {
		if !s.matched(d, len(q)) || !mask.Has(d) {
			continue
		}
		f.total++
		sc := int(s.score[d])
		if len(f.sites) >= limit && sc <= floor {
			continue
		}
		f.sites = append(f.sites, Site{Layer: lw.layer, Index: d, Score: sc})
		if len(f.sites) >= 4*limit { // trim, so a common word costs no more
			slices.SortStableFunc(f.sites, ix.better)
			f.sites = f.sites[:limit]
			floor = f.sites[limit-1].Score
		}
	}
	return f
}

// searchArticles finds the articles every query word matches in their
// title, outlet or excerpts, best first, each with its first excerpt that
// mentions the first query word.
func (ix *Index) searchArticles(q []string) []Article {
	if ix.articles == nil {
		return nil
	}
	s := new(scores)
	s.run(ix.articles, q)
	var out []Article
	for d := range ix.articles.docs {
		if !s.matched(d, len(q)) {
			continue
		}
		a := ix.arts[d]
		hit := Article{Article: a, Score: int(s.score[d])}
		for i := range a.Excerpts {
			if e := &a.Excerpts[i]; mentions(e.Quote, q[0]) {
				hit.Excerpt = e
				break
			}
		}
		out = append(out, hit)
	}
	slices.SortStableFunc(out, func(a, b Article) int { return cmp.Compare(b.Score, a.Score) })
	return out
}

// mentions reports whether text has a word that begins with word (folded).
func mentions(text, word string) bool {
	for _, w := range Words(Fold(text)) {
		if strings.HasPrefix(w, word) {
			return true
		}
	}
	return false
}
