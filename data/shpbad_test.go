package data

import (
	"context"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lodemap/lodemap/geo/layer"
	"github.com/paulmach/orb"
)

// shpBytes builds a .shp of shape type typ with bounding box box from its
// records' contents.
func shpBytes(typ uint32, box [4]float64, recs ...[]byte) []byte {
	b := make([]byte, shpHeaderLen)
	binary.BigEndian.PutUint32(b, 9994)
	binary.LittleEndian.PutUint32(b[28:], 1000)
	binary.LittleEndian.PutUint32(b[32:], typ)
	for i, v := range box {
		binary.LittleEndian.PutUint64(b[36+8*i:], math.Float64bits(v))
	}
	for i, r := range recs {
		b = binary.BigEndian.AppendUint32(b, uint32(i+1))
		b = binary.BigEndian.AppendUint32(b, uint32(len(r)/2))
		b = append(b, r...)
	}
	binary.BigEndian.PutUint32(b[24:], uint32(len(b)/2))
	return b
}

// shapeRecord is the content of a PolyLine or Polygon record (typ 3 or 5),
// or of a MultiPatch (31), with the given parts.
func shapeRecord(typ uint32, parts ...[]orb.Point) []byte {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	b := binary.LittleEndian.AppendUint32(nil, typ)
	b = append(b, make([]byte, 32)...) // the box, unread
	b = binary.LittleEndian.AppendUint32(b, uint32(len(parts)))
	b = binary.LittleEndian.AppendUint32(b, uint32(n))
	start := 0
	for _, p := range parts {
		b = binary.LittleEndian.AppendUint32(b, uint32(start))
		start += len(p)
	}
	for _, p := range parts {
		for _, q := range p {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(q[0]))
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(q[1]))
		}
	}
	return b
}

// square is a clockwise ring: an outer ring in a Shapefile.
func square(x, y, size float64) []orb.Point {
	return []orb.Point{{x, y}, {x, y + size}, {x + size, y + size}, {x + size, y}, {x, y}}
}

// reversed is p the other way round: a hole, when p is a square.
func reversed(p []orb.Point) []orb.Point {
	r := orb.Ring(append([]orb.Point(nil), p...))
	r.Reverse()
	return r
}

