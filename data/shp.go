package data

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path"
	"path/filepath"
	"strings"

	"github.com/lodemap/lodemap/geo/crs"
	"github.com/lodemap/lodemap/geo/layer"
)

// shpFormat reads an Esri Shapefile (the .shp beside its .dbf attributes,
// .prj coordinate system and .cpg code page), or a zip archive of
// Shapefiles: one layer per .shp, reprojected to WGS 84 when its .prj
// names another coordinate system.
var shpFormat = Format{
	Name:       "Shapefile",
	Extensions: []string{".shp", ".shp.zip", ".shz", ".zip"},
	Sniff:      func(head []byte) bool { return isShp(head) || sniffShapeZip(head) },
	Read:       readShapefile,
}

// shpHeaderLen is the size of a .shp file's header.
const shpHeaderLen = 100

// isShp reports whether head starts a .shp file: the file code 9994 (big
// endian) and version 1000 (little endian).
func isShp(head []byte) bool {
	return len(head) >= shpHeaderLen && binary.BigEndian.Uint32(head) == 9994 && binary.LittleEndian.Uint32(head[28:]) == 1000
}

// readShapefile reads a .shp file with its siblings, or every Shapefile in
// a zip archive.
func readShapefile(ctx context.Context, src *Source) ([]*layer.Layer, Problems) {
	if bytes.HasPrefix(src.Bytes, zipMagic) {
		return readShapeZip(ctx, src)
	}
	r := &shpReader{src: src, base: strings.TrimSuffix(path.Base(filepath.ToSlash(src.Display)), path.Ext(src.Display))}
	l := r.read(ctx, src.title(r.base))
	return one(l), r.probs.sorted()
}

// shpReader reads one Shapefile into a layer.
type shpReader struct {
	src     *Source
	base    string // the name the .shp and its siblings share, "roads"
	probs   Problems
	tr      *crs.Transform // nil when the file is in WGS 84
	crsName string         // the .prj's system, when not WGS 84
	dbf     *dbfTable      // nil without attributes
	codec   *textCodec
	l       *layer.Layer
	rec     []byte // the record being added
	// recBytes is the size of the records added, to foresee the rest.
	recBytes int
	bad      int // records with problems; past maxFeatureProblems only counted
}

// report adds a problem of the file.
func (r *shpReader) report(format string, args ...any) {
	r.probs = append(r.probs, Problem{File: r.src.Display, Msg: fmt.Sprintf(format, args...)})
}

// problem reports a problem of record n, up to maxFeatureProblems of them.
func (r *shpReader) problem(n int, format string, args ...any) {
	if r.bad++; r.bad <= maxFeatureProblems {
		r.probs = append(r.probs, Problem{File: r.src.Display, Line: n, Msg: fmt.Sprintf("record %d: ", n) + fmt.Sprintf(format, args...)})
	}
}

// sibling reads the file beside the .shp with extension ext (".dbf"),
// lower case or upper case; found is false when there is none.
func (r *shpReader) sibling(ext string) (b []byte, found bool) {
	if r.src.Sibling == nil {
		return nil, false
	}
	var err error
	for _, e := range []string{ext, strings.ToUpper(ext)} {
		if b, err = r.src.Sibling(e); err == nil {
			return b, true
		}
		if !errors.Is(err, fs.ErrNotExist) {
			r.report("cannot read %s%s: %v", r.base, ext, err)
			return nil, false
		}
	}
	return nil, false
}

// read reads the Shapefile into a layer titled title, or returns nil (and
// reports why) when it cannot be shown.
func (r *shpReader) read(ctx context.Context, title string) *layer.Layer {
	b := r.src.Bytes
	if !isShp(b) {
		r.report("not a Shapefile: the file does not start with a .shp header")
		return nil
	}
	if !r.transform(b) {
		return nil
	}
	r.attributes()
	r.l = &layer.Layer{ID: r.src.ID, Title: title, File: r.src.Display, Decoder: jsonRecord{}, CRS: r.crsName}
	r.records(ctx, b)
	if r.bad > maxFeatureProblems {
		r.report("%d more records with problems like those above", r.bad-maxFeatureProblems)
	}
	return r.l
}

// transform resolves the coordinate system from the .prj. It reports
// whether the layer can be shown: one whose .prj cannot be resolved is
// not, rather than drawn in the wrong place. Without a .prj the file is
// taken as WGS 84 longitudes and latitudes, unless its bounding box shows
// that its coordinates are not degrees.
func (r *shpReader) transform(b []byte) bool {
	prj, found := r.sibling(".prj")
	if !found {
		var box [4]float64
		for i := range box {
			box[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[36+8*i:]))
		}
		if box[0] < -180 || box[2] > 180 || box[1] < -90 || box[3] > 90 {
			r.report("the coordinate system is missing: there is no %s.prj, and the coordinates (x %.10g to %.10g, y %.10g to %.10g) are not longitudes and latitudes; the layer is not shown",
				r.base, box[0], box[2], box[1], box[3])
			return false
		}
		return true
	}
	c, err := crs.Parse(string(prj))
	if err == nil && c.IsWGS84() {
		return true
	}
	if err == nil {
		r.tr, err = crs.ToWGS84(c)
		r.crsName = c.Name()
	}
	if err != nil {
		r.report("unknown coordinate system in %s.prj: %s; the layer is not shown, so as not to draw it in the wrong place",
			r.base, strings.TrimPrefix(strings.TrimPrefix(err.Error(), "crs: "), "unknown coordinate system "))
		return false
	}
	return true
}

// attributes reads the .dbf and chooses its code page. Without a .dbf the
// features are still shown, with no attributes.
func (r *shpReader) attributes() {
	b, found := r.sibling(".dbf")
	if !found {
		r.report("%s.dbf is missing: the features have no attributes", r.base)
		return
	}
	t, err := parseDBF(b)
	if err != nil {
		r.report("%s.dbf: %v; the features have no attributes", r.base, err)
		return
	}
	if t.truncated {
		r.report("%s.dbf ends after %d of its %d records", r.base, t.n, t.declared)
	}
	r.dbf = t
	cpg, hasCPG := r.sibling(".cpg")
	var msg string
	r.codec, msg = dbfCodec(cpg, hasCPG, t.ldid)
	if msg != "" {
		r.report("%s.%s", r.base, msg)
	}
	t.decodeNames(r.codec)
}
