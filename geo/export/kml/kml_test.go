package kml

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lodemap/lodemap/geo/layer"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/project"
)

// record is a test layer's Decoder: a record is its properties.
type record struct{}

func (record) Properties(rec []byte) ([]byte, error) { return rec, nil }

// testLayers are two layers of every geometry type, with attributes.
func testLayers() []*layer.Layer {
	sites := &layer.Layer{ID: "sites", Title: "Sites & plants", Decoder: record{}}
	add := func(l *layer.Layer, id, name, kind, status string, g orb.Geometry, props string) {
		l.Add(id, name, kind, status, orb.Point{}, []byte(props), 0)
		l.SetGeometry(g)
	}
	add(sites, "beylikova", "Beylikova", "deposit", "exploration", orb.Point{31.2131415, 39.6712345},
		`{"id":"beylikova","name":"Beylikova","kind":"deposit","status":"exploration","operator":"Eti Maden <TR>","tonnes":694000000,"commodities":["REE","Th"]}`)
	add(sites, "refinery", "Refinery", "refinery", "planned", orb.Point{31.25, 39.7},
		`{"id":"refinery","name":"Refinery","kind":"refinery","status":"planned","operator":"","description":"A plant & a port"}`)
	add(sites, "nowhere", "No place", "mine", "operating", nil, `{"name":"No place","kind":"mine","status":"operating","operator":"X"}`)
	shapes := &layer.Layer{ID: "shapes", Title: "Shapes", Decoder: record{}}
	hole := orb.Polygon{{{30, 39}, {31, 39}, {31, 40}, {30, 40}, {30, 39}}, {{30.2, 39.2}, {30.4, 39.2}, {30.4, 39.4}, {30.2, 39.2}}}
	add(shapes, "pit", "Pit", "mine", "operating", hole, `{"operator":"A"}`)
	add(shapes, "road", "Road", "road", "", orb.LineString{{28, 37}, {28.5, 37.5}}, `{"operator":"B"}`)
	add(shapes, "wells", "Wells", "mine", "planned", orb.MultiPoint{{29.5, 38.5}, {29.6, 38.55}}, `{"operator":"C"}`)
	add(shapes, "roads", "Roads", "road", "", orb.MultiLineString{{{28, 37}, {28.5, 37.5}}, {{28.6, 37.6}, {29, 38}}}, `{"operator":"D"}`)
	add(shapes, "blocks", "Blocks", "deposit", "operating", orb.MultiPolygon{hole, {{{10, 10}, {11, 10}, {11, 11}, {10, 10}}}}, `{"operator":"E"}`)
	add(shapes, "works", "Works", "mine", "", orb.Collection{orb.Point{31.3, 39.7}, orb.LineString{{31.3, 39.7}, {31.35, 39.75}}}, `{"operator":"F"}`)
	add(shapes, "dateline", "Across the antimeridian", "road", "", orb.LineString{{179.5, 10}, {-179.5, 10.5}}, `{"operator":"G"}`)
	return []*layer.Layer{sites, shapes}
}

// TestWriteReadByGDAL writes KML and KMZ and has GDAL read them back: the
// same layers, features, geometry types, names, attributes, descriptions
// and positions (within 1e-7 degrees).
func TestWriteReadByGDAL(t *testing.T) {
	needGDAL(t)
	layers := testLayers()
	excerpt := func(l *layer.Layer, i int) ([]KV, string, error) {
		attrs, desc, err := Attributes(l, i)
		return attrs, strings.TrimSpace(desc + "\n\n\"Quoted\" – excerpt of " + l.IDs[i]), err
	}
	for _, tt := range []struct {
		name  string
		write func(context.Context, *os.File, []*layer.Layer, Options, func(int, int)) error
	}{
		{"out.kml", func(ctx context.Context, f *os.File, ls []*layer.Layer, o Options, p func(int, int)) error {
			return Write(ctx, f, ls, o, p)
		}},
		{"out.kmz", func(ctx context.Context, f *os.File, ls []*layer.Layer, o Options, p func(int, int)) error {
			return WriteKMZ(ctx, f, ls, o, p)
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tt.name)
			f, err := os.Create(path)
			if err != nil {
				t.Fatal(err)
			}
			var last [2]int
			err = tt.write(context.Background(), f, layers, Options{Name: "Test", Describe: excerpt}, func(d, n int) { last = [2]int{d, n} })
			f.Close()
			if err != nil || last != [2]int{10, 10} {
				t.Fatalf("%v; progress %v", err, last)
			}
			for k, l := range layers {
				fc := gdalRead(t, path, l.Title)
				sameFeatures(t, l, fc, excerpt)
				if k == 0 {
					continue
				}
				if b := fc.Features[len(fc.Features)-1].Geometry.Bound(); b.Min[0] < -180 || b.Max[0] > 180 {
					t.Errorf("the antimeridian line was not wrapped: %v", fc.Features[len(fc.Features)-1].Geometry)
				}
			}
		})
	}
}