// TestShapefileBad reads broken Shapefiles: each gives a problem in words,
// naming the file, and no panic; what can be shown is.
func TestShapefileBad(t *testing.T) {
	box := [4]float64{30, 39, 33, 40}
	good := [][]byte{shapeRecord(5, square(30, 39, 1)), shapeRecord(5, square(31, 39, 1)), shapeRecord(5, square(32, 39, 1))}
	fields := []testField{{"name", 'C', 10, 0}}
	dbf := dbfBytes(0x57, fields, " one       ", " two       ", " three     ")
	one := dbfBytes(0x57, fields, " one       ")
	type files map[string][]byte
	tests := []struct {
		name     string
		files    files  // by extension; a nil .dbf is none
		want     string // in the problems
		features int    // -1 for no layer
		check    func(t *testing.T, l *layer.Layer)
	}{
		{"a ring of 2 points", files{".shp": shpBytes(5, box, good[0], shapeRecord(5, []orb.Point{{31, 39}, {31, 39}}), good[2]), ".dbf": dbf},
			"roads.shp:2: record 2: a polygon ring has 2 points; it is listed without a place", 3, func(t *testing.T, l *layer.Layer) {
				if l.Located(1) || !l.Located(2) || l.Names[1] != "two" {
					t.Errorf("located %v %v, name %q", l.Located(1), l.Located(2), l.Names[1])
				}
			}},
		{"a line of 1 point", files{".shp": shpBytes(3, box, shapeRecord(3, []orb.Point{{30, 39}, {31, 39}}, []orb.Point{{31, 40}})), ".dbf": one},
			"record 1: a line part has 1 point", 1, nil},
		{"a part out of order", files{".shp": shpBytes(3, box, func() []byte {
			r := shapeRecord(3, []orb.Point{{30, 39}, {31, 39}}, []orb.Point{{31, 40}, {32, 40}})
			binary.LittleEndian.PutUint32(r[48:], 9)
			return r
		}()), ".dbf": one}, "record 1: part 2 starts at point 9, out of order", 1, nil},
		{"truncated .shp", files{".shp": shpBytes(5, box, good...)[:100+2*(8+len(good[0]))+50], ".dbf": dbf},
			"record 3: the file ends within this record (it is 128 bytes long, 42 are left): the .shp is cut short", 2, nil},
		{"missing .dbf", files{".shp": shpBytes(5, box, good...)}, "roads.dbf is missing: the features have no attributes", 3,
			func(t *testing.T, l *layer.Layer) {
				if rec, _ := l.Properties(2); string(rec) != "{}" || l.IDs[2] != "roads-3" || l.Names[2] != "roads-3" {
					t.Errorf("record %s, id %q, name %q", rec, l.IDs[2], l.Names[2])
				}
			}},
		{"broken .dbf", files{".shp": shpBytes(5, box, good...), ".dbf": []byte("xx")},
			"roads.dbf: the file is too short for a dBase header; the features have no attributes", 3, nil},
		{".dbf with fewer records", files{".shp": shpBytes(5, box, good...), ".dbf": dbf[:len(dbf)-12]},
			"roads.dbf ends after 2 of its 3 records", 3, nil},
		{"a record deleted in the .dbf", files{".shp": shpBytes(5, box, good...), ".dbf": dbfBytes(0x57, fields, " one       ", "*two       ", " three     ")},
			"", 2, func(t *testing.T, l *layer.Layer) {
				if l.Names[1] != "three" || l.IDs[1] != "roads-3" {
					t.Errorf("second feature %q %q", l.IDs[1], l.Names[1])
				}
			}},
		{"bad .prj", files{".shp": shpBytes(5, box, good...), ".dbf": dbf, ".prj": []byte(`PROJCS["Nowhere",GEOGCS["nothing"]]`)},
			"roads.shp: unknown coordinate system in roads.prj: ", -1, nil},
		{"no .prj, coordinates in metres", files{".shp": shpBytes(5, [4]float64{500000, 4400000, 500100, 4400100}, shapeRecord(5, square(500000, 4400000, 100))), ".dbf": one},
			"the coordinate system is missing: there is no roads.prj, and the coordinates (x 500000 to 500100, y 4400000 to 4400100) are not longitudes and latitudes", -1, nil},
		{"not a Shapefile", files{".shp": []byte("hello, world")}, "not a Shapefile", -1, nil},
		{"MultiPatch", files{".shp": shpBytes(31, box, shapeRecord(31, square(30, 39, 1))), ".dbf": one},
			"record 1: MultiPatch shapes (3D surfaces) are not supported", 1, nil},
		{"unknown .cpg", files{".shp": shpBytes(5, box, good...), ".dbf": dbf, ".cpg": []byte("klingon")},
			`roads.cpg names a code page Lodemap does not know ("klingon")`, 3, nil},
		{"record numbers apart", files{".shp": shpBytes(5, box, good...), ".dbf": dbfBytes(0x57, fields, " one       ", " two       ", " three     ", " four      ")},
			"roads.dbf has 4 records and roads.shp 3: they may not belong together", 3, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for ext, b := range tt.files {
				if err := os.WriteFile(filepath.Join(dir, "roads"+ext), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			ls, probs, err := loadFile(context.Background(), filepath.Join(dir, "roads.shp"), "roads.shp", false, nil)
			msg := probs.Error()
			if err != nil || !strings.Contains(msg, tt.want) || (tt.want == "") != (len(probs) == 0) {
				t.Fatalf("problems:\n%s\nerror %v; want a problem with %q", msg, err, tt.want)
			}
			if tt.features < 0 {
				if len(ls) != 0 {
					t.Fatalf("%d layers, want none", len(ls))
				}
				return
			}
			if len(ls) != 1 || ls[0].Len() != tt.features {
				t.Fatalf("%d layers, want one of %d features", len(ls), tt.features)
			}
			if tt.check != nil {
				tt.check(t, ls[0])
			}
		})
	}
}

// TestShapefileCutAnywhere reads a file of every shape type cut at every
// length, and its .dbf cut so: no panic, and a problem for each cut.
func TestShapefileCutAnywhere(t *testing.T) {
	point := binary.LittleEndian.AppendUint64(binary.LittleEndian.AppendUint64([]byte{11, 0, 0, 0}, math.Float64bits(30)), math.Float64bits(39))
	point = append(point, make([]byte, 16)...) // z and m
	multi := shapeRecord(8, []orb.Point{{30, 39}, {31, 40}})
	multi = append(multi[:36], multi[40:]...) // a MultiPoint has no number of parts
	multi = append(multi[:40], multi[44:]...) // nor their starts
	shp := shpBytes(5, [4]float64{30, 39, 33, 40}, []byte{0, 0, 0, 0}, point, multi,
		shapeRecord(3, square(30, 39, 1)), shapeRecord(5, square(30, 39, 2), reversed(square(30.5, 39.5, 0.5))))
	dbf := dbfBytes(0, []testField{{"name", 'C', 3, 0}, {"n", 'N', 4, 1}}, " abc 1.5", " def 2.5", " ghi    ", " jkl 4.0", " mno 5.0")
	read := func(n int) ([]*layer.Layer, Problems) {
		src := &Source{Bytes: shp[:n], ID: "all", Display: "all.shp", Sibling: func(ext string) ([]byte, error) {
			if ext == ".dbf" {
				return dbf[:min(n, len(dbf))], nil
			}
			return nil, os.ErrNotExist
		}}
		return readShapefile(context.Background(), src)
	}
	ls, probs := read(len(shp))
	if len(probs) > 0 || len(ls) != 1 || ls[0].Len() != 5 {
		t.Fatalf("the whole file: %v", probs)
	}
	wantTypes := []layer.Type{layer.NoGeometry, layer.Point, layer.MultiPoint, layer.LineString, layer.Polygon}
	for i, want := range wantTypes {
		if got := ls[0].Type(i); got != want {
			t.Errorf("record %d: %s, want %s", i+1, got, want)
		}
	}
	if p := ls[0].Parts(4); len(p) != 1 || len(p[0].Rings) != 2 {
		t.Errorf("the polygon's parts: %v", p)
	}
	for n := range len(shp) {
		if _, probs := read(n); len(probs) == 0 {
			t.Errorf("cut at %d bytes: no problem", n)
		}
	}
}

// TestShapefileCancel: a cancelled read stops before the records.
func TestShapefileCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ls, _ := ReadLayers(shpBytes(5, [4]float64{30, 39, 31, 40}, shapeRecord(5, square(30, 39, 1))), "a.shp", "a.shp")
	src := &Source{Bytes: shpBytes(5, [4]float64{30, 39, 31, 40}, shapeRecord(5, square(30, 39, 1))), ID: "a", Display: "a.shp"}
	cancelled, _ := readShapefile(ctx, src)
	if len(ls) != 1 || ls[0].Len() != 1 || len(cancelled) != 1 || cancelled[0].Len() != 0 {
		t.Errorf("read %d layers, cancelled %d", len(ls), len(cancelled))
	}
}

