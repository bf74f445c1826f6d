package data

import "unsafe"

// interner keeps one copy of each text that repeats from feature to
// feature, such as kinds and statuses. A layer has a handful of them, so
// the first few are compared in turn, which is quicker than hashing; a map
// takes over past those.
type interner struct {
	few  []string
	many map[string]string
}

// internFew is how many texts an interner compares in turn.
const internFew = 16

// of returns the kept copy of s, keeping s if it is new.
func (in *interner) of(s string) string { return intern(in, s) }

// bytes is of for text still in bytes: it is copied only when new.
func (in *interner) bytes(b []byte) string { return intern(in, b) }

func intern[T string | []byte](in *interner, t T) string {
	for _, s := range in.few {
		if s == string(t) {
			return s
		}
	}
	if v, ok := in.many[string(t)]; ok {
		return v
	}
	s := string(t)
	if len(in.few) < internFew {
		in.few = append(in.few, s)
		return s
	}
	if in.many == nil {
		in.many = map[string]string{}
	}
	in.many[s] = s
	return s
}

// texts makes strings of the ids and names a batch of features reads,
// copying their bytes into shared blocks instead of allocating each: a
// million features' texts are then a few thousand allocations, not two
// million. A block is never written again where a string already lies,
// so the strings stay immutable, as strings.Builder's do.
type texts struct{ block []byte }

// textBlock is the size of a texts block; a longer text gets its own.
const textBlock = 64 << 10

// of returns b as a string.
func (t *texts) of(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > cap(t.block)-len(t.block) {
		if len(b) > textBlock/8 {
			return string(b)
		}
		t.block = make([]byte, 0, textBlock)
	}
	start := len(t.block)
	t.block = append(t.block, b...)
	return unsafe.String(&t.block[start], len(b))
}
