package layer

import (
	"testing"

	"github.com/paulmach/orb"
)

func TestMask(t *testing.T) {
	tests := []struct {
		name string
		n    int
		keep func(i int) bool
		want int
	}{
		{"none", 130, func(int) bool { return false }, 0},
		{"all", 130, func(int) bool { return true }, 130},
		{"even", 130, func(i int) bool { return i%2 == 0 }, 65},
		{"empty layer", 0, func(int) bool { return true }, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := NewMask(tt.n, tt.keep)
			if m.Count(tt.n) != tt.want {
				t.Errorf("count %d, want %d", m.Count(tt.n), tt.want)
			}
			for i := -1; i <= tt.n; i++ {
				want := i >= 0 && i < tt.n && tt.keep(i)
				if m.Has(i) != want {
					t.Fatalf("Has(%d) = %v", i, m.Has(i))
				}
			}
		})
	}
	var all *Mask
	if !all.Has(5) || all.Count(7) != 7 || all.Serial() != 0 {
		t.Error("a nil mask lets everything through")
	}
	if a, b := NewMask(1, keepAll), NewMask(1, keepAll); a.Serial() == b.Serial() {
		t.Error("two masks share a serial")
	}
}

func keepAll(int) bool { return true }

func TestMaskAnd(t *testing.T) {
	even := NewMask(130, func(i int) bool { return i%2 == 0 })
	third := NewMask(130, func(i int) bool { return i%3 == 0 })
	tests := []struct {
		name string
		a, b *Mask
		keep func(i int) bool
	}{
		{"both", even, third, func(i int) bool { return i%6 == 0 }},
		{"nil left", nil, third, func(i int) bool { return i%3 == 0 }},
		{"nil right", even, nil, func(i int) bool { return i%2 == 0 }},
		{"both nil", nil, nil, func(int) bool { return true }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, n := tt.a.And(tt.b), 0
			for i := range 130 {
				if m.Has(i) != tt.keep(i) {
					t.Fatalf("Has(%d) = %v", i, m.Has(i))
				}
				if tt.keep(i) {
					n++
				}
			}
			if m.Count(130) != n {
				t.Errorf("count %d, want %d", m.Count(130), n)
			}
		})
	}
	all := AndAll(map[string]*Mask{"a": even, "b": even}, map[string]*Mask{"a": third, "c": third})
	if all["a"].Count(130) != 22 || all["b"] != even || all["c"] != third {
		t.Errorf("AndAll: a %d, b %v, c %v", all["a"].Count(130), all["b"] == even, all["c"] == third)
	}
}

func TestStatuses(t *testing.T) {
	l := &Layer{ID: "l"}
	l.Add("a", "A", "deposit", "operating", orb.Point{0, 0}, nil, 1)
	l.Add("b", "B", "deposit", "planned", orb.Point{1, 1}, nil, 2)
	var none *Statuses
	s := NewStatuses([]string{"announced", "under_construction"})
	if none.Of(l, 0) != "operating" || s.Of(l, 0) != "announced" || s.Of(l, 1) != "under_construction" {
		t.Errorf("Of: %q %q %q", none.Of(l, 0), s.Of(l, 0), s.Of(l, 1))
	}
	if none.Serial() != 0 || s.Serial() == NewStatuses(nil).Serial() {
		t.Error("serials do not tell Statuses apart")
	}
}
