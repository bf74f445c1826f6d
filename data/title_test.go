package data

import (
	"bufio"
	"context"
	"testing"

	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/lodemap/lodemap/geo/layer"
)

func TestFileTitle(t *testing.T) {
	tests := []struct{ name, want string }{
		{"usgs_mrds-extract.geojson", "Usgs mrds extract"},
		{"/home/ana/Downloads/mines.csv", "Mines"},
		{"Rare earths.gpkg", "Rare earths"},
		{"sites__2024--v2.0.fgb", "Sites 2024 v2 0"},
		{"roads.shp.zip", "Roads"},
		{"élan_sites.kml", "Élan sites"},
		{"ALREADY_Upper.kmz", "ALREADY Upper"},
		{"___.csv", "___"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FileTitle(tt.name); got != tt.want {
				t.Errorf("FileTitle(%q) = %q, want %q", tt.name, got, tt.want)
			}
		})
	}
}

// titlesOf reads a file's bytes as an added file is read and gives its
// layers' ids and titles.
func titlesOf(t *testing.T, b []byte, name string) (ids, titles []string) {
	t.Helper()
	ls, probs := ReadLayers(b, name, name)
	if len(probs) > 0 || len(ls) == 0 {
		t.Fatalf("%d layers, %v", len(ls), probs)
	}
	for _, l := range ls {
		ids, titles = append(ids, l.ID), append(titles, l.Title)
	}
	return ids, titles
}

// TestGeoJSONTitle titles a GeoJSON layer by its "title" member, else its
// "name", else its file's name, by the fast reader and the careful one
// alike; a name that is only the file's name again (as GDAL writes it) is
// made a title.
func TestGeoJSONTitle(t *testing.T) {
	const feature = `{"type":"Feature","geometry":{"type":"Point","coordinates":[30,39]},"properties":{"id":"a"}}`
	tests := []struct{ name, members, want string }{
		{"name", `"name":"Rare-earth sites",`, "Rare-earth sites"},
		{"title", `"title":"Rare-earth sites",`, "Rare-earth sites"},
		{"title before name", `"title":"Title","name":"Name",`, "Title"},
		{"title after name", `"name":"Name","title":"Title",`, "Title"},
		{"name after features", ``, "Late"},
		{"name of the file", `"name":"usgs_mrds-extract",`, "Usgs mrds extract"},
		{"empty name", `"name":"",`, "Usgs mrds extract"},
		{"none", ``, "Usgs mrds extract"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := `{"type":"FeatureCollection",` + tt.members + `"features":[` + feature + `]}`
			if tt.name == "name after features" {
				doc = `{"type":"FeatureCollection","features":[` + feature + `],"name":"Late"}`
			}
			src := testSource([]byte(doc), "usgs_mrds-extract.geojson", false)
			fast, ok := readGeoJSONFast(context.Background(), src)
			careful, probs := readGeoJSONCareful(src)
			if !ok || len(probs) > 0 {
				t.Fatalf("fast read %v; problems %v", ok, probs)
			}
			for _, l := range []*layer.Layer{fast, careful} {
				if l.Title != tt.want || l.ID != "usgs_mrds-extract" {
					t.Errorf("layer %q titled %q, want %q", l.ID, l.Title, tt.want)
				}
			}
		})
	}
}

// TestKMLTitle titles a KML layer by its Document's name, unless that is
// the file's name (as Google Earth writes it).
func TestKMLTitle(t *testing.T) {
	tests := []struct{ name, doc, want string }{
		{"document name", "Mines of Anatolia", "Mines of Anatolia"},
		{"file name", "usgs_mrds-extract.kml", "Usgs mrds extract"},
		{"none", "", "Usgs mrds extract"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kml := `<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>` + tt.doc +
				`</name><Placemark><name>A</name><Point><coordinates>30,39</coordinates></Point></Placemark></Document></kml>`
			ids, titles := titlesOf(t, []byte(kml), "usgs_mrds-extract.kml")
			if ids[0] != "usgs_mrds-extract" || titles[0] != tt.want {
				t.Errorf("layer %q titled %q, want %q", ids[0], titles[0], tt.want)
			}
		})
	}
}

