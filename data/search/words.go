package search

import (
	"cmp"
	"context"
	"slices"
	"sort"
	"strings"
)

// words is the index of one set of documents (a layer's features, or the
// articles): every word they hold, in order, and for each word the
// documents holding it.
type words struct {
	terms []string // folded words, sorted, unique
	offs  []uint32 // the postings of terms[i] are post[offs[i]:offs[i+1]]
	// post holds doc<<1, with the low bit set when the word is in the
	// document's name or id (its primary text).
	post []uint32
	// typo lists the terms with a letter in them, which a query word a
	// typo away may match.
	typo []int32
	docs int
}

// builder collects (word, document) pairs for a words index.
type builder struct {
	ids   map[string]uint32
	terms []string
	tids  []uint32
	posts []uint32
}

func newBuilder() *builder { return &builder{ids: map[string]uint32{}} }

// add indexes text (unfolded) as held by document doc.
func (b *builder) add(doc int, text string, primary bool) {
	if text == "" {
		return
	}
	p := uint32(doc) << 1
	if primary {
		p |= 1
	}
	for _, w := range Words(Fold(text)) {
		id, ok := b.ids[w]
		if !ok {
			id = uint32(len(b.terms))
			b.ids[w] = id
			b.terms = append(b.terms, strings.Clone(w))
		}
		b.tids, b.posts = append(b.tids, id), append(b.posts, p)
	}
}

// build sorts the words and groups the postings by word; it gives up when
// ctx ends.
func (b *builder) build(ctx context.Context, docs int) (*words, error) {
	order := make([]uint32, len(b.terms))
	for i := range order {
		order[i] = uint32(i)
	}
	slices.SortFunc(order, func(x, y uint32) int { return cmp.Compare(b.terms[x], b.terms[y]) })
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	rank := make([]uint32, len(order))
	w := &words{terms: make([]string, len(order)), offs: make([]uint32, len(order)+1), docs: docs}
	for r, id := range order {
		rank[id] = uint32(r)
		w.terms[r] = b.terms[id]
		if hasLetter(w.terms[r]) {
			w.typo = append(w.typo, int32(r))
		}
	}
	// A counting sort of the postings by their term's rank, keeping the
	// documents' order within a term.
	for _, id := range b.tids {
		w.offs[rank[id]+1]++
	}
	for i := 1; i < len(w.offs); i++ {
		w.offs[i] += w.offs[i-1]
	}
	w.post = make([]uint32, len(b.posts))
	next := slices.Clone(w.offs[:len(order)])
	for k, id := range b.tids {
		r := rank[id]
		w.post[next[r]] = b.posts[k]
		next[r]++
	}
	return w, ctx.Err()
}

// Match qualities of a query word against a term, best last.
const (
	noMatch = iota
	typoMatch
	prefixMatch
	exactMatch
)

// minTypo is how many bytes a query word needs before a typo is allowed.
const minTypo = 4

// each calls f for every term q matches, with the match's quality.
func (w *words) each(q string, f func(term int, quality uint8)) {
	start := sort.SearchStrings(w.terms, q)
	end := start
	for end < len(w.terms) && strings.HasPrefix(w.terms[end], q) {
		quality := uint8(prefixMatch)
		if len(w.terms[end]) == len(q) {
			quality = exactMatch
		}
		f(end, quality)
		end++
	}
	if len(q) < minTypo || !hasLetter(q) {
		return
	}
	for _, t := range w.typo {
		if int(t) >= start && int(t) < end {
			continue // matched as a prefix
		}
		if typoPrefix(q, w.terms[t]) {
			f(int(t), typoMatch)
		}
	}
}

// postings are the documents (doc<<1 | primary) holding term t.
func (w *words) postings(t int) []uint32 { return w.post[w.offs[t]:w.offs[t+1]] }

// typoPrefix reports whether term begins with q but for one typo: a letter
// changed, added or left out, or two neighbours swapped. It compares
// bytes, which folded Latin text is.
func typoPrefix(q, term string) bool {
	i := 0
	for i < len(q) && i < len(term) && q[i] == term[i] {
		i++
	}
	if i == len(q) {
		return true // a plain prefix
	}
	if i == len(term) {
		return len(q) == len(term)+1 // the last letter is one too many
	}
	rest, trest := q[i+1:], term[i+1:]
	return strings.HasPrefix(trest, rest) || // changed
		strings.HasPrefix(term[i:], rest) || // one too many in q
		strings.HasPrefix(trest, q[i:]) || // left out of q
		(i+1 < len(q) && i+1 < len(term) && q[i] == term[i+1] && q[i+1] == term[i] && strings.HasPrefix(term[i+2:], q[i+2:])) // swapped
}
