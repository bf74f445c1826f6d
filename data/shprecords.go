package data

import (
	"context"
	"encoding/binary"

	"github.com/paulmach/orb"
)

// shpChunk is how many records are decoded, reprojected in one call into
// PROJ and added to the layer at a time.
const shpChunk = 4096

// records reads the .shp's records in order, a chunk at a time: decoded,
// their points reprojected together, then added to the layer with their
// attributes. A broken record is reported and listed without a place; a
// record that runs past the end of the file ends the reading. It stops
// when ctx is done.
func (r *shpReader) records(ctx context.Context, b []byte) {
	end := len(b)
	if declared := 2 * int(binary.BigEndian.Uint32(b[24:])); declared >= shpHeaderLen && declared < end {
		end = declared // bytes past the file's declared length are not records
	}
	if r.dbf != nil {
		r.l.Grow(r.dbf.n)
	}
	var d shpDecoder
	off, n := shpHeaderLen, 0
	for off+8 <= end && ctx.Err() == nil {
		d.reset()
		for len(d.shapes) < shpChunk && off+8 <= end {
			n++
			size := 2 * int(binary.BigEndian.Uint32(b[off+4:]))
			if size > end-off-8 {
				r.problem(n, "the file ends within this record (it is %d bytes long, %d are left): the .shp is cut short, and the records from %d on are not read",
					size, end-off-8, n)
				off = end
				break
			}
			d.decode(n, b[off+8:off+8+size])
			off += 8 + size
		}
		if r.tr != nil {
			// A point PROJ cannot take becomes NaN; its feature is
			// reported as it is added.
			_ = r.tr.Points(d.pts)
		}
		for i := range d.shapes {
			r.add(&d, &d.shapes[i])
		}
		if added := r.l.Len(); n == len(d.shapes) && r.dbf != nil && added > 0 && r.dbf.n > added {
			// Room for the other records at the first chunk's mean size
			// and a little more: the records then grow once.
			r.l.GrowRecords((r.dbf.n - added) * (r.recBytes/added + 8))
		}
		r.src.Progress.report(off, len(b), r.l)
	}
	if r.dbf != nil && !r.dbf.truncated && ctx.Err() == nil && r.dbf.n != n {
		r.report("%s.dbf has %d records and %s.shp %d: they may not belong together", r.base, r.dbf.n, r.base, n)
	}
}

// add adds the feature of a decoded record, with the attributes of the
// .dbf's record of the same number; a record the .dbf marks deleted is
// left out, as every Shapefile reader does.
func (r *shpReader) add(d *shpDecoder, s *shpShape) {
	var row []byte
	if r.dbf != nil && s.n <= r.dbf.n {
		var deleted bool
		if row, deleted = r.dbf.row(s.n - 1); deleted {
			return
		}
	}
	g, msg := d.geometry(s)
	if msg == "" && g != nil {
		if p, bad := firstBadPoint(g); bad {
			msg = pointProblem(p[0], p[1])
		}
	}
	if msg != "" {
		r.problem(s.n, "%s; it is listed without a place", msg)
		g = nil
	}
	var st site
	rec := append(r.rec[:0], "{}"...)
	if row != nil {
		rec = r.dbf.appendJSON(rec[:0], row, r.codec)
		st = r.dbf.site(row, r.codec)
	}
	r.rec = rec // Add copies it
	r.recBytes += len(rec)
	if st.ID == "" {
		st.ID = generatedID(r.src.ID, s.n)
	}
	st.checkFields(r.src.Schema, func(format string, args ...any) { r.problem(s.n, format, args...) })
	p, isPoint := g.(orb.Point)
	r.l.Add(st.ID, st.Name, st.Kind, st.Status, p, rec, s.n)
	if !isPoint || r.l.HasShapes() {
		r.l.SetGeometry(g)
	}
}
