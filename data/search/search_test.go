package search

import (
	"context"
	"testing"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/geo/layer"
)

// places is a layer file with Turkish names, as a user might add.
const places = `{"type":"FeatureCollection","features":[
{"type":"Feature","id":"esk","geometry":{"type":"Point","coordinates":[30.52,39.78]},"properties":{"name":"Eskişehir OSB","operator":"Organize Sanayi"}},
{"type":"Feature","id":"isp","geometry":{"type":"Point","coordinates":[30.55,37.76]},"properties":{"name":"Isparta Ofis","country_name":"Türkiye"}},
{"type":"Feature","id":"ist","geometry":{"type":"Point","coordinates":[28.97,41.01]},"properties":{"name":"İstanbul Liman","description":"Kıyı deposu"}},
{"type":"Feature","id":"izm","geometry":{"type":"Point","coordinates":[27.14,38.42]},"properties":{"name":"İzmir Alsancak"}}
]}`

// datasetIndex indexes the embedded dataset.
func datasetIndex(t testing.TB) (*Index, *data.Catalog) {
	t.Helper()
	cat, err := data.Default()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := New(context.Background(), cat)
	if err != nil {
		t.Fatal(err)
	}
	return ix, cat
}

// testIndex indexes the embedded dataset with the places layer added.
func testIndex(t testing.TB) (*Index, *data.Catalog) {
	t.Helper()
	ix, cat := datasetIndex(t)
	ls, probs := data.ReadLayers([]byte(places), "places.geojson", "places.geojson")
	if len(ls) != 1 || len(probs) > 0 {
		t.Fatalf("places: %d layers, %v", len(ls), probs)
	}
	ix, err := ix.With(context.Background(), ls[0])
	if err != nil {
		t.Fatal(err)
	}
	return ix, cat
}

func TestSearchSites(t *testing.T) {
	ix, _ := testIndex(t)
	tests := []struct {
		query string
		first string // the best hit's id
		has   []string
	}{
		{"eskisehir", "esk", []string{"tr-beylikova-ree-deposit"}},
		{"ESKİŞEHİR", "esk", nil},
		{"ISPARTA", "isp", nil},
		{"istanbul", "ist", nil},
		{"İSTANBUL liman", "ist", nil},
		{"izmir", "izm", nil},
		{"kiyi", "ist", nil},                          // in the description, folded
		{"turkiye", "tr-manisa-byd", []string{"isp"}}, // in a name first, then a country name
		{"beyl", "", []string{"tr-beylikova-ree-deposit", "tr-beylikova-pilot-plant"}}, // a prefix
		{"beylikvoa", "", []string{"tr-beylikova-ree-deposit"}},                        // a typo: letters swapped
		{"beylikova deposit", "tr-beylikova-ree-deposit", nil},
		{"tr-manisa-byd", "tr-manisa-byd", nil}, // an id
		{"byd", "tr-manisa-byd", nil},
		{"refinery", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			r := ix.Search(tt.query, 20, nil)
			if len(r.Sites) == 0 {
				t.Fatalf("nothing found")
			}
			if tt.first != "" && r.Sites[0].ID() != tt.first {
				t.Errorf("first hit %q (%s), want %q", r.Sites[0].ID(), r.Sites[0].Name(), tt.first)
			}
			for _, id := range tt.has {
				if !hasSite(r, id) {
					t.Errorf("%q not found among %d", id, len(r.Sites))
				}
			}
		})
	}
}

func hasSite(r Results, id string) bool {
	for _, s := range r.Sites {
		if s.ID() == id {
			return true
		}
	}
	return false
}

func TestSearchFindsNothing(t *testing.T) {
	ix, _ := testIndex(t)
	for _, q := range []string{"", "  ", "zzqx", "beylikova zzqx", "xqj"} {
		t.Run(q, func(t *testing.T) {
			if r := ix.Search(q, 20, nil); len(r.Sites) != 0 || r.TotalSites != 0 {
				t.Errorf("found %d: %s", r.TotalSites, r.Sites[0].Name())
			}
		})
	}
}

func TestSearchArticles(t *testing.T) {
	ix, _ := testIndex(t)
	tests := []struct {
		query   string
		excerpt bool // a matching excerpt is given
	}{
		{"eskisehir", true},
		{"china rare earths", false},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			r := ix.Search(tt.query, 20, nil)
			if len(r.Articles) == 0 {
				t.Fatal("no article found")
			}
			if e := r.Articles[0].Excerpt; tt.excerpt && (e == nil || !mentions(e.Quote, Words(Fold(tt.query))[0])) {
				t.Errorf("excerpt %v does not mention %q", e, tt.query)
			}
		})
	}
}

func TestWithout(t *testing.T) {
	ix, _ := testIndex(t)
	if r := ix.Without("places").Search("isparta", 5, nil); len(r.Sites) != 0 {
		t.Errorf("a removed layer's feature is found: %s", r.Sites[0].Name())
	}
	if r := ix.Search("isparta", 5, nil); len(r.Sites) == 0 {
		t.Error("Without changed the index it was called on")
	}
}

func TestTypoPrefix(t *testing.T) {
	tests := []struct {
		q, term string
		want    bool
	}{
		{"beyl", "beylikova", true},
		{"bayl", "beylikova", true},    // changed
		{"beyylik", "beylikova", true}, // one too many
		{"bylik", "beylikova", true},   // left out
		{"ebylik", "beylikova", true},  // swapped
		{"baylx", "beylikova", false},  // two
		{"manisaa", "manisa", true},    // one too many at the end
		{"manisaaa", "manisa", false},
		{"refinery", "refinery", true},
	}
	for _, tt := range tests {
		t.Run(tt.q+"/"+tt.term, func(t *testing.T) {
			if got := typoPrefix(tt.q, tt.term); got != tt.want {
				t.Errorf("typoPrefix(%q, %q) = %v", tt.q, tt.term, got)
			}
		})
	}
}

// TestIndexedLayerIsTheOneGiven checks hits point into the layers given.
func TestIndexedLayerIsTheOneGiven(t *testing.T) {
	ix, cat := testIndex(t)
	r := ix.Search("beylikova", 5, nil)
	var found *layer.Layer
	for _, l := range cat.Layers {
		if l == r.Sites[0].Layer {
			found = l
		}
	}
	if found == nil {
		t.Error("hit's layer is not one of the catalog's")
	}
}

// TestSearchHonoursFilter finds only what the active filter lets through.
func TestSearchHonoursFilter(t *testing.T) {
	ix, cat := datasetIndex(t)
	r, _ := cat.Feature("tr-beylikova-ree-deposit")
	masks := map[string]*layer.Mask{r.Layer.ID: layer.NewMask(r.Layer.Len(), func(i int) bool { return i != r.Index })}
	got := ix.Search("beylikova", 20, masks)
	if hasSite(got, "tr-beylikova-ree-deposit") || !hasSite(got, "tr-beylikova-pilot-plant") || got.TotalSites != 2 {
		t.Errorf("found %d through the filter: %v", got.TotalSites, got.Sites)
	}
}
