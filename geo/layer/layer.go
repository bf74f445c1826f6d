// Package layer holds a layer as columns: ids, names, kinds and statuses in
// slices, each feature's anchor point as lon/lat and as Web Mercator unit
// coordinates projected once at load, lines and polygons as parts over
// shared unit coordinate arrays, and where each feature's source record
// (a GeoJSON Feature, a CSV row) lies, so that every attribute stays
// available without a map per feature: records are read back on demand, from
// memory for small files and from the file itself for large ones.
package layer

import (
	"errors"
	"fmt"
	"io"
	"sync/atomic"

	"github.com/lodemap/lodemap/geo/style"
	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

// Layer is one named set of features stored as columns.
type Layer struct {
	ID    string // stable id, the file name without extension
	Title string // shown in the layer panel
	File  string // where it was read from
	Order int    // place in the layer list (lower first), then by file name
	// CRS names the coordinate system the file's coordinates were in
	// ("EPSG:5254"), when a reader reprojected them to WGS 84; "" for
	// lon/lat on WGS 84.
	CRS string
	// Style is the style the file states for the layer, if any.
	Style style.Spec
	// Decoder turns a record into its properties; the reader that made the
	// layer sets it, so no one else needs to know the file's format.
	Decoder Decoder

	IDs    []string
	Names  []string
	Kinds  []string
	Status []string
	LonLat []orb.Point
	Unit   []orb.Point // Web Mercator unit coordinates of LonLat
	Lines  []int       // line of each feature in File, for messages
	// KindCodes numbers each feature's kind, in the order kinds first
	// appear; KindNames[code] is the kind. Past MaxKindCodes kinds, the
	// others share the last code. Drawing counts kinds in arrays by code.
	KindCodes []uint8
	KindNames []string

	recOff []int64
	recLen []int32
	arena  []byte      // records added with Add
	src    io.ReaderAt // records added with AddAt
	serial uint64      // see Revision
	kindOf map[string]uint8
	geom   *geom // lines and polygons; nil while every feature is a point
}

// MaxKindCodes is how many kinds KindCodes tells apart.
const MaxKindCodes = 16

// Decoder turns one of a layer's records (a GeoJSON Feature, a CSV row, a
// FlatGeobuf properties buffer) into the feature's properties as a JSON
// object.
type Decoder interface {
	Properties(record []byte) ([]byte, error)
}

// Properties returns feature i's properties as a JSON object, decoded from
// its record by the layer's Decoder.
func (l *Layer) Properties(i int) ([]byte, error) {
	if l.Decoder == nil {
		return nil, fmt.Errorf("layer: %s: no decoder for its records", l.File)
	}
	rec, err := l.Record(i)
	if err != nil {
		return nil, err
	}
	return l.Decoder.Properties(rec)
}

// Site identifies one feature: the id of its layer (unique among the
// layers shown) and the feature's index there. Record ids can repeat within
// a file; a Site cannot, so selection, hover and highlight use Sites. The
// zero Site is no feature.
type Site struct {
	Layer string
	Index int
}

// IsZero reports whether s is no feature.
func (s Site) IsZero() bool { return s.Layer == "" }

// Site returns feature i's Site.
func (l *Layer) Site(i int) Site { return Site{Layer: l.ID, Index: i} }

// Revision identifies what a layer holds: two layers (or snapshots of one)
// with the same Revision have the same features in the same order. Caches
// of what is drawn from a layer key on it, never on the layer's address.
type Revision struct {
	Serial uint64 // the layer's history
	Len    int    // its length in that history
}

// serials numbers layer histories: a layer takes one when its first
// feature is added, and a new one whenever a feature is removed, so a
// layer's (serial, length) pair never repeats for other contents.
var serials atomic.Uint64

// Revision returns the layer's current revision.
func (l *Layer) Revision() Revision { return Revision{Serial: l.serial, Len: l.Len()} }

// Len is the number of features.
func (l *Layer) Len() int { return len(l.IDs) }

// Add appends one feature with its record, which is copied.
func (l *Layer) Add(id, name, kind, status string, p orb.Point, record []byte, line int) {
	l.recOff = append(l.recOff, int64(len(l.arena)))
	l.recLen = append(l.recLen, int32(len(record)))
	l.arena = append(l.arena, record...)
	l.add(id, name, kind, status, p, view.ToUnit(p), line)
}

// AddAt appends one feature whose record is the n bytes at off in the
// layer's source (see SetSource).
func (l *Layer) AddAt(id, name, kind, status string, p orb.Point, off int64, n int32, line int) {
	l.AddAtUnit(id, name, kind, status, p, view.ToUnit(p), off, n, line)
}

// AddAtUnit is AddAt for a reader that has projected the point already
// (u is view.ToUnit(p)), on the goroutines that decode a file in parallel.
func (l *Layer) AddAtUnit(id, name, kind, status string, p, u orb.Point, off int64, n int32, line int) {
	l.recOff = append(l.recOff, off)
	l.recLen = append(l.recLen, n)
	l.add(id, name, kind, status, p, u, line)
}

func (l *Layer) add(id, name, kind, status string, p, u orb.Point, line int) {
	if l.serial == 0 {
		l.serial = serials.Add(1)
	}
	l.IDs = append(l.IDs, id)
	l.Names = append(l.Names, name)
	l.Kinds = append(l.Kinds, kind)
	l.Status = append(l.Status, status)
	l.LonLat = append(l.LonLat, p)
	l.Unit = append(l.Unit, u)
	l.Lines = append(l.Lines, line)
	l.KindCodes = append(l.KindCodes, l.kindCode(kind))
	if g := l.geom; g != nil {
		g.types = append(g.types, Point)
		g.spans = append(g.spans, partSpan{})
	}
}

// kindCode numbers a kind, comparing with the last feature's kind first:
// features of one kind often come together.
func (l *Layer) kindCode(kind string) uint8 {
	if n := len(l.KindCodes); n > 0 && l.KindNames[l.KindCodes[n-1]] == kind {
		return l.KindCodes[n-1]
	}
	c, ok := l.kindOf[kind]
	if ok {
		return c
	}
	if l.kindOf == nil {
		l.kindOf = map[string]uint8{}
	}
	c = uint8(min(len(l.KindNames), MaxKindCodes-1))
	if len(l.KindNames) < MaxKindCodes {
		l.KindNames = append(l.KindNames, kind)
	}
	l.kindOf[kind] = c
	return c
}

// Grow makes room for n more features, so a loader that knows about how many
// are coming does not copy the columns as they grow.
func (l *Layer) Grow(n int) {
	l.IDs = grow(l.IDs, n)
	l.Names = grow(l.Names, n)
	l.Kinds = grow(l.Kinds, n)
	l.Status = grow(l.Status, n)
	l.LonLat = grow(l.LonLat, n)
	l.Unit = grow(l.Unit, n)
	l.Lines = grow(l.Lines, n)
	l.KindCodes = grow(l.KindCodes, n)
	l.recOff = grow(l.recOff, n)
	l.recLen = grow(l.recLen, n)
}

// GrowRecords makes room for n more bytes of records added with Add, so a
// loader that can tell about how much is coming does not copy them as they
// grow.
func (l *Layer) GrowRecords(n int) { l.arena = grow(l.arena, n) }

func grow[T any](s []T, n int) []T {
	if cap(s)-len(s) >= n {
		return s
	}
	out := make([]T, len(s), len(s)+n)
	copy(out, s)
	return out
}

// SetSource sets where AddAt records are read from: the file's bytes, or the
// file itself for a large layer.
func (l *Layer) SetSource(src io.ReaderAt) { l.src = src }

// Record returns feature i's source record.
func (l *Layer) Record(i int) ([]byte, error) {
	off, n := l.recOff[i], int(l.recLen[i])
	if l.src == nil {
		return l.arena[off : off+int64(n)], nil
	}
	b := make([]byte, n)
	if _, err := l.src.ReadAt(b, off); err != nil {
		return nil, fmt.Errorf("layer: %s: record %d: %w", l.File, i, err)
	}
	return b, nil
}

// Remove deletes feature i, keeping the order of the others.
func (l *Layer) Remove(i int) {
	l.IDs = append(l.IDs[:i], l.IDs[i+1:]...)
	l.Names = append(l.Names[:i], l.Names[i+1:]...)
	l.Kinds = append(l.Kinds[:i], l.Kinds[i+1:]...)
	l.Status = append(l.Status[:i], l.Status[i+1:]...)
	l.LonLat = append(l.LonLat[:i], l.LonLat[i+1:]...)
	l.Unit = append(l.Unit[:i], l.Unit[i+1:]...)
	l.Lines = append(l.Lines[:i], l.Lines[i+1:]...)
	l.KindCodes = append(l.KindCodes[:i], l.KindCodes[i+1:]...)
	l.recOff = append(l.recOff[:i], l.recOff[i+1:]...)
	l.recLen = append(l.recLen[:i], l.recLen[i+1:]...)
	if g := l.geom; g != nil {
		g.types = append(g.types[:i], g.types[i+1:]...)
		g.spans = append(g.spans[:i], g.spans[i+1:]...)
	}
	l.serial = serials.Add(1)
}

// Snapshot returns a copy of the layer as it is now: a loader publishes
// snapshots while it appends, and a snapshot's columns never change. A
// snapshot's records cannot be read (the loader's buffer goes away); the
// finished layer's can.
func (l *Layer) Snapshot() *Layer {
	c := *l
	c.src = loading{}
	if l.geom != nil {
		g := *l.geom
		c.geom = &g
	}
	return &c
}

// loading is the record source of a snapshot.
type loading struct{}

func (loading) ReadAt([]byte, int64) (int, error) {
	return 0, errors.New("the layer is still loading")
}

// Index returns the position of the feature with the given id, or -1.
func (l *Layer) Index(id string) int {
	for i, v := range l.IDs {
		if v == id {
			return i
		}
	}
	return -1
}

// KindCounts returns how many features of each kind the layer holds, in the
// order the kinds first appear.
func (l *Layer) KindCounts() []KindCount { return l.KindCountsIn(nil) }

// KindCountsIn counts the kinds of the features m lets through, in the
// order the kinds first appear in the layer; a kind none of them has is
// not listed.
func (l *Layer) KindCountsIn(m *Mask) []KindCount {
	var out []KindCount
	pos := map[string]int{}
	for j, k := range l.Kinds {
		if !m.Has(j) {
			continue
		}
		i, ok := pos[k]
		if !ok {
			i = len(out)
			pos[k] = i
			out = append(out, KindCount{Kind: k})
		}
		out[i].Count++
	}
	return out
}

// KindCount is a kind and how many features have it.
type KindCount struct {
	Kind  string
	Count int
}

// Head returns a view of the layer's first n features (all when it has
// fewer), sharing its columns and records: a sample to look at.
func (l *Layer) Head(n int) *Layer {
	if n >= l.Len() {
		return l
	}
	c := *l
	c.IDs, c.Names, c.Kinds, c.Status = l.IDs[:n:n], l.Names[:n:n], l.Kinds[:n:n], l.Status[:n:n]
	c.LonLat, c.Unit, c.Lines, c.KindCodes = l.LonLat[:n:n], l.Unit[:n:n], l.Lines[:n:n], l.KindCodes[:n:n]
	c.recOff, c.recLen = l.recOff[:n:n], l.recLen[:n:n]
	if l.geom != nil {
		g := geom{types: l.geom.types[:n:n], spans: l.geom.spans[:n:n], parts: l.geom.parts}
		c.geom = &g
	}
	return &c
}
