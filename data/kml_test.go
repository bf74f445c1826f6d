package data

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/lodemap/lodemap/geo/layer"
)

// TestKMLGoogleEarth reads a file as Google Earth writes them: folders
// inside folders, ExtendedData, HTML descriptions, a Placemark without an
// id or a name, every geometry, and the same file inside a KMZ.
func TestKMLGoogleEarth(t *testing.T) {
	kml, err := os.ReadFile("testdata/kml/earth.kml")
	if err != nil {
		t.Fatal(err)
	}
	kmz := zipOf(t, "images/", []byte(nil), "doc.kml", kml, "images/icon.png", []byte("\x89PNG"))
	type want struct {
		id, title string
		ids       []string
		types     []string
	}
	wants := []want{
		{"earth-rare-earths-turkey", "Rare earths, Turkey", []string{"hq"}, []string{"Point"}},
		{"earth-mines", "Mines", []string{"beylikova", "earth-mines-2"}, []string{"Point", "LineString"}},
		{"earth-mines-active", "Mines / Active", []string{"pit", "works", "haul"}, []string{"Polygon", "GeometryCollection", "LineString"}},
	}
	for _, tt := range []struct {
		name string
		b    []byte
	}{{"earth.kml", kml}, {"earth.kmz", kmz}} {
		t.Run(tt.name, func(t *testing.T) {
			f, err := FormatOf(tt.name, tt.b[:min(512, len(tt.b))])
			if err != nil || f.Name != "KML" {
				t.Fatalf("format %q, %v", f.Name, err)
			}
			ls, probs := f.Read(context.Background(), testSource(tt.b, tt.name, false))
			if len(probs) > 0 || len(ls) != len(wants) {
				t.Fatalf("%d layers, %v", len(ls), probs)
			}
			for k, w := range wants {
				l := ls[k]
				var types []string
				for i := range l.IDs {
					types = append(types, l.Type(i).String())
				}
				if l.ID != w.id || l.Title != w.title || !reflect.DeepEqual(l.IDs, w.ids) || !reflect.DeepEqual(types, w.types) {
					t.Errorf("layer %d: %q %q %q %q, want %+v", k, l.ID, l.Title, l.IDs, types, w)
				}
			}
			mines := ls[1]
			if mines.Names[1] != "earth-mines-2" || mines.Kinds[0] != "deposit" || mines.Status[0] != "exploration" {
				t.Errorf("names %q, kinds %q, statuses %q", mines.Names, mines.Kinds, mines.Status)
			}
			wantRecords := []string{
				`{"name":"Beylikova","description":"Beylikova & Kizilcaoren\n\n694 million tonnes\nof ore.\n\nGrade 2.78%","kind":"deposit","status":"exploration","operator":"Eti Maden"}`,
				`{"description":"Plain text,\non two lines & an ampersand."}`,
			}
			for i, w := range wantRecords {
				if rec, err := mines.Properties(i); err != nil || string(rec) != w {
					t.Errorf("record %d:\n%s\nwant\n%s (%v)", i, rec, w, err)
				}
			}
			if p := mines.LonLat[0]; p != [2]float64{31.2131415, 39.6712345} {
				t.Errorf("beylikova at %v", p)
			}
		})
	}
}

