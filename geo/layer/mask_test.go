package layer

import "testing"

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
