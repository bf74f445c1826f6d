package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

// shapesFile is an added file of plain GeoJSON (no ids, no schema): a
// licence polygon with a hole, a rail line across it, and an office with
// no geometry.
const shapesFile = `{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[30,39],[32,39],[32,40.5],[30,40.5],[30,39]],[[30.8,39.4],[30.8,40],[31.4,40],[31.4,39.4],[30.8,39.4]]]},"properties":{"name":"Licence"}},
{"type":"Feature","geometry":{"type":"LineString","coordinates":[[29.5,40.2],[32.5,40.2]]},"properties":{"name":"Rail"}},
{"type":"Feature","geometry":null,"properties":{"name":"Office"}}
]}`

// TestTapShapes adds a file of a polygon, a line and an unlocated
// feature, then clicks inside the polygon, in its hole and beside the
// line, as a user would.
func TestTapShapes(t *testing.T) {
	w, _ := newTestWindow(t)
	addFile(t, w, "licences.geojson", shapesFile)
	w.Map.SetView(view.New(orb.Point{31, 39.8}, 7, 0, 0))
	waitFrame(t, w.Map)
	if c := w.Layers.Check("licences"); c == nil || c.Text != "Licences (3)" { // titled by the file's name
		t.Fatalf("layer panel row %+v", c)
	}
	at := func(lon, lat float64, dy float32) fyne.Position {
		x, y := w.Map.View().ToPixel(orb.Point{lon, lat})
		abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(w.Map)
		return fyne.NewPos(abs.X+float32(x), abs.Y+float32(y)+dy)
	}
	tests := []struct {
		name  string
		pos   fyne.Position
		want  string // selected id
		shown []string
	}{
		{"inside the polygon", at(30.4, 39.3, 0), "licences-1", []string{"Licence", "Polygon", "25,1", "km²", "913 km"}},
		{"in the hole", at(31.1, 39.7, 0), "", nil},
		{"5 px from the line", at(31.1, 40.2, 5), "licences-2", []string{"Rail", "Line", "255 km"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			test.TapCanvas(w.Canvas(), tt.pos)
			waitFrame(t, w.Map)
			if got := idOf(w, w.Map.Selected()); got != tt.want {
				t.Fatalf("selected %q, want %q", got, tt.want)
			}
			shown := texts(w.Details)
			for _, s := range tt.shown {
				if !strings.Contains(shown, s) {
					t.Errorf("details lack %q:\n%s", s, shown)
				}
			}
		})
	}
	// The office has no place on the map but is listed, with its details.
	d, ok := w.cat.Details(w.Map.Layers()[len(w.Map.Layers())-1].Site(2))
	if !ok || d.Name != "Office" || d.Located {
		t.Errorf("the unlocated office: %+v", d)
	}
}

// addFile writes a layer file of the given name and body and adds it to
// the window, as File > Add layer does, waiting for the load to end.
func addFile(t *testing.T, w *Window, name, body string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	drainUntil(t, "the load", w.AddLayerFile(path).Done)
}