// zipOf makes a zip archive of names and contents, in that order.
func zipOf(t *testing.T, files ...any) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for i := 0; i < len(files); i += 2 {
		w, err := zw.Create(files[i].(string))
		if err == nil {
			_, err = w.Write(files[i+1].([]byte))
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// kmlDoc is a document of three Placemarks, the second of which holds
// bad, on line 4.
const kmlDoc = `<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
<Placemark id="a"><Point><coordinates>1,2</coordinates></Point></Placemark>
<Placemark id="bad">
%s
</Placemark>
<Placemark id="c"><Point><coordinates>3,4</coordinates></Point></Placemark>
</Document></kml>`

// TestKMLProblems checks that each problem names its line in words and
// that a bad Placemark leaves the others (and itself, without the bad
// geometry) in the layer, while broken XML ends the file there.
func TestKMLProblems(t *testing.T) {
	tests := []struct {
		name, bad string
		line      int
		want      string
		ids       []string // the features read
	}{
		{"not numbers", `<Point><coordinates>12,abc</coordinates></Point>`, 4, `coordinates "12,abc" are not numbers`, []string{"a", "bad", "c"}},
		{"bad tuple on its own line", "<LineString><coordinates>1,2\n 3,x 5,6</coordinates></LineString>", 5, `coordinates "3,x" are not numbers`, []string{"a", "bad", "c"}},
		{"one number", `<Point><coordinates>12</coordinates></Point>`, 4, `coordinates "12" are not longitude,latitude`, []string{"a", "bad", "c"}},
		{"out of range", `<Point><coordinates>200,10</coordinates></Point>`, 4, `coordinates "200,10" are out of range`, []string{"a", "bad", "c"}},
		{"short line", `<LineString><coordinates>1,2</coordinates></LineString>`, 4, "a LineString needs at least 2 positions; this one has 1", []string{"a", "bad", "c"}},
		{"short ring", `<Polygon><outerBoundaryIs><LinearRing><coordinates>1,2 3,4</coordinates></LinearRing></outerBoundaryIs></Polygon>`, 4,
			"a LinearRing needs at least 4 positions (3 corners and the first again); this one has 3", []string{"a", "bad", "c"}},
		{"no outer ring", `<Polygon></Polygon>`, 4, "a Polygon has no outerBoundaryIs", []string{"a", "bad", "c"}},
		{"empty point", `<Point></Point>`, 4, "a Point has no coordinates", []string{"a", "bad", "c"}},
		{"mismatched tag", `<Point><coordinates>1,2</coordinates></Pointe>`, 4, "the XML is malformed: element <Point> closed by </Pointe>", []string{"a"}},
		{"file cut short", "<Point>\n<!--", 5, "the XML ends too soon: an element is not closed", []string{"a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := fmt.Sprintf(kmlDoc, tt.bad)
			if strings.HasSuffix(tt.bad, "<!--") {
				doc = doc[:strings.Index(doc, "<!--")+4]
			}
			ls, probs := readKML(context.Background(), testSource([]byte(doc), "x.kml", false))
			if len(probs) != 1 || probs[0].Line != tt.line || !strings.Contains(probs[0].Msg, tt.want) {
				t.Fatalf("problems %v, want one at line %d saying %q", probs, tt.line, tt.want)
			}
			if len(ls) != 1 || !reflect.DeepEqual(ls[0].IDs, tt.ids) {
				t.Fatalf("layers %v, want one of %q", ls, tt.ids)
			}
			if i := ls[0].Index("bad"); i >= 0 && (ls[0].Located(i) || ls[0].Type(i) != layer.NoGeometry) {
				t.Errorf("the bad feature has a place (%s)", ls[0].Type(i))
			}
		})
	}
}

// TestKMLGood checks what is forgiven: a ring left open, a bad hole (left
// out, reported), white space after commas, attributes typed by Schema.
func TestKMLGood(t *testing.T) {
	tests := []struct {
		name, placemark string
		typ             string
		record          string
		probs           int
	}{
		{"open ring closed", `<Polygon><outerBoundaryIs><LinearRing><coordinates>0,0 1,0 1,1</coordinates></LinearRing></outerBoundaryIs></Polygon>`, "Polygon", `{}`, 0},
		{"bad hole left out", `<Polygon><outerBoundaryIs><LinearRing><coordinates>0,0 1,0 1,1 0,0</coordinates></LinearRing></outerBoundaryIs>
			<innerBoundaryIs><LinearRing><coordinates>0.1,0.1 x,1</coordinates></LinearRing></innerBoundaryIs></Polygon>`, "Polygon", `{}`, 1},
		{"spaces after commas", `<LineString><coordinates>1, 2 3 ,4</coordinates></LineString>`, "LineString", `{}`, 0},
		{"typed SimpleData", `<ExtendedData><SchemaData schemaUrl="#s"><SimpleData name="n">42</SimpleData><SimpleData name="f">2.50</SimpleData>
			<SimpleData name="b">1</SimpleData><SimpleData name="e"></SimpleData><SimpleData name="t">x &lt;y&gt;</SimpleData></SchemaData></ExtendedData>`,
			"None", `{"n":42,"f":2.5,"b":true,"e":null,"t":"x <y>"}`, 0},
		{"repeated keys", `<name>N</name><ExtendedData><Data name="name"><value>M</value></Data></ExtendedData>`, "None", `{"name":"N","name (2)":"M"}`, 0},
	}
	schema := `<Schema id="s"><SimpleField name="n" type="int"/><SimpleField name="f" type="double"/><SimpleField name="b" type="bool"/><SimpleField name="e" type="int"/></Schema>`
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := `<?xml version="1.0"?><kml><Document>` + schema + `<Placemark>` + tt.placemark + `</Placemark></Document></kml>`
			ls, probs := readKML(context.Background(), testSource([]byte(doc), "x.kml", false))
			if len(probs) != tt.probs || len(ls) != 1 || ls[0].Len() != 1 {
				t.Fatalf("%d layers, problems %v, want %d", len(ls), probs, tt.probs)
			}
			rec, _ := ls[0].Properties(0)
			if got := ls[0].Type(0).String(); got != tt.typ || string(rec) != tt.record {
				t.Errorf("%s %s, want %s %s", got, rec, tt.typ, tt.record)
			}
		})
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain keeps lines", "a\r\nb\n\n\n c ", "a\nb\n\nc"},
		{"entities in plain text", "AT&amp;T &lt;ok&gt;", "AT&T <ok>"},
		{"tags stripped", "<b>bold</b> and <i>italic</i>", "bold and italic"},
		{"breaks", "one<br>two<br/>three<p>four</p>", "one\ntwo\nthree\nfour"},
		{"source newlines in HTML are spaces", "<div>a\nb</div>", "a b"},
		{"script and style dropped", "<style>p{}</style>x<script>alert(1)</script>y", "xy"},
		{"link text kept", `see <a href="https://x.org">the site</a>.`, "see the site."},
		{"table cells apart", "<table><tr><td>k</td><td>v</td></tr></table>", "k v"},
		{"nbsp", "a&nbsp;b<br>", "a b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := plainText(tt.in); got != tt.want {
				t.Errorf("plainText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
