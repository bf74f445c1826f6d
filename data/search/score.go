package search

// scores are the documents a query matches, with how well. Every query
// word must match some word of a document; a document's score is the sum
// over the query's words of their best match in it.
type scores struct {
	score []uint16 // the sum so far
	cur   []uint8  // the current query word's best match
	seen  []uint8  // how many query words matched so far
}

// matchScore is what a match of quality counts; in the name or id it
// counts more.
func matchScore(quality uint8, primary bool) uint8 {
	s := quality * 2
	if primary {
		s += 3
	}
	return s
}

// run scores w's documents against the query's words (at most 254).
func (s *scores) run(w *words, query []string) {
	n := w.docs
	s.score = resize(s.score, n)
	s.cur = resize(s.cur, n)
	s.seen = resize(s.seen, n)
	for k, q := range query {
		k := uint8(k)
		w.each(q, func(t int, quality uint8) {
			for _, p := range w.postings(t) {
				d := p >> 1
				v := matchScore(quality, p&1 == 1)
				switch s.seen[d] {
				case k: // the first match of this word
					s.seen[d] = k + 1
					s.cur[d] = v
					s.score[d] += uint16(v)
				case k + 1: // a better one?
					if v > s.cur[d] {
						s.score[d] += uint16(v - s.cur[d])
						s.cur[d] = v
					}
				}
			}
		})
	}
}

// matched reports whether document d matched every one of n query words.
func (s *scores) matched(d, n int) bool { return int(s.seen[d]) == n }

// resize returns a zeroed slice of n, reusing s's memory.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}
