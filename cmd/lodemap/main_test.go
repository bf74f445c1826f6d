package main

import (
	"bytes"
	"encoding/json"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lodemap/lodemap/data"
)

func TestRun(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "map.png")
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout []string
		stderr []string
	}{
		{"version", []string{"version"}, 0, []string{"lodemap " + version}, nil},
		{"validate embedded", []string{"validate"}, 0, []string{"embedded dataset: 3 layers, 28 features, 5 articles"}, nil},
		{"validate broken", []string{"validate", "../../data/testdata/broken"}, 1,
			[]string{"../../data/testdata/broken/layers/a-good.geojson:4: feature \"site-c\": coordinates (200, 38.64) out of range",
				"../../data/testdata/broken/articles/quote.md:10: excerpt 2 (site-b): quote is not an exact substring"},
			[]string{"13 problems"}},
		{"validate missing folder", []string{"validate", "no-such-dir"}, 1, nil, []string{"no-such-dir"}},
		{"excerpts", []string{"excerpts", "tr-manisa-byd"}, 0, []string{"BYD has already committed to building a factory in Turkey"}, nil},
		{"search", []string{"search", "Beylikova"}, 0, []string{"Sites: 3 found", "tr-beylikova-ree-deposit", "tr-beylikova-pilot-plant", "Articles: 1 found"}, nil},
		{"search turkish casing", []string{"search", "ESKİŞEHİR"}, 0, []string{"Beylikova (Kizilcaoren)"}, nil},
		{"search added file", []string{"search", "--add", "../../data/testdata/kml/earth.kml", "eti maden head"}, 0, []string{"Eti Maden head office"}, nil},
		{"search filtered", []string{"search", "--filter", "kind=pilot_plant", "beylikova"}, 0, []string{"Sites: 1 found", "tr-beylikova-pilot-plant"}, nil},
		{"search an added file's feature once", []string{"search", "--add", "../../data/testdata/kml/earth.kml", "head office"}, 0, []string{"Sites: 1 found", "Eti Maden head office"}, nil},
		{"search nothing", []string{"search", "zzzqqq"}, 0, []string{"Sites: 0 found", "Articles: 0 found"}, nil},
		{"search without text", []string{"search"}, 1, nil, []string{"search needs the text to look for"}},
		{"excerpts unknown id", []string{"excerpts", "nope"}, 1, nil, []string{`no feature with id "nope"`}},
		{"export", []string{"export", "--size", "640x400", "--select", "tr-beylikova-ree-deposit", out}, 0, []string{"wrote " + out + " (640x400 px at 96 dpi)"}, nil},
		{"export flags after file", []string{"export", out, "--size", "320x200", "--center", "31.35,39.62", "--zoom", "8"}, 0, []string{"(320x200 px at 96 dpi)"}, nil},
		{"export broken dataset", []string{"export", "--data", "../../data/testdata/broken", "--size", "200x100", filepath.Join(dir, "broken.png")}, 0, []string{"(200x100 px at 96 dpi)"}, []string{"13 problems in ../../data/testdata/broken"}},
		{"export bad size", []string{"export", "--size", "big", out}, 1, nil, []string{`size "big": want WxH`}},
		{"export bad centre", []string{"export", "--center", "200,1", out}, 1, nil, []string{`--center "200,1"`}},
		{"export unknown select", []string{"export", "--select", "nope", out}, 1, nil, []string{`--select: no feature with id "nope"`}},
		{"export unknown format", []string{"export", filepath.Join(dir, "map.jpg")}, 1, nil, []string{"unknown format (want .png, .svg, .pdf, .kml or .kmz)"}},
		{"export kml", []string{"export", filepath.Join(dir, "map.kml")}, 0, []string{"map.kml (28 features in 3 layers)"}, nil},
		{"export kml filtered", []string{"export", "--filter", "kind=refinery", "--filter", "country=TR", filepath.Join(dir, "tr.kml")}, 0, []string{"tr.kml (1 feature in 3 layers)"}, nil},
		{"export png filtered", []string{"export", "--filter", "status=planned,announced", "--size", "320x200", out}, 0, []string{"(320x200 px at 96 dpi)"}, nil},
		{"export bad filter", []string{"export", "--filter", "depth>=deep", out}, 1, nil, []string{`"deep" is not a number`}},
		{"export kml as of a date", []string{"export", "--at", "2011", filepath.Join(dir, "2011.kml")}, 0, []string{"2011.kml (10 features in 3 layers)"}, nil},
		{"export png as of a date", []string{"export", "--at", "2024-09-04", "--size", "320x200", out}, 0, []string{"(320x200 px at 96 dpi)"}, nil},
		{"export bad date", []string{"export", "--at", "2024-13", out}, 1, nil, []string{`"2024-13" is not a date`}},
		{"search as of a date", []string{"search", "--at", "2010", "beylikova"}, 0, []string{"Sites: 0 found"}, nil},
		{"export kmz of one layer", []string{"export", "--layers", "deposits", filepath.Join(dir, "map.kmz")}, 0, []string{"map.kmz ("}, nil},
		{"export svg with furniture", []string{"export", "--title", "Rare earths", "--legend", "--scalebar", "--north", "--footnote", "--size", "800x500", filepath.Join(dir, "map.svg")}, 0, []string{"map.svg (800x500 px at 96 dpi)"}, nil},
		{"export pdf on paper", []string{"export", "--paper", "a4", "--landscape", "--layers", "deposits,processing", filepath.Join(dir, "map.pdf")}, 0, []string{"map.pdf (3508x2480 px at 300 dpi)"}, nil},
		{"export unknown layer", []string{"export", "--layers", "mines", filepath.Join(dir, "x.png")}, 1, nil, []string{`--layers: no layer "mines"`}},
		{"export bad paper", []string{"export", "--paper", "b5", filepath.Join(dir, "x.png")}, 1, nil, []string{`unknown paper "b5"`}},
		{"unknown command", []string{"frobnicate"}, 1, nil, []string{`unknown command "frobnicate"`, `Run "lodemap help"`}},
		{"help", []string{"help"}, 0, []string{"  lodemap validate [DIR|FILE]", "  lodemap info FILE", "  lodemap export", "Flags of the map window:", "-add"}, nil},
		{"--help", []string{"--help"}, 0, []string{"  lodemap excerpts", "  lodemap version"}, nil},
		{"-h", []string{"-h"}, 0, []string{"  lodemap help", "-select"}, nil},
		{"export -h", []string{"export", "-h"}, 0, []string{"Usage: lodemap export [flags] OUT.png|OUT.svg|OUT.pdf|OUT.kml|OUT.kmz", "-paper string"}, nil},
		{"validate -help", []string{"validate", "-help"}, 0, []string{"Usage: lodemap validate [DIR|FILE]"}, nil},
		{"unknown flag", []string{"--nope"}, 1, nil, []string{"flag provided but not defined: -nope", `Run "lodemap help"`}},
		{"export unknown flag", []string{"export", "--nope", out}, 1, nil, []string{"-nope", `Run "lodemap export -h"`}},
		{"export without file", []string{"export"}, 1, nil, []string{"export needs one output file", "Usage: lodemap export"}},
		{"excerpts without id", []string{"excerpts"}, 1, nil, []string{"excerpts needs one feature id", `Run "lodemap excerpts -h"`}},
		{"validate two folders", []string{"validate", "a", "b"}, 1, nil, []string{"validate takes one dataset folder or layer file, not 2"}},
		{"version with argument", []string{"version", "x"}, 1, nil, []string{"version takes no arguments"}},
		{"window with argument", []string{"--zoom", "3", "frobnicate"}, 1, nil, []string{`unknown command "frobnicate"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var so, se bytes.Buffer
			code := run(tt.args, &so, &se)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tt.code, se.String())
			}
			for _, w := range tt.stdout {
				if !strings.Contains(so.String(), w) {
					t.Errorf("stdout lacks %q:\n%s", w, so.String())
				}
			}
			for _, w := range tt.stderr {
				if !strings.Contains(se.String(), w) {
					t.Errorf("stderr lacks %q:\n%s", w, se.String())
				}
			}
			if tt.stdout == nil && so.Len() > 0 {
				t.Errorf("unexpected stdout:\n%s", so.String())
			}
			checkEndsWithNewline(t, "stdout", so.String())
			checkEndsWithNewline(t, "stderr", se.String())
		})
	}
	for _, name := range []string{"map.svg", "map.pdf"} {
		if st, err := os.Stat(filepath.Join(dir, name)); err != nil || st.Size() < 1000 {
			t.Errorf("%s not written: %v", name, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "x.png")); err == nil {
		t.Error("a failed export left a file")
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil || cfg.Width != 320 || cfg.Height != 200 {
		t.Errorf("exported PNG %dx%d (%v), want 320x200", cfg.Width, cfg.Height, err)
	}
}

func TestExcerptsJSON(t *testing.T) {
	var so, se bytes.Buffer
	if code := run([]string{"excerpts", "--json", "cn-shanghai-saic"}, &so, &se); code != 0 {
		t.Fatalf("exit %d: %s", code, se.String())
	}
	var v struct {
		ID       string
		Excerpts []struct{ Quote, Mention string }
	}
	if err := json.Unmarshal(so.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	if v.ID != "cn-shanghai-saic" || len(v.Excerpts) != 1 || v.Excerpts[0].Mention != "SAIC Motor Corp." {
		t.Errorf("got %s", so.String())
	}
}

// TestHelpListsCommands checks that the help gives each command one line.
func TestHelpListsCommands(t *testing.T) {
	var so, se bytes.Buffer
	if code := run([]string{"help"}, &so, &se); code != 0 {
		t.Fatalf("exit %d: %s", code, se.String())
	}
	lines := strings.Split(so.String(), "\n")
	for _, name := range []string{"[flags]", "validate", "excerpts", "export", "version", "help"} {
		t.Run(name, func(t *testing.T) {
			n := 0
			for _, l := range lines {
				if f := strings.Fields(l); len(f) > 3 && f[0] == "lodemap" && f[1] == name {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%d lines of the help describe %q, want 1:\n%s", n, name, so.String())
			}
		})
	}
}

// TestExportKMLReadByGDAL exports the dataset as KML and has GDAL read it
// back: the same features, by layer, with their names and attributes.
func TestExportKMLReadByGDAL(t *testing.T) {
	if _, err := exec.LookPath("ogr2ogr"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("CI must provide ogr2ogr (gdal-bin)")
		}
		t.Skip("needs ogr2ogr (gdal-bin)")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "map.kml")
	var so, se bytes.Buffer
	if code := run([]string{"export", out}, &so, &se); code != 0 {
		t.Fatalf("export: %d %s", code, se.String())
	}
	cat, err := data.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range cat.Layers {
		t.Run(l.ID, func(t *testing.T) {
			js, err := exec.Command("ogr2ogr", "-f", "GeoJSON", "/vsistdout/", out, l.Title).Output()
			if err != nil {
				t.Fatalf("ogr2ogr cannot read layer %q: %v", l.Title, err)
			}
			var fc struct {
				Features []struct {
					Properties map[string]any `json:"properties"`
				} `json:"features"`
			}
			if err := json.Unmarshal(js, &fc); err != nil {
				t.Fatal(err)
			}
			if len(fc.Features) != l.Len() {
				t.Fatalf("GDAL reads %d features, the layer has %d", len(fc.Features), l.Len())
			}
			for i, f := range fc.Features {
				if f.Properties["Name"] != l.Names[i] || f.Properties["kind"] != l.Kinds[i] {
					t.Errorf("feature %d: GDAL reads %v, want name %q kind %q", i, f.Properties, l.Names[i], l.Kinds[i])
				}
			}
		})
	}
}

// TestValidateAndInfoOfFiles runs validate and info on single layer files
// of plain GeoJSON: counts by geometry type, or the problems by line.
func TestValidateAndInfoOfFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("shapes.geojson", `{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[30,39],[32,39],[32,41],[30,39]]]},"properties":{"name":"Outline","area_km2":12.5}},
{"type":"Feature","geometry":{"type":"MultiPoint","coordinates":[[30,39],[31,40]]},"properties":{"name":"Wells","count":2}},
{"type":"Feature","geometry":null,"properties":{"name":"Office","count":null}}]}`)
	bad := write("bad.geojson", `{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"LineString","coordinates":[[30,39]]},"properties":{}}]}`)
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout []string
	}{
		{"validate a good file", []string{"validate", good}, 0, []string{good + ": Shapes, 3 features: 1 Polygon, 1 MultiPoint, 1 None"}},
		{"validate a bad file", []string{"validate", bad}, 1, []string{bad + `:2: feature "bad-1": a line has 1 position; it needs at least two`}},
		{"info", []string{"info", good}, 0, []string{"Layer: Shapes (id shapes)", "Format: GeoJSON", "Coordinate system: WGS 84", "Extent: (30, 39) - (32, 41) lon/lat",
			"Features: 3", "  Polygon: 1", "  None: 1", "  name: String", "  area_km2: Real", "  count: Integer"}},
		{"info of a missing file", []string{"info", filepath.Join(dir, "nope.shp")}, 1, nil},
		{"export with an added file", []string{"export", "--add", good, "--select", "shapes-1", "--size", "320x200", filepath.Join(dir, "added.png")}, 0, []string{"(320x200 px at 96 dpi)"}},
		{"export kml with an added file", []string{"export", "--add", good, "--layers", "shapes", filepath.Join(dir, "added.kml")}, 0, []string{"(3 features in 1 layer)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var so, se bytes.Buffer
			if code := run(tt.args, &so, &se); code != tt.code {
				t.Fatalf("exit %d, want %d\n%s%s", code, tt.code, so.String(), se.String())
			}
			for _, want := range tt.stdout {
				if !strings.Contains(so.String(), want) {
					t.Errorf("output lacks %q:\n%s", want, so.String())
				}
			}
		})
	}
}
