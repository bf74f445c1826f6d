package data

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/lodemap/lodemap/geo/layer"
	"github.com/paulmach/orb"
)

// FlatGeobuf (flatgeobuf.org, version 3): a magic number, a size-prefixed
// Header table, an optional packed R-tree, then size-prefixed Feature tables.
// No Go reader of it is served here, so this one reads what the layer needs,
// with the flatbuffers runtime; its tests use files GDAL writes.
var fgbMagic = []byte{'f', 'g', 'b', 3, 'f', 'g', 'b'}

// fgbFormat reads FlatGeobuf point layers. Their "lines", in problems and
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
	colName, colType                                            = 4, 6
	featGeometry, featProperties                                = 4, 6
	geomXY, geomType                                            = 6, 16
	fgbPoint                                                    = 1
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

// readFGB reads a FlatGeobuf point layer. Each feature's record is its
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
	off := 12 + hlen
	if node > 0 && count > 0 {
		off += int(rtreeSize(count, uint64(node)))
	}
	col := findColumns(dec.header)
	l.Grow(int(count))
	n := 1
	for ; off+4 <= len(b) && ctx.Err() == nil; n++ {
		size := int(binary.LittleEndian.Uint32(b[off:]))
		if off+4+size > len(b) {
			report(n, "feature %d runs past the end of the file", n)
			break
		}
		s, props, propsAt := fgbSite(b[off+4:off+4+size], dec, col)
		propsAt += off + 4
		if s.ID == "" {
			s.ID = src.ID + "-" + strconv.Itoa(n)
		}
		if s.check(src.Schema, func(format string, args ...any) { report(n, format, args...) }) {
			l.AddAt(s.ID, s.Name, s.Kind, s.Status, orb.Point{s.Lon, s.Lat}, int64(propsAt), int32(len(props)), n)
		}
		off += 4 + size
	}
	if ctx.Err() == nil && uint64(n-1) < count {
		report(0, "the header counts %d features, the file holds %d", count, n-1)
	}
	src.keepRecords(l)
	return l, probs
}

// fgbHeader reads the header table hb: the layer's title, its columns (as
// the layer's Decoder), the feature count and the index's node size.
func fgbHeader(hb []byte, src *Source) (*layer.Layer, *fgbProps, uint64, uint16, error) {
	h := table(hb, 0)
	dec := &fgbProps{}
	l := &layer.Layer{ID: src.ID, Title: src.ID, File: src.Display, Decoder: dec}
	if o := flatbuffers.UOffsetT(h.Offset(hdrName)); o != 0 {
		if name := h.String(o + h.Pos); name != "" {
			l.Title = name
		}
	}
	if gt := h.GetByteSlot(hdrGeomType, 0); gt != fgbPoint && gt != 0 {
		return nil, nil, 0, 0, fmt.Errorf("geometry type %d: only Point layers can be shown", gt)
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

// fgbSite reads one Feature table fb for the feature check; it returns the
// feature's properties buffer and where that starts in fb.
func fgbSite(fb []byte, dec *fgbProps, col map[string]int) (site, []byte, int) {
	f := table(fb, 0)
	s := site{NoPoint: "geometry is not a Point"}
	if gOff := flatbuffers.UOffsetT(f.Offset(featGeometry)); gOff != 0 {
		g := &flatbuffers.Table{Bytes: fb, Pos: f.Indirect(gOff + f.Pos)}
		if xo := flatbuffers.UOffsetT(g.Offset(geomXY)); xo != 0 && g.VectorLen(xo) >= 2 {
			v := g.Vector(xo)
			s.Lon, s.Lat = g.GetFloat64(v), g.GetFloat64(v+8)
			if g.GetByteSlot(geomType, fgbPoint) == fgbPoint || g.GetByteSlot(geomType, 0) == 0 {
				s.NoPoint = ""
			}
		}
	}
	var props []byte
	var at int
	if po := flatbuffers.UOffsetT(f.Offset(featProperties)); po != 0 {
		at = int(f.Vector(po))
		props = fb[at : at+f.VectorLen(po)]
	}
	vals := fgbValues(props, dec.types)
	s.ID, s.Name = fieldOf(vals, col["id"]), fieldOf(vals, col["name"])
	s.Kind, s.Status, s.Precision = fieldOf(vals, col["kind"]), fieldOf(vals, col["status"]), fieldOf(vals, col["precision"])
	return s, props, at
}

func fieldOf(vals map[int]string, i int) string {
	if i < 0 {
		return ""
	}
	return vals[i]
}

// rtreeSize is the byte size of a packed Hilbert R-tree over n items.
func rtreeSize(n, nodeSize uint64) uint64 {
	nodeSize = min(max(nodeSize, 2), 65535)
	nodes := n
	for m := n; m != 1; {
		m = (m + nodeSize - 1) / nodeSize
		nodes += m
	}
	return nodes * 40
}

// fgbValues decodes a properties buffer: column index then value, by type.
func fgbValues(p []byte, types []uint8) map[int]string {
	vals := map[int]string{}
	le := binary.LittleEndian
	for len(p) >= 2 {
		i := int(le.Uint16(p))
		p = p[2:]
		if i >= len(types) {
			break
		}
		var v string
		n := 0
		switch types[i] {
		case ctByte:
			v, n = strconv.Itoa(int(int8(p[0]))), 1
		case ctUByte:
			v, n = strconv.Itoa(int(p[0])), 1
		case ctBool:
			v, n = strconv.FormatBool(p[0] != 0), 1
		case ctShort:
			v, n = strconv.Itoa(int(int16(le.Uint16(p)))), 2
		case ctUShort:
			v, n = strconv.Itoa(int(le.Uint16(p))), 2
		case ctInt:
			v, n = strconv.Itoa(int(int32(le.Uint32(p)))), 4
		case ctUInt:
			v, n = strconv.FormatUint(uint64(le.Uint32(p)), 10), 4
		case ctLong:
			v, n = strconv.FormatInt(int64(le.Uint64(p)), 10), 8
		case ctULong:
			v, n = strconv.FormatUint(le.Uint64(p), 10), 8
		case ctFloat:
			v, n = strconv.FormatFloat(float64(math.Float32frombits(le.Uint32(p))), 'g', -1, 32), 4
		case ctDouble:
			v, n = strconv.FormatFloat(math.Float64frombits(le.Uint64(p)), 'g', -1, 64), 8
		default: // String, Json, DateTime, Binary: a length, then bytes
			size := int(le.Uint32(p))
			v, n = string(p[4:4+size]), 4+size
		}
		vals[i] = v
		p = p[n:]
	}
	return vals
}

// fgbProps is the Decoder of a FlatGeobuf layer: it knows the columns.
type fgbProps struct {
	header []string
	types  []uint8
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
