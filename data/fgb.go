package data

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/lodemap/lodemap/geo/crs"
	"github.com/lodemap/lodemap/geo/layer"
	"github.com/paulmach/orb"
)

// FlatGeobuf (flatgeobuf.org, version 3): a magic number, a size-prefixed
// Header table, an optional packed R-tree, then size-prefixed Feature tables.
// No Go reader of it is served here, so this one reads what the layer needs,
// with the flatbuffers runtime; its tests use files GDAL writes.
var fgbMagic = []byte{'f', 'g', 'b', 3, 'f', 'g', 'b'}

// fgbFormat reads FlatGeobuf layers of any geometry type. Their "lines", in problems and
// in the layer's Lines, are feature numbers.
var fgbFormat = Format{
	Name:       "FlatGeobuf",
	Extensions: []string{".fgb"},
	Sniff:      func(head []byte) bool { return bytes.HasPrefix(head, fgbMagic) },
	Read: func(ctx context.Context, src *Source) ([]*layer.Layer, Problems) {
		l, p := readFGB(ctx, src)
		return one(l), p
	},
}

// Field slots (vtable offsets) of the schema's tables.
const (
	hdrName, hdrGeomType, hdrColumns, hdrFeatures, hdrIndexNode = 4, 8, 18, 20, 22
	hdrTitle                                                    = 26
	hdrCRS, crsOrg, crsCode, crsWKT, crsCodeString              = 24, 4, 6, 12, 14
	colName, colType                                            = 4, 6
	featGeometry, featProperties                                = 4, 6
)

// Column types, in schema order.
const (
	ctByte = iota
	ctUByte
	ctBool
	ctShort
	ctUShort
	ctInt
	ctUInt
	ctLong
	ctULong
	ctFloat
	ctDouble
	ctString
	ctJSON
	ctDateTime
	ctBinary
)

func table(b []byte, at flatbuffers.UOffsetT) *flatbuffers.Table {
	return &flatbuffers.Table{Bytes: b, Pos: flatbuffers.GetUOffsetT(b[at:]) + at}
}

// readFGB reads a FlatGeobuf layer. Each feature's record is its
// properties buffer; the layer's Decoder knows the column names and types.
// A feature without an id is numbered (layer-number).
func readFGB(ctx context.Context, src *Source) (l *layer.Layer, probs Problems) {
	b := src.Bytes
	report := func(n int, format string, args ...any) {
		probs = append(probs, Problem{File: src.Display, Line: n, Msg: fmt.Sprintf(format, args...)})
	}
	defer func() {
		// The flatbuffers runtime trusts offsets; a corrupt file panics.
		if r := recover(); r != nil {
			report(0, "corrupt FlatGeobuf file: an offset in it points outside the file")
		}
	}()
	if len(b) < 12 || !bytes.Equal(b[:7], fgbMagic) {
		report(0, "not a FlatGeobuf file (version 3)")
		return nil, probs
	}
	hlen := int(binary.LittleEndian.Uint32(b[8:]))
	if 12+hlen > len(b) {
		report(0, "header runs past the end of the file")
		return nil, probs
	}
	l, dec, count, node, err := fgbHeader(b[12:12+hlen], src)
	if err != nil {
		report(0, "%v", err)
		return nil, probs
	}
	tr, err := fgbCRS(b[12:12+hlen], l)
	if err != nil {
		report(0, "%v; the layer is not shown, so as not to draw it in the wrong place", err)
		return nil, probs
	}
	off := 12 + hlen
	if node > 0 && count > 0 {
		off += int(rtreeSize(count, uint64(node)))
	}
	col := fgbColumns(findColumns(dec.header))
	l.Grow(int(count))
	var tail Problems // the producer's, said after the features
	n := 0
	inParallel(ctx,
		func(send func(*fgbBatch) bool) {
			var truncated bool
			if n, truncated = fgbSplit(b, off, send); truncated {
				tail = append(tail, Problem{File: src.Display, Line: n + 1, Msg: fmt.Sprintf("feature %d runs past the end of the file", n+1)})
			}
		},
		func(bt *fgbBatch) *fgbBatch { bt.decode(b, dec, col, tr == nil); return bt },
		func(bt *fgbBatch) bool {
			if tr != nil {
				fgbReproject(tr, bt)
			}
			n := 0 // the feature being added, for its problems
			rep := func(format string, args ...any) { report(n, format, args...) }
			for i := range bt.sites {
				n = bt.first + i
				fgbAdd(l, src, &bt.sites[i], n, bt.props[i], rep)
			}
			if bt.corrupt {
				report(bt.first+len(bt.sites), "corrupt FlatGeobuf file: an offset in it points outside the file")
				return false
			}
			putSites(bt.sites)
			return true
		})
	probs = append(probs, tail...)
	if ctx.Err() == nil && uint64(n) < count {
		report(0, "the header counts %d features, the file holds %d", count, n)
	}
	src.keepRecords(l)
	return l, probs
}

