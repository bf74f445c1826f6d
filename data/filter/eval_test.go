package filter

import (
	"compress/gzip"
	"context"
	"encoding/csv"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/data/datatest"
	"github.com/lodemap/lodemap/geo/layer"
)

// kept lists the ids of the dataset's features a filter keeps.
func kept(t *testing.T, cat *data.Catalog, exprs ...string) []string {
	t.Helper()
	var f Filter
	for _, e := range exprs {
		c, err := Parse(e)
		if err != nil {
			t.Fatal(err)
		}
		f = append(f, c)
	}
	masks, err := f.Masks(context.Background(), cat, cat.Layers, NewColumns())
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, l := range cat.Layers {
		for i := range l.Len() {
			if masks[l.ID].Has(i) {
				ids = append(ids, l.IDs[i])
			}
		}
	}
	return ids
}

func TestFilterDataset(t *testing.T) {
	cat, err := data.Default()
	if err != nil {
		t.Fatal(err)
	}
	// each is what every feature kept must be, checked on the catalog's
	// own values; has are ids that must be kept.
	tests := []struct {
		exprs []string
		has   []string
		not   []string
		each  func(l *layer.Layer, i int) bool
	}{
		{[]string{"kind=refinery"}, []string{"tr-beylikova-industrial-plant"}, []string{"tr-beylikova-ree-deposit"},
			func(l *layer.Layer, i int) bool { return l.Kinds[i] == "refinery" }},
		{[]string{"kind=Automaker plant"}, []string{"tr-manisa-byd"}, nil,
			func(l *layer.Layer, i int) bool { return l.Kinds[i] == "automaker_plant" }},
		{[]string{"status=planned,announced"}, []string{"tr-beylikova-ree-deposit"}, []string{"tr-beylikova-pilot-plant"},
			func(l *layer.Layer, i int) bool { return l.Status[i] == "planned" || l.Status[i] == "announced" }},
		{[]string{"country=TR"}, []string{"tr-manisa-byd", "tr-beylikova-ree-deposit"}, nil, nil},
		{[]string{"country=turkey"}, []string{"tr-manisa-byd", "tr-beylikova-ree-deposit"}, nil, nil},
		{[]string{"commodity=REE"}, []string{"tr-beylikova-ree-deposit"}, []string{"tr-manisa-byd"}, nil},
		{[]string{"layer=deposits"}, []string{"tr-beylikova-ree-deposit"}, []string{"tr-manisa-byd"}, nil},
		{[]string{"kind=refinery", "country=TR"}, []string{"tr-beylikova-industrial-plant"}, []string{"cn-baotou-cnre-refinery", "tr-beylikova-pilot-plant"}, nil},
		{[]string{"date=2024-07"}, []string{"tr-manisa-byd"}, nil, nil},
		{[]string{"date=..2000"}, nil, []string{"tr-manisa-byd"}, nil},
		{[]string{"kind=nothing-such"}, nil, []string{"tr-manisa-byd"}, func(*layer.Layer, int) bool { return false }},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.exprs, " "), func(t *testing.T) {
			ids := kept(t, cat, tt.exprs...)
			for _, id := range tt.has {
				if !slices.Contains(ids, id) {
					t.Errorf("%s left out; kept %v", id, ids)
				}
			}
			for _, id := range tt.not {
				if slices.Contains(ids, id) {
					t.Errorf("%s kept", id)
				}
			}
			if tt.each == nil {
				return
			}
			for _, l := range cat.Layers {
				for i := range l.Len() {
					if want := tt.each(l, i); want != slices.Contains(ids, l.IDs[i]) {
						t.Errorf("%s (%s, %s): kept %v, want %v", l.IDs[i], l.Kinds[i], l.Status[i], !want, want)
					}
				}
			}
		})
	}
}

// TestFilterUSGS filters the real USGS extract by commodity and counts
// against the CSV read here: "Au" and "Gold" are one commodity.
func TestFilterUSGS(t *testing.T) {
	path := datatest.USGSPath(t)
	usgs := datatest.USGS(t)
	// A value that begins with the word counts: one record lists
	// "Au Bi" for "Au|Bi".
	want := countCSV(t, path, func(commodities string) bool {
		for _, c := range strings.Split(commodities, "|") {
			if w := strings.Fields(strings.ToLower(c)); len(w) > 0 && (w[0] == "au" || w[0] == "gold") {
				return true
			}
		}
		return false
	})
	for _, v := range []string{"Au", "gold"} {
		t.Run(v, func(t *testing.T) {
			c, _ := Parse("commodity=" + v)
			m, err := Filter{c}.Mask(context.Background(), nil, usgs, NewColumns())
			if err != nil {
				t.Fatal(err)
			}
			if got := m.Count(usgs.Len()); got != want || want < 1000 {
				t.Errorf("%d sites kept, the CSV has %d with gold", got, want)
			}
		})
	}
}

// countCSV counts the USGS rows whose commodities keep accepts.
func countCSV(t *testing.T, path string, keep func(string) bool) int {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(z).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(rows[0], "commodities")
	n := 0
	for _, r := range rows[1:] {
		if keep(r[col]) {
			n++
		}
	}
	return n
}

func TestFacet(t *testing.T) {
	cat, err := data.Default()
	if err != nil {
		t.Fatal(err)
	}
	kindRefinery, _ := Parse("kind=refinery")
	countryTR, _ := Parse("country=TR")
	tests := []struct {
		name  string
		f     Filter
		field string
		want  Count // among the counts
	}{
		{"kinds, no filter", nil, "kind", Count{"automaker_plant", 11}},
		{"kinds stay counted when filtered by kind", Filter{kindRefinery}, "kind", Count{"automaker_plant", 11}},
		{"kinds of Turkish sites", Filter{countryTR}, "kind", Count{"refinery", 1}},
		{"countries of refineries", Filter{kindRefinery}, "country", Count{"TR", 1}},
		{"layers", Filter{kindRefinery}, "layer", Count{"processing", 6}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			counts, err := tt.f.Facet(context.Background(), cat, cat.Layers, NewColumns(), tt.field, 50)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(counts, tt.want) {
				t.Errorf("counts %v lack %v", counts, tt.want)
			}
		})
	}
}

// TestFacetsReadOnce counts every facet of the dataset at once: the same
// counts as one facet at a time, with the columns of every attribute
// facet read for each layer.
func TestFacetsReadOnce(t *testing.T) {
	cat, err := data.Default()
	if err != nil {
		t.Fatal(err)
	}
	kindRefinery, _ := Parse("kind=refinery")
	f := Filter{kindRefinery}
	fields := []string{"kind", "status", "country", "operator", "commodity"}
	cols := NewColumns()
	all, err := f.Facets(context.Background(), cat, cat.Layers, cols, fields, 50)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(cols.cols); n != 3*len(cat.Layers) {
		t.Errorf("%d columns read, want country, operator and commodity of each layer", n)
	}
	for _, field := range fields {
		one, err := f.Facet(context.Background(), cat, cat.Layers, NewColumns(), field, 50)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(one, all[field]) {
			t.Errorf("%s: %v at once, %v alone", field, all[field], one)
		}
	}
}
