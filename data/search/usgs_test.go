package search

import (
	"context"
	"testing"

	"github.com/lodemap/lodemap/data/datatest"
)

// TestSearchUSGS searches the real USGS extract (85,254 sites, repeated
// record ids, names such as "Unnamed (at head of Turk Creek)" and
// "Tungsten Hill; Grand Duke Nikolas; ..."), whose attributes are all
// indexed.
func TestSearchUSGS(t *testing.T) {
	ix, _ := testIndex(t)
	ix, err := ix.With(context.Background(), datatest.USGS(t))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query, name string // a hit's name
	}{
		{"turk creek", "Turk Creek"},
		{"grand duke nikolas", "Tungsten Hill; Grand Duke Nikolas; Tungsten No. 1; General Joffre"},
		{"stibnite hill antimony", "Stibnite Hill (US Antimony mine)"}, // a name and the commodities column
		{"stibnte hill", "Stibnite Hill (US Antimony mine)"},           // a typo
		{"president pierce", "President Pierce Mine"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			r := ix.Search(tt.query, 20, nil)
			found := false
			for _, s := range r.Sites {
				found = found || s.Name() == tt.name
			}
			if !found {
				t.Errorf("%q not among %d hits", tt.name, r.TotalSites)
			}
			if len(r.Partial) != 0 {
				t.Errorf("layers not fully indexed: %v", r.Partial)
			}
		})
	}
}
