package render_test

import (
	"math"
	"testing"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/render"
	"github.com/lodemap/lodemap/geo/render/rendertest"
	"github.com/lodemap/lodemap/geo/style"
	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

func TestBuild(t *testing.T) {
	ls := rendertest.Layers()
	count := func(s *render.Scene) int {
		n := 0
		for _, g := range s.Groups {
			n += len(g.Markers)
		}
		return n
	}
	t.Run("markers in view", func(t *testing.T) {
		s, err := render.Build(render.Input{View: rendertest.Anatolia(1280, 800), Layers: ls})
		if err != nil {
			t.Fatal(err)
		}
		if got := count(s); got != 9 { // all but Fiji
			t.Errorf("%d markers, want 9", got)
		}
		if s.Highlight != nil {
			t.Error("highlight without a selection")
		}
	})
	t.Run("hidden layer has no markers", func(t *testing.T) {
		s, _ := render.Build(render.Input{View: rendertest.Anatolia(1280, 800), Layers: ls, Hidden: map[string]bool{"b": true}})
		if got := count(s); got != 2 {
			t.Errorf("%d markers, want 2", got)
		}
		for _, g := range s.Groups {
			if g.Layer == "b" {
				t.Error("hidden layer has a group")
			}
		}
	})
	t.Run("selection is highlighted and labelled first", func(t *testing.T) {
		s, _ := render.Build(render.Input{View: rendertest.Anatolia(1280, 800), Layers: ls, Selected: rendertest.Site(ls, "ref")})
		if s.Highlight == nil || s.Highlight.ID != "ref" || !s.Highlight.Selected {
			t.Fatalf("highlight = %+v", s.Highlight)
		}
		if len(s.Labels) == 0 || s.Labels[0].Text != "Beylikova refinery" || !s.Labels[0].Bold {
			t.Errorf("first label = %+v", s.Labels)
		}
	})
	t.Run("labels do not overlap", func(t *testing.T) {
		s, _ := render.Build(render.Input{View: view.New(orb.Point{30.2, 39.6}, 4, 600, 400), Layers: ls})
		var boxes []orb.Bound
		sites := 0
		for _, l := range s.Labels {
			size := render.PlaceLabelSize
			if !l.Place {
				sites++
				size = style.LabelSize
			}
			w := render.MeasureText(l.Text, size, l.Bold)
			b := orb.Bound{Min: orb.Point{l.X, l.Y - size*0.72}, Max: orb.Point{l.X + w, l.Y + size*0.28}}
			for _, o := range boxes {
				if b.Min[0] < o.Max[0] && o.Min[0] < b.Max[0] && b.Min[1] < o.Max[1] && o.Min[1] < b.Max[1] {
					t.Errorf("label %q overlaps another", l.Text)
				}
			}
			boxes = append(boxes, b)
		}
		if sites >= count(s) {
			t.Errorf("%d labels for %d crowded markers: some should be left out", sites, count(s))
		}
	})
	t.Run("no labels", func(t *testing.T) {
		s, _ := render.Build(render.Input{View: rendertest.Anatolia(1280, 800), Layers: ls, NoLabels: true})
		if len(s.Labels) != 0 {
			t.Errorf("%d labels", len(s.Labels))
		}
	})
	t.Run("marker across the antimeridian", func(t *testing.T) {
		s, _ := render.Build(render.Input{View: view.New(orb.Point{-179, -17}, 6, 800, 600), Layers: ls})
		found := false
		for _, g := range s.Groups {
			for _, m := range g.Markers {
				found = found || m.ID == "fiji"
			}
		}
		if !found {
			t.Error("Fiji marker at 179.5E not drawn in a view centred on 179W")
		}
	})
	t.Run("attribution", func(t *testing.T) {
		s, _ := render.Build(render.Input{View: rendertest.Anatolia(640, 400), Layers: ls, Attribution: []string{"Data: test"}})
		if len(s.Overlays) != 1 || s.Overlays[0].Name != "attribution" || len(s.Overlays[0].Texts) != 2 || s.Overlays[0].Texts[1].Text != "Data: test" {
			t.Errorf("overlays = %+v", s.Overlays)
		}
	})
}

func TestShortLabel(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Beylikova (Kizilcaoren) rare earth deposit", "Beylikova"},
		{"BYD Turkiye EV/PHEV plant, Manisa OSB (7th section, Akgedik)", "BYD Turkiye EV/PHEV plant"},
		{"Mountain Pass rare earth mine & processing facility", "Mountain Pass rare earth mine & processing facility"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := render.ShortLabel(tt.in); got != tt.want {
				t.Errorf("render.ShortLabel(%q) = %q", tt.in, got)
			}
		})
	}
}