// TestCSVTitle titles a table, which has no metadata, by its file's name.
func TestCSVTitle(t *testing.T) {
	ids, titles := titlesOf(t, []byte("id,lon,lat\na,30,39\n"), "usgs_mrds-extract.csv")
	if ids[0] != "usgs_mrds-extract" || titles[0] != "Usgs mrds extract" {
		t.Errorf("layer %q titled %q", ids[0], titles[0])
	}
}

// writeSites writes one GeoJSON site, for GDAL to convert.
func writeSites(w *bufio.Writer) error {
	_, err := w.WriteString(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[30,39]},"properties":{"id":"a","name":"A"}}]}`)
	return err
}

// TestGDALTitles has GDAL write GeoPackages and FlatGeobufs with and
// without a name of their own: a table's identifier and a FlatGeobuf's
// layer name title the layer; one that only repeats the file's name, as
// GDAL writes by default, gives way to the file's name made a title.
func TestGDALTitles(t *testing.T) {
	tests := []struct {
		name, file string
		args       []string
		want       string
	}{
		{"GeoPackage identifier", "usgs_mrds-extract.gpkg", []string{"-f", "GPKG", "-nln", "usgs_mrds-extract", "-lco", "IDENTIFIER=Mines of Anatolia"}, "Mines of Anatolia"},
		{"GeoPackage without", "usgs_mrds-extract.gpkg", []string{"-f", "GPKG", "-nln", "usgs_mrds-extract"}, "Usgs mrds extract"},
		{"FlatGeobuf name", "usgs_mrds-extract.fgb", []string{"-f", "FlatGeobuf", "-nln", "Mines of Anatolia"}, "Mines of Anatolia"},
		{"FlatGeobuf without", "usgs_mrds-extract.fgb", []string{"-f", "FlatGeobuf", "-nln", "usgs_mrds-extract"}, "Usgs mrds extract"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := gdalConvert(t, "s.geojson", tt.file, writeSites, tt.args...)
			ls, probs, err := LoadFile(context.Background(), path, nil)
			if err != nil || len(probs) > 0 || len(ls) != 1 {
				t.Fatalf("%d layers, %v, %v", len(ls), probs, err)
			}
			if ls[0].ID != "usgs_mrds-extract" || ls[0].Title != tt.want {
				t.Errorf("layer %q titled %q, want %q", ls[0].ID, ls[0].Title, tt.want)
			}
		})
	}
}

// TestFlatGeobufTitle reads a FlatGeobuf header's title, before its name
// (GDAL 3.6 writes no title, so the header is made here).
func TestFlatGeobufTitle(t *testing.T) {
	tests := []struct{ name, title, want string }{
		{"Sites", "Rare-earth sites", "Rare-earth sites"},
		{"Sites", "", "Sites"},
		{"", "", "Usgs mrds extract"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			b := flatbuffers.NewBuilder(0)
			var name, title flatbuffers.UOffsetT
			if tt.name != "" {
				name = b.CreateString(tt.name)
			}
			if tt.title != "" {
				title = b.CreateString(tt.title)
			}
			b.StartObject(14)
			b.PrependUOffsetTSlot(0, name, 0)
			b.PrependUOffsetTSlot(11, title, 0)
			b.PrependByteSlot(2, 1, 0) // points
			b.Finish(b.EndObject())
			l, _, _, _, err := fgbHeader(b.FinishedBytes(), testSource(nil, "usgs_mrds-extract.fgb", false))
			if err != nil || l.Title != tt.want {
				t.Errorf("titled %q (%v), want %q", l.Title, err, tt.want)
			}
		})
	}
}
