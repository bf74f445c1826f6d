package render

import (
	"image"
	"math"
	"sort"
	"testing"

	"github.com/lodemap/lodemap/geo/index"
	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

// TestTileFrameMatchesScene draws frames from tiles and compares them with
// the whole-frame Scene the exports use. Alone, markers or a crowd give the
// same picture, seams aside; together the tiled frame draws the separate
// markers over the crowd, and both hold the same clusters.
func TestTileFrameMatchesScene(t *testing.T) {
	crowdL := crowd(6000)
	grids := map[*layer.Layer]*index.Grid{crowdL: index.New(crowdL.Unit)}
	only := []*layer.Layer{crowdL}
	mixed := append(testLayers(), crowdL)
	tests := []struct {
		name  string
		in    Input
		scale float64
		same  bool // pixel for pixel, seams aside
	}{
		{"separate markers", Input{View: anatolia(640, 400), Layers: testLayers(), Selected: "byd", Attribution: []string{"Data: test"}}, 1, true},
		{"a crowd as clusters", Input{View: anatolia(640, 400).Pan(13.4, -7.7), Layers: only, Grids: grids}, 1, true},
		{"a crowd as dots", Input{View: anatolia(640, 400), Layers: only, Grids: grids, NoClusters: true}, 1, true},
		{"a crowd at hidpi", Input{View: anatolia(320, 200), Layers: only, Grids: grids}, 2, true},
		{"markers over a crowd, selected in it", Input{View: anatolia(640, 400), Layers: mixed, Grids: grids, Selected: crowdL.IDs[10]}, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, top, err := NewTileCache().Frame(tt.in, tt.scale, nil)
			if err != nil {
				t.Fatal(err)
			}
			ref := tt.in
			ref.View = ref.View.Snapped(tt.scale)
			s, err := Build(ref)
			if err != nil {
				t.Fatal(err)
			}
			if tt.same {
				if mean, far := compareImages(got, Raster(s, tt.scale)); mean > 1 || far > 0.005 {
					writePNG(t, "testdata/failed/tiles-"+tt.name+".png", got)
					t.Errorf("tiled frame differs: mean %.2f levels, %.2f%% far pixels", mean, far*100)
				}
			}
			if tt.in.Selected != "" && (top.Highlight == nil || top.Highlight.ID != tt.in.Selected) {
				t.Errorf("selection %q not highlighted over the tiles", tt.in.Selected)
			}
			// The same clusters; where the selection is in the crowd, the
			// tiles count it in its cell and the whole frame does not.
			want, gotSet := clusterSet(s, s.Width, s.Height), clusterSet(top, s.Width, s.Height)
			if len(gotSet) != len(want) {
				t.Fatalf("%d clusters from the tiles, %d in the whole frame", len(gotSet), len(want))
			}
			for i := range want {
				if d := gotSet[i].sub(want[i]); d.x > 1 || d.y > 1 || d.n > 1 {
					t.Errorf("cluster %+v from the tiles, %+v in the whole frame", gotSet[i], want[i])
				}
			}
		})
	}
}

type clusterAt struct{ x, y, n float64 }

func (a clusterAt) sub(b clusterAt) clusterAt {
	return clusterAt{math.Abs(a.x - b.x), math.Abs(a.y - b.y), math.Abs(a.n - b.n)}
}

// clusterSet lists the clusters centred in the frame, by position.
func clusterSet(s *Scene, w, h float64) []clusterAt {
	var out []clusterAt
	for _, g := range s.Groups {
		for _, c := range g.Clusters {
			if c.X >= 0 && c.Y >= 0 && c.X < w && c.Y < h {
				out = append(out, clusterAt{c.X, c.Y, float64(c.Count)})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if math.Round(out[i].y) != math.Round(out[j].y) {
			return out[i].y < out[j].y
		}
		return out[i].x < out[j].x
	})
	return out
}

// BenchmarkPanFrame1M is one frame of a pan over 1,000,000 sites at
// 1920x1080 (zoom 3, clustered): the tiles already drawn are reused, the
// ones coming into view drawn, and the frame's markers, labels and furniture
// drawn over them.
func BenchmarkPanFrame1M(b *testing.B) {
	l := millionLayer(b)
	in := Input{View: view.New(orb.Point{10, 20}, 3, 1920, 1080), Layers: []*layer.Layer{l},
		Grids: map[*layer.Layer]*index.Grid{l: index.New(l.Unit)}}
	c := NewTileCache()
	// Two frame buffers take turns, as in the window: one shown, one drawn.
	shown, _, err := c.Frame(in, 1, nil)
	if err != nil {
		b.Fatal(err)
	}
	var spare *image.RGBA
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		in.View = in.View.Pan(-8, 3) // a drag step
		img, _, err := c.Frame(in, 1, spare)
		if err != nil {
			b.Fatal(err)
		}
		shown, spare = img, shown
	}
}

// BenchmarkFirstFrame1M is a frame with no tiles cached.
func BenchmarkFirstFrame1M(b *testing.B) {
	l := millionLayer(b)
	in := Input{View: view.New(orb.Point{10, 20}, 3, 1920, 1080), Layers: []*layer.Layer{l},
		Grids: map[*layer.Layer]*index.Grid{l: index.New(l.Unit)}}
	for i := 0; i < b.N; i++ {
		if _, _, err := NewTileCache().Frame(in, 1, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// TestTileCacheBounded pans far enough to fill the cache: it stays bounded
// and every frame is whole.
func TestTileCacheBounded(t *testing.T) {
	c := NewTileCache()
	in := Input{View: view.New(orb.Point{0, 20}, 6, 1280, 1600), Layers: testLayers()}
	for i := 0; i < 80; i++ { // round the world: 64 columns of 8 tiles
		in.View = in.View.Pan(-300, 0)
		if _, _, err := c.Frame(in, 1, nil); err != nil {
			t.Fatal(err)
		}
	}
	if len(c.tiles) < maxTiles {
		t.Fatalf("only %d tiles made; the test should fill the cache", len(c.tiles))
	}
	for i := 0; i < 10; i++ {
		in.View = in.View.Pan(-300, 0)
		if _, _, err := c.Frame(in, 1, nil); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(c.tiles); n > maxTiles || n != len(c.order) {
		t.Errorf("%d tiles cached (%d in order), limit %d", n, len(c.order), maxTiles)
	}
}