// TestAssemblePolygon gives holes to the outer rings that contain them.
func TestAssemblePolygon(t *testing.T) {
	ccw := func(p []orb.Point) orb.Ring { return reversed(p) }
	big, small, far := orb.Ring(square(0, 0, 10)), orb.Ring(square(20, 20, 10)), orb.Ring(square(50, 50, 1))
	tests := []struct {
		name  string
		rings []orb.Ring
		want  orb.Geometry
	}{
		{"one ring", []orb.Ring{big}, orb.Polygon{big}},
		{"a hole", []orb.Ring{big, ccw(square(1, 1, 1))}, orb.Polygon{big, ccw(square(1, 1, 1))}},
		{"holes after both outers", []orb.Ring{big, small, ccw(square(21, 21, 1)), ccw(square(1, 1, 1))},
			orb.MultiPolygon{{big, ccw(square(1, 1, 1))}, {small, ccw(square(21, 21, 1))}}},
		{"an island in a lake", []orb.Ring{big, ccw(square(1, 1, 8)), orb.Ring(square(2, 2, 2))},
			orb.MultiPolygon{{big, ccw(square(1, 1, 8))}, {orb.Ring(square(2, 2, 2))}}},
		{"a hole in the island, not the lake", []orb.Ring{big, ccw(square(1, 1, 8)), orb.Ring(square(2, 2, 4)), ccw(square(3, 3, 1))},
			orb.MultiPolygon{{big, ccw(square(1, 1, 8))}, {orb.Ring(square(2, 2, 4)), ccw(square(3, 3, 1))}}},
		{"a hole outside every ring", []orb.Ring{big, ccw(far)}, orb.MultiPolygon{{big}, {ccw(far)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := assemblePolygon(tt.rings); !orb.Equal(got, tt.want) {
				t.Errorf("got %v\nwant %v", got, tt.want)
			}
		})
	}
}