// fgbHeader reads the header table hb: the layer's title, its columns (as
// the layer's Decoder), the feature count and the index's node size.
func fgbHeader(hb []byte, src *Source) (*layer.Layer, *fgbProps, uint64, uint16, error) {
	h := table(hb, 0)
	dec := &fgbProps{}
	l := &layer.Layer{ID: src.ID, Title: src.title(""), File: src.Display, Decoder: dec}
	for _, slot := range []struct {
		key string
		at  flatbuffers.VOffsetT
	}{{"name", hdrName}, {"title", hdrTitle}} {
		if o := flatbuffers.UOffsetT(h.Offset(slot.at)); o != 0 {
			src.setTitle(l, slot.key, h.String(o+h.Pos))
		}
	}
	dec.geomType = h.GetByteSlot(hdrGeomType, 0)
	if dec.geomType > fgbCollection {
		return nil, nil, 0, 0, fmt.Errorf("geometry type %d: Lodemap draws points, lines and polygons, and their multi and collection forms", dec.geomType)
	}
	if o := flatbuffers.UOffsetT(h.Offset(hdrColumns)); o != 0 {
		vec := h.Vector(o)
		for i := 0; i < h.VectorLen(o); i++ {
			c := table(hb, vec+flatbuffers.UOffsetT(i*4))
			dec.header = append(dec.header, c.String(flatbuffers.UOffsetT(c.Offset(colName))+c.Pos))
			dec.types = append(dec.types, c.GetByteSlot(colType, 0))
		}
	}
	return l, dec, h.GetUint64Slot(hdrFeatures, 0), h.GetUint16Slot(hdrIndexNode, 16), nil
}

// fgbBatch is a run of features: where each lies in the file, and once
// decoded, what it holds.
type fgbBatch struct {
	first   int      // the number (from 1) of the first feature
	spans   [][2]int // each feature table's start and end in the file
	sites   []site
	props   [][2]int // each properties buffer's start and length in the file
	corrupt bool     // an offset pointed outside the file: sites stop there
}

// fgbSplit sends the features from off in batches; it returns how many
// features it found, and whether the last one runs past the end of the
// file.
func fgbSplit(b []byte, off int, send func(*fgbBatch) bool) (n int, truncated bool) {
	newBatch := func(first int) *fgbBatch {
		return &fgbBatch{first: first, spans: make([][2]int, 0, batchSize)}
	}
	cur := newBatch(1)
	for off+4 <= len(b) {
		size := int(binary.LittleEndian.Uint32(b[off:]))
		if off+4+size > len(b) {
			truncated = true
			break
		}
		cur.spans = append(cur.spans, [2]int{off + 4, off + 4 + size})
		off += 4 + size
		n++
		if len(cur.spans) == batchSize {
			if !send(cur) {
				return n, false
			}
			cur = newBatch(n + 1)
		}
	}
	if len(cur.spans) > 0 {
		send(cur)
	}
	return n, truncated
}

// decode reads the batch's features; a corrupt one ends the batch (the
// flatbuffers runtime trusts offsets and panics).
func (bt *fgbBatch) decode(b []byte, dec *fgbProps, col fgbCols, project bool) {
	defer func() {
		if r := recover(); r != nil {
			bt.corrupt = true
			bt.sites = bt.sites[:len(bt.props)] // the one it stopped in is left out
		}
	}()
	bt.sites = getSites(len(bt.spans))
	bt.props = make([][2]int, 0, len(bt.spans))
	var in interner
	var txt texts
	for _, sp := range bt.spans {
		bt.sites = bt.sites[:len(bt.sites)+1]
		s := &bt.sites[len(bt.sites)-1]
		props, at := fgbSite(s, b[sp[0]:sp[1]], dec, col, &in, &txt)
		if project { // else it is projected once reprojected, as it is added
			s.project()
		}
		bt.props = append(bt.props, [2]int{sp[0] + at, len(props)})
	}
}

// fgbAdd holds feature n (from 1) to the feature check and adds it; rep
// reports its problems.
func fgbAdd(l *layer.Layer, src *Source, s *site, n int, props [2]int, rep func(string, ...any)) {
	if s.ID == "" {
		s.ID = generatedID(src.ID, n)
	}
	if s.Problem != "" {
		rep("feature %q: %s", s.ID, s.Problem)
	}
	if s.check(src.Schema, rep) {
		s.add(l, int64(props[0]), int32(props[1]), n)
	}
}

// fgbCols are the columns the feature check reads, or -1, and how many
// of them the layer has.
type fgbCols struct{ id, name, kind, status, precision, wanted int }

