package data

import (
	"context"
	"encoding/json"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/lodemap/lodemap/geo/layer"
)

// addedLayer loads a file as the app adds one beside the embedded dataset:
// read, ids made unique, attached.
func addedLayer(t *testing.T, path string) (*Catalog, *layer.Layer, *LayerIndex) {
	t.Helper()
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	l, _, err := loadOne(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	l.ID = UniqueID(l.ID, c.LayerIDs())
	ix := IndexLayer(l)
	c.Attach(ix)
	return c, l, ix
}

// checkOwnDetails checks that each site's details are its own record's:
// the name and coordinates its CSV row gives.
func checkOwnDetails(t *testing.T, c *Catalog, l *layer.Layer, sites []int) {
	t.Helper()
	for _, i := range sites {
		d, ok := c.Details(l.Site(i))
		if !ok {
			t.Fatalf("no details for site %d", i)
		}
		props, err := l.Properties(i)
		if err != nil {
			t.Fatal(err)
		}
		var row struct {
			ID       string `json:"id"`
			RecordID string `json:"record_id"`
			Name     string `json:"name"`
			Lon, Lat string
		}
		if err := json.Unmarshal(props, &row); err != nil {
			t.Fatal(err)
		}
		if row.Name == "" { // a site without a name is shown by its record's id
			row.Name = row.ID + row.RecordID
		}
		lon, _ := strconv.ParseFloat(row.Lon, 64)
		lat, _ := strconv.ParseFloat(row.Lat, 64)
		if d.ID != l.IDs[i] || d.Name != row.Name || d.LonLat[0] != lon || d.LonLat[1] != lat {
			t.Errorf("site %d (row %q at %s, %s) shows %q %q at %v", i, row.Name, row.Lon, row.Lat, d.ID, d.Name, d.LonLat)
		}
		if len(c.Excerpts(l.Site(i))) > 0 {
			t.Errorf("site %d of an added layer has the dataset's excerpts", i)
		}
	}
}

// TestRepeatedIDs adds a file whose ids repeat, one of them a dataset
// feature's id: each site shows its own record, the repeats are renamed
// and reported once, and only the dataset's own feature has excerpts.
func TestRepeatedIDs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "repeats.csv")
	csv := "id,name,lon,lat\n" +
		"x,First X,10,10\n" +
		"x,Second X,11,11\n" +
		"x-2,Own x-2,12,12\n" +
		"tr-manisa-byd,Not BYD,13,13\n" +
		"x,Third X,14,14\n" +
		"tr-manisa-byd,Not BYD either,15,15\n"
	if err := os.WriteFile(path, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	c, l, ix := addedLayer(t, path)
	want := []string{"x", "x-3", "x-2", "tr-manisa-byd", "x-4", "tr-manisa-byd-2"}
	for i, id := range want {
		if l.IDs[i] != id {
			t.Errorf("id %d is %q, want %q", i, l.IDs[i], id)
		}
	}
	probs := ix.Problems()
	if ix.Duplicates() != 3 || len(probs) != 1 || probs[0].String() != path+": ids repeat: 3 features share an id with an earlier one; they were numbered id-2, id-3, ... in file order" {
		t.Errorf("%d duplicates, problems %v", ix.Duplicates(), probs)
	}
	checkOwnDetails(t, c, l, []int{0, 1, 2, 3, 4, 5})
	own, _ := c.Feature("tr-manisa-byd")
	if len(c.Excerpts(own.Site())) == 0 {
		t.Error("the dataset's own feature lost its excerpts")
	}
	if d, _ := c.Details(own.Site()); d.Name == "Not BYD" {
		t.Error("the added layer's feature replaced the dataset's")
	}
}

// TestUSGSSiteDetails adds the real USGS extract, whose record ids repeat
// across its source folders (626 appears 10 times), and checks 1,000
// random sites show their own records.
func TestUSGSSiteDetails(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "testdata", "usgs-mineral-sites.csv.gz")
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI must have %s", path)
		}
		t.Skip("no shared test data")
	}
	c, l, ix := addedLayer(t, path)
	if ix.Duplicates() == 0 || len(ix.Problems()) != 1 {
		t.Errorf("%d repeated ids, problems %v", ix.Duplicates(), ix.Problems())
	}
	seen := map[string]bool{}
	n626 := 0
	for _, id := range l.IDs {
		if seen[id] {
			t.Fatalf("id %q repeats after IndexLayer", id)
		}
		seen[id] = true
		if id == "626" || len(id) > 4 && id[:4] == "626-" && seen["626"] {
			n626++
		}
	}
	if !seen["626"] || !seen["626-10"] || n626 < 10 {
		t.Errorf("626 not renumbered: %d of them", n626)
	}
	rng := rand.New(rand.NewSource(1))
	sites := make([]int, 1000)
	for k := range sites {
		sites[k] = rng.Intn(l.Len())
	}
	checkOwnDetails(t, c, l, sites)
}

// TestDetach adds a layer and takes it off again: the dataset's layers
// stay, and the added layer's sites are no longer found.
func TestDetach(t *testing.T) {
	p := filepath.Join(t.TempDir(), "extra.csv")
	if err := os.WriteFile(p, []byte("id,name,lon,lat\nx1,One,30,40\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, l, _ := addedLayer(t, p)
	own := len(c.Layers) - 1
	tests := []struct {
		name string
		id   string
		want bool
	}{
		{"a dataset layer stays", c.Layers[0].ID, false},
		{"an added layer goes", l.ID, true},
		{"only once", l.ID, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if added := c.Added(tt.id); added != tt.want {
				t.Errorf("Added(%q) = %v", tt.id, added)
			}
			if got := c.Detach(tt.id); got != tt.want {
				t.Errorf("Detach(%q) = %v, want %v", tt.id, got, tt.want)
			}
		})
	}
	if len(c.Layers) != own {
		t.Errorf("%d layers left, want the dataset's %d", len(c.Layers), own)
	}
	if _, ok := c.Ref(l.Site(0)); ok {
		t.Error("a detached layer's site is still found")
	}
}
