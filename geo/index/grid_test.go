package index

import (
	"math/rand"
	"testing"

	"github.com/paulmach/orb"
)

func TestWithinNearestFirst(t *testing.T) {
	pts := []orb.Point{{0.5, 0.5}, {0.5005, 0.5}, {0.2, 0.2}, {0.5, 0.5}, {0.9, 0.1}}
	g := New(pts)
	tests := []struct {
		name   string
		grid   *Grid
		p      orb.Point
		r      float64
		want   int
		wantOK bool
	}{
		{"exact hit", g, orb.Point{0.2, 0.2}, 0.001, 2, true},
		{"nearest of two", g, orb.Point{0.5004, 0.5}, 0.001, 1, true},
		{"tie goes to the first feature", g, orb.Point{0.5, 0.5}, 0.001, 0, true},
		{"outside tolerance", g, orb.Point{0.3, 0.3}, 0.01, -1, false},
		{"just inside tolerance", g, orb.Point{0.9, 0.1099}, 0.01, 4, true},
		{"empty layer", New(nil), orb.Point{0.5, 0.5}, 1, -1, false},
		{"point outside unit square", g, orb.Point{-0.5, 2}, 0.1, -1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits := tt.grid.Within(tt.p, tt.r)
			if ok := len(hits) > 0; ok != tt.wantOK || (ok && hits[0].Index != tt.want) {
				t.Errorf("Within = %+v; want nearest %d, found %v", hits, tt.want, tt.wantOK)
			}
		})
	}
}

func TestWithinOrder(t *testing.T) {
	pts := []orb.Point{{0.5, 0.5}, {0.5003, 0.5}, {0.5001, 0.5}, {0.5, 0.5}, {0.6, 0.6}}
	g := New(pts)
	hits := g.Within(orb.Point{0.5, 0.5}, 0.0005)
	want := []int{0, 3, 2, 1}
	if len(hits) != len(want) {
		t.Fatalf("got %d hits, want %d: %+v", len(hits), len(want), hits)
	}
	for i, h := range hits {
		if h.Index != want[i] {
			t.Errorf("hit %d = %d, want %d", i, h.Index, want[i])
		}
	}
}

func TestMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	pts := randomPoints(rng, 20000)
	g := New(pts)
	for i := 0; i < 500; i++ {
		q := orb.Point{rng.Float64(), rng.Float64()}
		r := rng.Float64() * 0.02
		want, wantOK := -1, false
		best := r * r
		for j, p := range pts {
			dx, dy := p[0]-q[0], p[1]-q[1]
			if d := dx*dx + dy*dy; d <= best && (!wantOK || d < best) {
				best, want, wantOK = d, j, true
			}
		}
		hits := g.Within(q, r)
		if ok := len(hits) > 0; ok != wantOK || (ok && hits[0].Index != want) {
			t.Fatalf("query %v r %g: got %+v, want %d %v", q, r, hits, want, wantOK)
		}
	}
}

func TestInBox(t *testing.T) {
	pts := []orb.Point{{0.1, 0.1}, {0.4, 0.4}, {0.45, 0.41}, {0.9, 0.9}}
	var got []int
	New(pts).InBox(orb.Bound{Min: orb.Point{0.3, 0.3}, Max: orb.Point{0.5, 0.5}}, func(i int) { got = append(got, i) })
	if len(got) != 2 || got[0]+got[1] != 3 {
		t.Errorf("InBox = %v, want features 1 and 2", got)
	}
}

func randomPoints(rng *rand.Rand, n int) []orb.Point {
	pts := make([]orb.Point, n)
	for i := range pts {
		pts[i] = orb.Point{rng.Float64(), rng.Float64()}
	}
	return pts
}

// BenchmarkHitTest1M is a click's hit test among 1,000,000 points with the
// 8-pixel tolerance at zoom 6: every site under the pointer, nearest first.
func BenchmarkHitTest1M(b *testing.B) {
	rng := rand.New(rand.NewSource(2))
	g := New(randomPoints(rng, 1_000_000))
	qs := randomPoints(rng, 1024)
	r := 8.0 / (256 * 64)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		g.Within(qs[i%len(qs)], r)
	}
}

// BenchmarkHitTestDefault is the hit test on a layer the size of the
// embedded dataset.
func BenchmarkHitTestDefault(b *testing.B) {
	rng := rand.New(rand.NewSource(3))
	g := New(randomPoints(rng, 28))
	qs := randomPoints(rng, 1024)
	r := 8.0 / (256 * 64)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		g.Within(qs[i%len(qs)], r)
	}
}

// BenchmarkBuild1M is the index build for 1,000,000 points.
func BenchmarkBuild1M(b *testing.B) {
	pts := randomPoints(rand.New(rand.NewSource(4)), 1_000_000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		New(pts)
	}
}
