package data

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/paulmach/orb"
)

// coords is a GeoJSON "coordinates" member as read, kept until the
// geometry's type (which may come later in the object) is known: a Point's
// position inline, anything deeper in a coordList. Positions keep their
// first two numbers; an altitude and further numbers are read and dropped.
type coords struct {
	depth int       // 1 a position, 2 a list of them, ... ; 0 empty or null
	first orb.Point // the first position
	more  *coordList
	set   bool // the member was there
}

// coordList is every position of a geometry in order and where each
// nested list ends: ends[0] in pts, ends[1] in ends[0], ends[2] in ends[1].
// err is what RFC 7946 forbids in them, said when the geometry is built:
// an error returned from UnmarshalJSON would stop the decoder before the
// feature's properties.
type coordList struct {
	pts  []orb.Point
	ends [3][]int
	err  error
}

// fault is what is wrong with the coordinates, or nil.
func (c *coords) fault() error {
	if c.more == nil {
		return nil
	}
	return c.more.err
}

// UnmarshalJSON is part of json.Unmarshaler; both the fast and the
// careful reader call it. A Point's position is kept without allocating.
func (c *coords) UnmarshalJSON(b []byte) error {
	*c = coords{set: true}
	p := coordParser{b: b}
	p.ws()
	if pt, ok := p.point(); ok {
		c.depth, c.first = 1, pt
		return nil
	}
	if p.i < len(b) && b[p.i] == 'n' {
		c.more = &coordList{err: errNotList} // null: not a list
		return nil
	}
	var cl coordList
	d, err := p.value(&cl)
	c.more = &coordList{pts: slices.Clone(cl.pts), ends: cl.ends, err: err}
	if err == nil {
		c.depth = d
	}
	if len(cl.pts) > 0 {
		c.first = cl.pts[0]
	}
	return nil
}

// coordParser reads nested arrays of numbers.
type coordParser struct {
	b []byte
	i int
}

var errNotList = errors.New("coordinates must be a list of numbers or of lists")

func (p *coordParser) ws() {
	for p.i < len(p.b) && (p.b[p.i] == ' ' || p.b[p.i] == '\n' || p.b[p.i] == '\r' || p.b[p.i] == '\t') {
		p.i++
	}
}

// point reads a Point's position, [lon, lat] with perhaps more numbers,
// without allocating; ok is false for anything else, which value reads.
func (p *coordParser) point() (orb.Point, bool) {
	q := *p
	if q.i >= len(q.b) || q.b[q.i] != '[' {
		return orb.Point{}, false
	}
	q.i++
	var xy orb.Point
	for n := 0; ; n++ {
		q.ws()
		start := q.i
		for q.i < len(q.b) && q.b[q.i] != ',' && q.b[q.i] != ']' && q.b[q.i] > ' ' {
			q.i++
		}
		v, err := strconv.ParseFloat(string(q.b[start:q.i]), 64)
		if err != nil {
			return orb.Point{}, false
		}
		if n < 2 {
			xy[n] = v
		}
		q.ws()
		if q.i < len(q.b) && q.b[q.i] == ']' {
			return xy, n >= 1
		}
		if q.i >= len(q.b) || q.b[q.i] != ',' {
			return orb.Point{}, false
		}
		q.i++
	}
}

// value reads one list and returns its depth: 1 for a position; 0 for an
// empty list.
func (p *coordParser) value(c *coordList) (int, error) {
	if p.i >= len(p.b) || p.b[p.i] != '[' {
		return 0, errNotList
	}
	p.i++
	p.ws()
	if p.i < len(p.b) && p.b[p.i] == ']' {
		p.i++
		return 0, nil
	}
	if p.i < len(p.b) && p.b[p.i] != '[' {
		return 1, p.position(c)
	}
	depth := -1
	for {
		d, err := p.value(c)
		if err != nil {
			return 0, err
		}
		if depth >= 0 && d != depth {
			return 0, errors.New("coordinates mix lists of different depths")
		}
		depth = d
		if depth > 3 {
			return 0, errors.New("coordinates are nested too deep for any geometry")
		}
		p.ws()
		if p.i < len(p.b) && p.b[p.i] == ',' {
			p.i++
			p.ws()
			continue
		}
		if p.i < len(p.b) && p.b[p.i] == ']' {
			p.i++
			if depth == 0 {
				return 0, errors.New("coordinates hold an empty list where positions belong")
			}
			// This list of depth+1 ends here.
			n := len(c.pts)
			if depth > 1 {
				n = len(c.ends[depth-2])
			}
			c.ends[depth-1] = append(c.ends[depth-1], n)
			return depth + 1, nil
		}
		return 0, errNotList
	}
}

// position reads the numbers of one position, just past its '['.
func (p *coordParser) position(c *coordList) error {
	var xy [2]float64
	n := 0
	for {
		p.ws()
		start := p.i
		for p.i < len(p.b) && p.b[p.i] != ',' && p.b[p.i] != ']' && p.b[p.i] != ' ' && p.b[p.i] != '\n' && p.b[p.i] != '\r' && p.b[p.i] != '\t' {
			p.i++
		}
		v, err := strconv.ParseFloat(string(p.b[start:p.i]), 64)
		if err != nil || start == p.i {
			return fmt.Errorf("a position holds %s, not a number", quoteShort(p.b[start:p.i]))
		}
		if n < 2 {
			xy[n] = v
		}
		n++
		p.ws()
		if p.i < len(p.b) && p.b[p.i] == ',' {
			p.i++
			continue
		}
		if p.i < len(p.b) && p.b[p.i] == ']' {
			p.i++
			break
		}
		return errNotList
	}
	if n < 2 {
		return errors.New("a position has one number; it needs longitude and latitude")
	}
	c.pts = append(c.pts, orb.Point(xy))
	return nil
}

// quoteShort quotes at most 20 bytes of b for a message.
func quoteShort(b []byte) string {
	if len(b) == 0 {
		return "nothing"
	}
	if len(b) > 20 {
		return strconv.Quote(string(b[:20]) + "…")
	}
	return strconv.Quote(string(b))
}

// spans splits ends-delimited runs: the k-th span of items is
// items[ends[k-1]:ends[k]].
func spans(ends []int) [][2]int {
	out := make([][2]int, len(ends))
	prev := 0
	for k, e := range ends {
		out[k] = [2]int{prev, e}
		prev = e
	}
	return out
}

// bbox is a bbox member: RFC 7946 wants 2n numbers for n dimensions, the
// lows then the highs. bad says it is not that.
type bbox struct{ bad bool }

// UnmarshalJSON is part of json.Unmarshaler.
func (bb *bbox) UnmarshalJSON(b []byte) error {
	var nums []float64
	bb.bad = json.Unmarshal(b, &nums) != nil || (len(nums) != 4 && len(nums) != 6)
	return nil
}
