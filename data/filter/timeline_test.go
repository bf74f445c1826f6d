package filter

import (
	"context"
	"testing"

	"github.com/lodemap/lodemap/data"
)

// statusAt is each dataset feature's status at date, "" when not known
// by then.
func statusAt(t *testing.T, tl *Timeline, cat *data.Catalog, date string) map[string]string {
	t.Helper()
	masks, statuses := tl.At(date)
	out := map[string]string{}
	for _, l := range cat.Layers {
		for i := range l.Len() {
			if masks[l.ID].Has(i) {
				out[l.IDs[i]] = statuses[l.ID].Of(l, i)
			} else {
				out[l.IDs[i]] = ""
			}
		}
	}
	return out
}

func TestTimelineDataset(t *testing.T) {
	cat, err := data.Default()
	if err != nil {
		t.Fatal(err)
	}
	tl, err := NewTimeline(context.Background(), cat, cat.Layers, NewColumns())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		date, id, want string
	}{
		// Eti Maden took up exploring the deposit again in 2011.
		{"2010-12-31", "tr-beylikova-ree-deposit", ""},
		{"2011", "tr-beylikova-ree-deposit", "planned"},
		// The pilot plant opened on 18 April 2023.
		{"2023-04-17", "tr-beylikova-pilot-plant", ""},
		{"2023-04-18", "tr-beylikova-pilot-plant", "operating"},
		// BYD Manisa: agreed in July 2024, earthworks in February 2025.
		{"2024-06-30", "tr-manisa-byd", ""},
		{"2024-09-04", "tr-manisa-byd", "announced"},
		{"2025-03-01", "tr-manisa-byd", "under_construction"},
		{"2026-06-01", "tr-manisa-byd", "under_construction"},
		// Baotou: construction began in March 2023, output in October 2024.
		{"2023-06", "cn-baotou-cnre-refinery", "under_construction"},
		{"2024-10-15", "cn-baotou-cnre-refinery", "operating"},
		// Narva was inaugurated in 2025 but is still commissioning.
		{"2024", "ee-narva-neo-magnets", "under_construction"},
		{"2025-10", "ee-narva-neo-magnets", "commissioning"},
		// Sites without a date are always shown as they are.
		{"1900", "us-mountain-pass", "operating"},
	}
	for _, tt := range tests {
		t.Run(tt.date+" "+tt.id, func(t *testing.T) {
			if got := statusAt(t, tl, cat, tt.date)[tt.id]; got != tt.want {
				t.Errorf("status at %s = %q, want %q", tt.date, got, tt.want)
			}
		})
	}
	ds := tl.Dates()
	if len(ds) < 10 || ds[0] > ds[len(ds)-1] {
		t.Errorf("dates %v: want many, sorted", ds)
	}
}

func TestStageOf(t *testing.T) {
	tests := []struct {
		key  string
		want stage
		ok   bool
	}{
		{"production_start", operating, true},
		{"construction_start", building, true},
		{"construction_restart", building, true},
		{"draft_rod_published", known, true},
		{"trial_production", commissioning, true},
		{"opening_target", 0, false},
		{"discovery_announced", known, true},
		{"inaugurated", operating, true},
		{"", known, true},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			got, ok := stageOf(tt.key)
			if got != tt.want || ok != tt.ok {
				t.Errorf("stageOf(%q) = %v %v, want %v %v", tt.key, got, ok, tt.want, tt.ok)
			}
		})
	}
}
