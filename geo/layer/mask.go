package layer

import "math/bits"

// Mask says which of a layer's features a filter lets through. A nil
// Mask lets every feature through.
type Mask struct {
	bits   []uint64
	n      int
	count  int
	serial uint64
}

// NewMask makes the mask of n features that keep lets through.
func NewMask(n int, keep func(i int) bool) *Mask {
	m := &Mask{bits: make([]uint64, (n+63)/64), n: n, serial: serials.Add(1)}
	for i := range n {
		if keep(i) {
			m.bits[i>>6] |= 1 << (i & 63)
			m.count++
		}
	}
	return m
}

// Has reports whether feature i is let through.
func (m *Mask) Has(i int) bool {
	return m == nil || (i >= 0 && i < m.n && m.bits[i>>6]&(1<<(i&63)) != 0)
}

// Count is how many features are let through, of n when the mask is nil.
func (m *Mask) Count(n int) int {
	if m == nil {
		return n
	}
	return m.count
}

// Serial tells masks apart: two masks made separately have different
// serials, so a cache of what was drawn through one is not used for the
// other. A nil mask's is 0.
func (m *Mask) Serial() uint64 {
	if m == nil {
		return 0
	}
	return m.serial
}

// And is the mask of the features both m and o let through (of the same
// layer); a nil mask lets every feature through.
func (m *Mask) And(o *Mask) *Mask {
	switch {
	case m == nil:
		return o
	case o == nil:
		return m
	}
	out := &Mask{bits: make([]uint64, len(m.bits)), n: m.n, serial: serials.Add(1)}
	for k := range out.bits {
		if k < len(o.bits) {
			out.bits[k] = m.bits[k] & o.bits[k]
			out.count += bits.OnesCount64(out.bits[k])
		}
	}
	return out
}

// AndAll is, by layer id, the masks of a and b together (And).
func AndAll(a, b map[string]*Mask) map[string]*Mask {
	if len(a) == 0 {
		return b
	}
	if len(b) == 0 {
		return a
	}
	out := make(map[string]*Mask, len(a)+len(b))
	for id, m := range a {
		out[id] = m.And(b[id])
	}
	for id, m := range b {
		if _, ok := a[id]; !ok {
			out[id] = m
		}
	}
	return out
}