func TestClusters(t *testing.T) {
	l := rendertest.Crowd(5000)
	v := rendertest.Anatolia(800, 500)
	inView, gathered := 0, 0
	const frameMargin = style.MarkerSize
	for _, p := range l.LonLat {
		x, y := v.ToPixel(p)
		if x >= -frameMargin && y >= -frameMargin && x <= 800+frameMargin && y <= 500+frameMargin {
			inView++
		}
		// Clusters gather whole cells, a cell beyond the frame.
		if x >= -render.ClusterCell && y >= -render.ClusterCell && x < 800+render.ClusterCell && y < 500+render.ClusterCell {
			gathered++
		}
	}
	tests := []struct {
		name  string
		in    render.Input
		check func(t *testing.T, g render.Group)
	}{
		{"clustered", render.Input{View: v, Layers: []*layer.Layer{l}}, func(t *testing.T, g render.Group) {
			total := len(g.Markers)
			for _, c := range g.Clusters {
				total += c.Count
				if c.Count < 2 || c.R < 9 || c.R > render.ClusterCell/2 {
					t.Errorf("cluster %+v", c)
				}
			}
			if len(g.Clusters) == 0 || total != gathered || len(g.Dots) != 0 {
				t.Errorf("%d clusters holding %d sites (+ singles), want all %d gathered", len(g.Clusters), total, gathered)
			}
		}},
		{"every site", render.Input{View: v, Layers: []*layer.Layer{l}, NoClusters: true, Selected: l.Site(0)}, func(t *testing.T, g render.Group) {
			if len(g.Clusters) != 0 || len(g.Dots)+len(g.Markers) != inView || len(g.Markers) > 1 {
				t.Errorf("%d dots, %d markers, %d clusters; want %d dots and the selected marker", len(g.Dots), len(g.Markers), len(g.Clusters), inView)
			}
			for _, d := range g.Dots {
				if !d.Style.Dot {
					t.Fatal("a crowd dot is not drawn as a dot")
				}
			}
		}},
		{"zoomed in, markers", render.Input{View: view.New(orb.Point{30.2, 39.6}, 10, 800, 500), Layers: []*layer.Layer{l}}, func(t *testing.T, g render.Group) {
			if len(g.Clusters) != 0 || len(g.Dots) != 0 {
				t.Errorf("%d clusters, %d dots at zoom 10", len(g.Clusters), len(g.Dots))
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := render.Build(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, s.Groups[0])
		})
	}
	s, _ := render.Build(render.Input{View: v, Layers: []*layer.Layer{l}})
	// Panning keeps the clusters: the same counts, moved by the pan.
	panned, _ := render.Build(render.Input{View: v.Pan(37, -21), Layers: []*layer.Layer{l}})
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
		if got := (render.Cluster{Count: n}).Label(); got != want {
			t.Errorf("Label(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestFurnitureLayout(t *testing.T) {
	s, err := render.Build(rendertest.Furnished(960, 600))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]render.Overlay{}
	for _, o := range s.Overlays {
		names[o.Name] = o
		for _, b := range o.Boxes {
			if b.X < 0 || b.Y < 0 || b.X+b.W > s.Width+0.01 || b.Y+b.H > s.Height+0.01 {
				t.Errorf("%s box %+v leaves the %gx%g frame", o.Name, b, s.Width, s.Height)
			}
		}
	}
	for _, n := range []string{"attribution", "title", "north", "scalebar", "legend"} {
		if _, ok := names[n]; !ok {
			t.Errorf("no %s", n)
		}
	}
	// The legend names the layers and kinds in the frame, and only them:
	// the test layers' Fiji mine is out of view but its kind is shown by
	// another mine, and "Exploration" (Fiji's status) is not a fill shown.
	var lines []string
	for _, tx := range names["legend"].Texts {
		lines = append(lines, tx.Text)
	}
	want := []string{"Deposits", "Deposit", "Mine", "Plants", "Refinery", "Automaker plant", "Headquarters", "Pilot plant", "Magnet plant", "Battery plant", "Smelter", "Status", "Operating or commissioning", "Under construction", "Planned, announced or proposed"}
	if len(lines) != len(want) {
		t.Fatalf("legend = %q, want %q", lines, want)
	}
	for i := range want {
		if lines[i] != want[i] {
			t.Errorf("legend line %d = %q, want %q", i, lines[i], want[i])
		}
	}
	hidden := rendertest.Furnished(960, 600)
	hidden.Hidden = map[string]bool{"b": true}
	s2, _ := render.Build(hidden)
	for _, o := range s2.Overlays {
		if o.Name == "legend" {
			for _, tx := range o.Texts {
				if tx.Text == "Plants" || tx.Text == "Refinery" || tx.Text == "Under construction" {
					t.Errorf("legend shows %q of a hidden layer", tx.Text)
				}
			}
		}
	}
}

// BenchmarkBuildDefaultView is the render.Scene build alone.
func BenchmarkBuildDefaultView(b *testing.B) {
	cat, err := data.Default()
	if err != nil {
		b.Fatal(err)
	}
	in := render.Input{View: cat.Home(1920, 1080), Layers: cat.Layers}
	if _, err := render.Build(in); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := render.Build(in); err != nil {
			b.Fatal(err)
		}
	}
}
