package render

import (
	"encoding/json"
	"math"
	"math/rand"
	"testing"

	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

func crowd(n int) *layer.Layer {
	rng := rand.New(rand.NewSource(5))
	l := &layer.Layer{ID: "crowd", Title: "Crowd"}
	for i := 0; i < n; i++ {
		l.Add(string(rune('a'+i%26))+string(rune(i)), "Site", "mine", "operating", orb.Point{26 + 19*rng.Float64(), 36 + 6*rng.Float64()}, json.RawMessage(`{}`), i+2)
	}
	return l
}

func TestClusters(t *testing.T) {
	l := crowd(5000)
	v := anatolia(800, 500)
	inView, gathered := 0, 0
	proj := newProjector(v)
	for _, u := range l.Unit {
		x, y := proj.pixel(u)
		if x >= -frameMargin && y >= -frameMargin && x <= 800+frameMargin && y <= 500+frameMargin {
			inView++
		}
		// Clusters gather whole cells, a cell beyond the frame.
		if x >= -ClusterCell && y >= -ClusterCell && x < 800+ClusterCell && y < 500+ClusterCell {
			gathered++
		}
	}
	tests := []struct {
		name  string
		in    Input
		check func(t *testing.T, g Group)
	}{
		{"clustered", Input{View: v, Layers: []*layer.Layer{l}}, func(t *testing.T, g Group) {
			total := len(g.Markers)
			for _, c := range g.Clusters {
				total += c.Count
				if c.Count < 2 || c.R < 9 || c.R > ClusterCell/2 {
					t.Errorf("cluster %+v", c)
				}
			}
			if len(g.Clusters) == 0 || total != gathered || len(g.Dots) != 0 {
				t.Errorf("%d clusters holding %d sites (+ singles), want all %d gathered", len(g.Clusters), total, gathered)
			}
		}},
		{"every site", Input{View: v, Layers: []*layer.Layer{l}, NoClusters: true, Selected: l.IDs[0]}, func(t *testing.T, g Group) {
			if len(g.Clusters) != 0 || len(g.Dots)+len(g.Markers) != inView || len(g.Markers) > 1 {
				t.Errorf("%d dots, %d markers, %d clusters; want %d dots and the selected marker", len(g.Dots), len(g.Markers), len(g.Clusters), inView)
			}
			for _, d := range g.Dots {
				if !d.Style.Dot {
					t.Fatal("a crowd dot is not drawn as a dot")
				}
			}
		}},
		{"zoomed in, markers", Input{View: view.New(orb.Point{30.2, 39.6}, 10, 800, 500), Layers: []*layer.Layer{l}}, func(t *testing.T, g Group) {
			if len(g.Clusters) != 0 || len(g.Dots) != 0 {
				t.Errorf("%d clusters, %d dots at zoom 10", len(g.Clusters), len(g.Dots))
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Build(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, s.Groups[0])
			Raster(s, 1) // every backend draws what the scene holds
		})
	}
	s, _ := Build(Input{View: v, Layers: []*layer.Layer{l}})
	// Panning keeps the clusters: the same counts, moved by the pan.
	panned, _ := Build(Input{View: v.Pan(37, -21), Layers: []*layer.Layer{l}})
	moved := map[[2]float64]int{}
	for _, c := range s.Groups[0].Clusters {
		moved[[2]float64{math.Round(c.X + 37), math.Round(c.Y - 21)}] = c.Count
	}
	same := 0
	for _, c := range panned.Groups[0].Clusters {
		if n, ok := moved[[2]float64{math.Round(c.X), math.Round(c.Y)}]; ok && n == c.Count {
			same++
		}
	}
	if same < len(s.Groups[0].Clusters)*3/4 {
		t.Errorf("only %d of %d clusters survived a pan", same, len(s.Groups[0].Clusters))
	}
	c := s.Groups[0].Clusters[0]
	if got, ok := s.ClusterAt(c.X+1, c.Y); !ok || got != c {
		t.Errorf("ClusterAt missed %+v", c)
	}
	if _, ok := s.ClusterAt(-100, -100); ok {
		t.Error("ClusterAt found a cluster off the frame")
	}
}

func TestClusterLabel(t *testing.T) {
	for n, want := range map[int]string{7: "7", 950: "950", 1000: "1k", 1234: "1.2k", 12345: "12k", 1_000_000: "1M", 1_250_000: "1.2M"} {
		if got := (Cluster{Count: n}).Label(); got != want {
			t.Errorf("Label(%d) = %q, want %q", n, got, want)
		}
	}
}