// sameFeatures compares a layer with GDAL's reading of what was written.
func sameFeatures(t *testing.T, l *layer.Layer, fc *geojson.FeatureCollection, describe Describer) {
	t.Helper()
	if len(fc.Features) != l.Len() {
		t.Fatalf("%s: GDAL reads %d features, want %d", l.ID, len(fc.Features), l.Len())
	}
	for i, f := range fc.Features {
		p := f.Properties
		if p["Name"] != l.Names[i] {
			t.Errorf("%s %d: name %v, want %q", l.ID, i, p["Name"], l.Names[i])
		}
		attrs, desc, _ := describe(l, i)
		if p["description"] != desc {
			t.Errorf("%s %d: description %q, want %q", l.ID, i, p["description"], desc)
		}
		for _, a := range attrs {
			got, ok := p[a.Key].(string) // GDAL reads a JSON array as one
			if !ok && p[a.Key] != nil {
				b, _ := json.Marshal(p[a.Key])
				got = string(b)
			}
			if got != a.Value {
				t.Errorf("%s %d: %s is %q, want %q", l.ID, i, a.Key, got, a.Value)
			}
		}
		want := l.Geometry(i)
		if want == nil {
			if f.Geometry != nil {
				t.Errorf("%s %d: GDAL reads a %s, want none", l.ID, i, f.Geometry.GeoJSONType())
			}
			continue
		}
		if f.Geometry == nil || f.Geometry.GeoJSONType() != want.GeoJSONType() {
			t.Errorf("%s %d: GDAL reads %v, want a %s", l.ID, i, f.Geometry, want.GeoJSONType())
			continue
		}
		wantJSON, _ := json.Marshal(geojson.NewGeometry(round(want)))
		gotJSON, _ := json.Marshal(geojson.NewGeometry(round(f.Geometry)))
		if !bytes.Equal(wantJSON, gotJSON) {
			t.Errorf("%s %d: GDAL reads\n%s\nwant\n%s", l.ID, i, gotJSON, wantJSON)
		}
	}
}

// round rounds a geometry's positions to 1e-7 degrees, longitudes wrapped
// into [-180, 180].
func round(g orb.Geometry) orb.Geometry {
	wrap := func(p orb.Point) orb.Point { return orb.Point{math.Remainder(p[0], 360), p[1]} }
	return orb.Round(project.Geometry(orb.Clone(g), wrap), 1e7)
}

// gdalRead has GDAL read one layer of a KML or KMZ, as GeoJSON.
func gdalRead(t *testing.T, path, layerName string) *geojson.FeatureCollection {
	t.Helper()
	out, err := exec.Command("ogr2ogr", "-f", "GeoJSON", "/vsistdout/", path, layerName).Output()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		t.Fatalf("ogr2ogr %s %q: %v\n%s", path, layerName, err, ee.Stderr)
	}
	fc, err := geojson.UnmarshalFeatureCollection(out)
	if err != nil {
		t.Fatalf("GDAL's GeoJSON: %v", err)
	}
	return fc
}

// needGDAL skips a test without GDAL's ogr2ogr, but fails it in CI, which
// must install it (Debian gdal-bin).
func needGDAL(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("ogr2ogr"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("CI must provide GDAL's ogr2ogr (Debian gdal-bin)")
		}
		t.Skip("needs GDAL's ogr2ogr (Debian gdal-bin)")
	}
}

// TestStyles checks one shared style per look, lighter for planned and
// announced sites, pale for those with no status, and see-through polygon
// fills.
func TestStyles(t *testing.T) {
	var b bytes.Buffer
	if err := Write(context.Background(), &b, testLayers(), Options{}, nil); err != nil {
		t.Fatal(err)
	}
	doc := b.String()
	tests := []struct{ name, want string }{
		{"default name", "<Document><name>Lodemap</name>"},
		{"deposit", `<Style id="kind-deposit"><IconStyle><color>ff009fe6</color>`},
		{"announced deposit is lighter", `<Style id="kind-deposit-light"><IconStyle><color>ff7fcff2</color>`},
		{"see-through fill", `<PolyStyle><color>66009fe6</color><outline>1</outline></PolyStyle>`},
		{"fainter light fill", `<PolyStyle><color>337fcff2</color>`},
		{"mine of no status is pale inside, its line full", `<Style id="kind-mine-pale"><IconStyle><color>ff8cb7ec</color><Icon><href>` + iconHref +
			`</href></Icon></IconStyle><LineStyle><color>ff005ed5</color><width>2</width></LineStyle><PolyStyle><color>33005ed5</color>`},
		{"placemark of no status", `<Placemark id="works"><name>Works</name><styleUrl>#kind-mine-pale</styleUrl>`},
		{"placemark id and style", `<Placemark id="refinery"><name>Refinery</name><description>A plant &amp; a port</description><styleUrl>#kind-refinery-light</styleUrl>`},
		{"attributes", `<Data name="operator"><value>Eti Maden &lt;TR&gt;</value></Data>`},
		{"folder title", "<Folder><name>Sites &amp; plants</name>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(doc, tt.want) {
				t.Errorf("no %s in\n%s", tt.want, doc)
			}
		})
	}
	if n := strings.Count(doc, "<Style id="); n != 7 {
		t.Errorf("%d styles, want 7 (deposit, refinery, mine and road looks)", n)
	}
}

// TestWriteCancelled stops at once when ctx is done.
func TestWriteCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var b bytes.Buffer
	if err := WriteKMZ(ctx, &b, testLayers(), Options{}, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
	if _, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len())); err == nil {
		t.Error("a cancelled KMZ is a whole archive")
	}
}