func fgbColumns(col map[string]int) fgbCols {
	c := fgbCols{id: col["id"], name: col["name"], kind: col["kind"], status: col["status"], precision: col["precision"]}
	for _, i := range []int{c.id, c.name, c.kind, c.status, c.precision} {
		if i >= 0 {
			c.wanted++
		}
	}
	return c
}

// fgbSite reads one Feature table fb for the feature check; it returns the
// feature's properties buffer and where that starts in fb. A Point layer's
// positions are read without allocating; other geometries are built.
func fgbSite(s *site, fb []byte, dec *fgbProps, col fgbCols, in *interner, txt *texts) ([]byte, int) {
	f := table(fb, 0)
	if gOff := flatbuffers.UOffsetT(f.Offset(featGeometry)); gOff == 0 {
		s.Null = true
	} else {
		g := &flatbuffers.Table{Bytes: fb, Pos: f.Indirect(gOff + f.Pos)}
		fgbPlace(s, g, dec.geomType)
	}
	var props []byte
	var at int
	if po := flatbuffers.UOffsetT(f.Offset(featProperties)); po != 0 {
		at = int(f.Vector(po))
		props = fb[at : at+f.VectorLen(po)]
	}
	// Each column comes at most once: the loop ends when the check's have.
	for it, left := (fgbIter{p: props}), col.wanted; left > 0 && it.next(dec.types); {
		left--
		switch it.col {
		case col.id:
			s.ID = it.textIn(txt)
		case col.name:
			s.Name = it.textIn(txt)
		case col.kind:
			s.Kind = in.bytes(it.raw)
		case col.status:
			s.Status = in.bytes(it.raw)
		case col.precision:
			s.Precision = in.bytes(it.raw)
		default:
			left++
		}
	}
	return props, at
}

// fgbPlace reads a feature's geometry into s: a point's position, another
// geometry, or none; a geometry that cannot be read keeps the feature
// without a place and says why.
func fgbPlace(s *site, g *flatbuffers.Table, typ byte) {
	if typ == fgbPoint {
		if xo := flatbuffers.UOffsetT(g.Offset(geomXY)); xo != 0 && g.VectorLen(xo) >= 2 {
			v := g.Vector(xo)
			s.Lon, s.Lat = g.GetFloat64(v), g.GetFloat64(v+8)
		} else {
			s.Null = true
		}
		return
	}
	geom, err := fgbGeometry(g, typ)
	switch p, ok := geom.(orb.Point); {
	case err != nil:
		s.Null, s.Problem = true, err.Error()
	case ok:
		s.Lon, s.Lat = p[0], p[1]
	case geom == nil:
		s.Null = true
	default:
		s.Geom = geom
	}
}

// rtreeSize is the byte size of a packed Hilbert R-tree over n items: the
// items and a level of nodes above them, up to a root, which a single item
// has too (the reference implementation's do-while).
func rtreeSize(n, nodeSize uint64) uint64 {
	nodeSize = min(max(nodeSize, 2), 65535)
	nodes, m := n, n
	for {
		m = (m + nodeSize - 1) / nodeSize
		nodes += m
		if m == 1 {
			return nodes * 40
		}
	}
}

// fgbIter walks a properties buffer: a column index, then its value.
type fgbIter struct {
	p   []byte
	col int
	typ uint8
	raw []byte // the value's bytes (a string's without its length)
}

// next moves to the next value; false at the end or at a bad column.
func (it *fgbIter) next(types []uint8) bool {
	le := binary.LittleEndian
	if len(it.p) < 2 {
		return false
	}
	it.col = int(le.Uint16(it.p))
	it.p = it.p[2:]
	if it.col >= len(types) {
		return false
	}
	it.typ = types[it.col]
	n := 0
	switch it.typ {
	case ctByte, ctUByte, ctBool:
		n = 1
	case ctShort, ctUShort:
		n = 2
	case ctInt, ctUInt, ctFloat:
		n = 4
	case ctLong, ctULong, ctDouble:
		n = 8
	default: // String, Json, DateTime, Binary: a length, then bytes
		size := int(le.Uint32(it.p))
		it.raw, it.p = it.p[4:4+size], it.p[4+size:]
		return true
	}
	it.raw, it.p = it.p[:n], it.p[n:]
	return true
}

// textIn is the value as text; a string's is made in txt.
func (it *fgbIter) textIn(txt *texts) string {
	if it.typ == ctString {
		return txt.of(it.raw)
	}
	return it.text()
}

// text is the value as text.
func (it *fgbIter) text() string {
	le, p := binary.LittleEndian, it.raw
	switch it.typ {
	case ctByte:
		return strconv.Itoa(int(int8(p[0])))
	case ctUByte:
		return strconv.Itoa(int(p[0]))
	case ctBool:
		return strconv.FormatBool(p[0] != 0)
	case ctShort:
		return strconv.Itoa(int(int16(le.Uint16(p))))
	case ctUShort:
		return strconv.Itoa(int(le.Uint16(p)))
	case ctInt:
		return strconv.Itoa(int(int32(le.Uint32(p))))
	case ctUInt:
		return strconv.FormatUint(uint64(le.Uint32(p)), 10)
	case ctLong:
		return strconv.FormatInt(int64(le.Uint64(p)), 10)
	case ctULong:
		return strconv.FormatUint(le.Uint64(p), 10)
	case ctFloat:
		return strconv.FormatFloat(float64(math.Float32frombits(le.Uint32(p))), 'g', -1, 32)
	case ctDouble:
		return strconv.FormatFloat(math.Float64frombits(le.Uint64(p)), 'g', -1, 64)
	}
	return string(p)
}

// fgbValues decodes a properties buffer into text by column.
func fgbValues(p []byte, types []uint8) map[int]string {
	vals := map[int]string{}
	for it := (fgbIter{p: p}); it.next(types); {
		vals[it.col] = it.text()
	}
	return vals
}

// fgbProps is the Decoder of a FlatGeobuf layer: it knows the columns.
type fgbProps struct {
	header   []string
	types    []uint8
	geomType byte // the header's; fgbUnknown when each feature says
}

// Properties turns a properties buffer into a JSON object keyed by column.
func (d *fgbProps) Properties(rec []byte) ([]byte, error) {
	header, types := d.header, d.types
	vals := fgbValues(rec, types)
	var b strings.Builder
	b.WriteByte('{')
	first := true
	for i, h := range header {
		v, ok := vals[i]
		if !ok {
			continue
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		k, _ := json.Marshal(h)
		b.Write(k)
		b.WriteByte(':')
		if types[i] == ctJSON && json.Valid([]byte(v)) {
			b.WriteString(v)
		} else {
			s, _ := json.Marshal(v)
			b.Write(s)
		}
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}

// fgbCRS reads the header's coordinate system: nil for WGS 84 (or none
// given), else the transform to it; l is told the system's name. A system
// that cannot be resolved is an error naming it.
func fgbCRS(hb []byte, l *layer.Layer) (*crs.Transform, error) {
	h := table(hb, 0)
	o := flatbuffers.UOffsetT(h.Offset(hdrCRS))
	if o == 0 {
		return nil, nil
	}
	c := &flatbuffers.Table{Bytes: hb, Pos: h.Indirect(o + h.Pos)}
	str := func(slot flatbuffers.VOffsetT) string {
		if so := flatbuffers.UOffsetT(c.Offset(slot)); so != 0 {
			return c.String(so + c.Pos)
		}
		return ""
	}
	org, code, wkt := cmp.Or(str(crsOrg), "EPSG"), c.GetInt32Slot(crsCode, 0), str(crsWKT)
	if code == 0 && wkt == "" {
		if cs := str(crsCodeString); cs != "" {
			wkt = org + ":" + cs
		} else {
			return nil, nil
		}
	}
	if strings.EqualFold(org, "EPSG") && code == 4326 {
		return nil, nil
	}
	var sys *crs.CRS
	var err error
	if code != 0 {
		sys, err = crs.ParseCode(org, int64(code))
	}
	if (code == 0 || err != nil) && wkt != "" {
		sys, err = crs.Parse(wkt)
	}
	if err != nil {
		return nil, fmt.Errorf("unknown coordinate system %s:%d", org, code)
	}
	if sys.IsWGS84() {
		return nil, nil
	}
	tr, err := crs.ToWGS84(sys)
	if err != nil {
		return nil, fmt.Errorf("no way from the coordinate system %s to WGS 84", sys.Name())
	}
	l.CRS = sys.Name()
	return tr, nil
}

// fgbReproject takes a batch's positions to WGS 84: its points in one
// call, its other geometries one by one. A feature whose position cannot be
// taken is kept without a place, and said.
func fgbReproject(tr *crs.Transform, bt *fgbBatch) {
	var pts []orb.Point
	var at []int
	for i, s := range bt.sites {
		if s.Geom == nil && !s.Null {
			pts, at = append(pts, orb.Point{s.Lon, s.Lat}), append(at, i)
		}
	}
	tr.Points(pts) // a point it cannot take becomes NaN: said below
	for k, i := range at {
		s := &bt.sites[i]
		s.Lon, s.Lat = pts[k][0], pts[k][1]
		if math.IsNaN(s.Lon) {
			s.Null, s.Problem = true, "its position cannot be taken to WGS 84; it is listed without a place"
		}
	}
	for i := range bt.sites {
		s := &bt.sites[i]
		if s.Geom == nil {
			continue
		}
		g, err := tr.Geometry(s.Geom)
		if err != nil {
			s.Geom, s.Null, s.Problem = nil, true, err.Error()
			continue
		}
		s.Geom = g
	}
}
