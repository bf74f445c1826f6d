package raster

import (
	"context"
	"fmt"
	"image"
	"math"
	"sort"
	"testing"

	"github.com/lodemap/lodemap/geo/index"
	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/render"
	"github.com/lodemap/lodemap/geo/render/rendertest"
	"github.com/lodemap/lodemap/geo/style"
	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

// rasterize draws a scene, failing the test on error.
func rasterize(t *testing.T, s *render.Scene, scale float64) *image.RGBA {
	t.Helper()
	img, err := Draw(context.Background(), s, scale, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func TestGolden(t *testing.T) {
	ls := rendertest.Layers()
	tests := []struct {
		name  string
		in    render.Input
		scale float64
	}{
		{"anatolia.png", render.Input{View: rendertest.Anatolia(640, 400), Layers: ls}, 1},
		{"anatolia-selected.png", render.Input{View: rendertest.Anatolia(640, 400), Layers: ls, Selected: rendertest.Site(ls, "byd"), Hovered: rendertest.Site(ls, "hq")}, 1},
		{"anatolia-hidpi.png", render.Input{View: rendertest.Anatolia(320, 200), Layers: ls, Selected: rendertest.Site(ls, "dep")}, 2},
		{"world.png", render.Input{View: view.New(orb.Point{20, 20}, 1.5, 800, 500), Layers: ls, NoLabels: true}, 1},
		{"pacific.png", render.Input{View: view.New(orb.Point{180, -15}, 4.5, 500, 300), Layers: ls}, 1},
		// The offline basemap with its place names around Beylikova.
		{"places-z3.png", render.Input{View: view.New(orb.Point{31.35, 39.62}, 3, 800, 500), Layers: ls}, 1},
		{"places-z6.png", render.Input{View: view.New(orb.Point{31.35, 39.62}, 6, 800, 500), Layers: ls}, 1},
		{"places-z9.png", render.Input{View: view.New(orb.Point{31.2, 39.65}, 9, 800, 500), Layers: ls}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := render.Build(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			rendertest.AssertGolden(t, tt.name, rasterize(t, s, tt.scale))
		})
	}
}

// TestFurnitureGolden checks each piece of furniture against a golden
// image, on a screen-sized frame and on A4 landscape at 300 dpi, where it
// must keep its look (scale 3.125), not shrink.
func TestFurnitureGolden(t *testing.T) {
	a4w, a4h := 297/25.4*96, 210/25.4*96
	tests := []struct {
		name  string
		w, h  float64
		scale float64
	}{
		{"1x", 960, 600, 1},
		{"a4-300dpi", a4w, a4h, 300.0 / 96},
	}
	for _, tt := range tests {
		s, err := render.Build(rendertest.Furnished(tt.w, tt.h))
		if err != nil {
			t.Fatal(err)
		}
		img := rasterize(t, s, tt.scale)
		for _, o := range s.Overlays {
			t.Run(tt.name+"/"+o.Name, func(t *testing.T) {
				b := o.Boxes[0]
				r := image.Rect(int(b.X*tt.scale), int(b.Y*tt.scale), int(math.Ceil((b.X+b.W)*tt.scale)), int(math.Ceil((b.Y+b.H)*tt.scale)))
				crop := image.NewRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
				for y := 0; y < r.Dy(); y++ {
					copy(crop.Pix[y*crop.Stride:(y+1)*crop.Stride], img.Pix[img.PixOffset(r.Min.X, r.Min.Y+y):img.PixOffset(r.Max.X, r.Min.Y+y)])
				}
				rendertest.AssertGolden(t, "furniture-"+o.Name+"-"+tt.name+".png", crop)
			})
		}
	}
}

func TestSwatchIsCropped(t *testing.T) {
	img := Swatch(style.For("mine", "operating"), 1)
	b := img.Bounds()
	if b.Dx() < 10 || b.Dx() > 22 || b.Dy() < 10 || b.Dy() > 22 {
		t.Errorf("swatch %v: want about the marker's size", b)
	}
}

// TestTileFrameMatchesScene draws frames from tiles and compares them with
// the whole-frame render.Scene the exports use. Alone, markers or a crowd give the
// same picture, seams aside; together the tiled frame draws the separate
// markers over the crowd, and both hold the same clusters.
func TestTileFrameMatchesScene(t *testing.T) {
	crowdL := rendertest.Crowd(6000)
	grids := map[*layer.Layer]*index.Grid{crowdL: index.New(crowdL.Unit)}
	only := []*layer.Layer{crowdL}
	ls := rendertest.Layers()
	mixed := append(rendertest.Layers(), crowdL)
	tests := []struct {
		name  string
		in    render.Input
		scale float64
		same  bool // pixel for pixel, seams aside
	}{
		{"separate markers", render.Input{View: rendertest.Anatolia(640, 400), Layers: ls, Selected: rendertest.Site(ls, "byd"), Attribution: []string{"Data: test"}}, 1, true},
		{"a crowd as clusters", render.Input{View: rendertest.Anatolia(640, 400).Pan(13.4, -7.7), Layers: only, Grids: grids}, 1, true},
		{"a crowd as dots", render.Input{View: rendertest.Anatolia(640, 400), Layers: only, Grids: grids, NoClusters: true}, 1, true},
		{"a crowd at hidpi", render.Input{View: rendertest.Anatolia(320, 200), Layers: only, Grids: grids}, 2, true},
		{"markers over a crowd, selected in it", render.Input{View: rendertest.Anatolia(640, 400), Layers: mixed, Grids: grids, Selected: crowdL.Site(10)}, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, top, err := NewTileCache().Frame(context.Background(), tt.in, tt.scale, nil)
			if err != nil {
				t.Fatal(err)
			}
			ref := tt.in
			ref.View = ref.View.Snapped(tt.scale)
			s, err := render.Build(ref)
			if err != nil {
				t.Fatal(err)
			}
			if tt.same {
				if mean, far := rendertest.Compare(got, rasterize(t, s, tt.scale)); mean > 1 || far > 0.005 {
					rendertest.WriteFailed(t, "tiles-"+tt.name+".png", got)
					t.Errorf("tiled frame differs: mean %.2f levels, %.2f%% far pixels", mean, far*100)
				}
			}
			if !tt.in.Selected.IsZero() && (top.Highlight == nil || top.Highlight.Site != tt.in.Selected) {
				t.Errorf("selection %v not highlighted over the tiles", tt.in.Selected)
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
func clusterSet(s *render.Scene, w, h float64) []clusterAt {
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

// TestTileCacheBounded pans far enough to fill the cache: it stays within
// its budget and every frame is whole; tiles of layers gone are dropped.
func TestTileCacheBounded(t *testing.T) {
	c := NewTileCache()
	in := render.Input{View: view.New(orb.Point{0, 20}, 6, 1280, 1600), Layers: rendertest.Layers()}
	for i := 0; i < 100; i++ { // round the world and more: 64 columns of 8 tiles
		in.View = in.View.Pan(-300, 0)
		if _, _, err := c.Frame(context.Background(), in, 1, nil); err != nil {
			t.Fatal(err)
		}
	}
	if _, b := c.Len(); b < maxTileBytes*9/10 {
		t.Fatalf("only %d bytes of tiles made; the test should fill the cache", b)
	}
	for i := 0; i < 10; i++ {
		in.View = in.View.Pan(-300, 0)
		if _, _, err := c.Frame(context.Background(), in, 1, nil); err != nil {
			t.Fatal(err)
		}
	}
	if n, b := c.Len(); b > maxTileBytes+len(c.tiles[c.order[0]].img.Pix) || n != len(c.order) {
		t.Errorf("%d tiles (%d in order) of %d bytes cached, limit %d", n, len(c.order), b, maxTileBytes)
	}
	// Three crowds in turn: the first one's tiles go when the third shows.
	crowd := rendertest.Crowd(12000)
	var states []uint64
	for i := 0; i < 3; i++ {
		l := *crowd
		l.ID = fmt.Sprintf("crowd-%d", i)
		in := render.Input{View: rendertest.Anatolia(800, 500), Layers: []*layer.Layer{&l}}
		if _, _, err := c.Frame(context.Background(), in, 1, nil); err != nil {
			t.Fatal(err)
		}
		states = append(states, c.states[0])
	}
	if states[0] == states[1] || states[1] == states[2] {
		t.Fatal("the crowds are not drawn in tiles")
	}
	for k := range c.tiles {
		if k.state == states[0] {
			t.Fatal("tiles of a layer two states ago are still cached")
		}
	}
}

// TestEveryPixelPainted draws scenes whose size in pixels is not whole:
// the image is rounded up, and its last row and column are painted too.
func TestEveryPixelPainted(t *testing.T) {
	a4w, a4h := 297/25.4*96, 210/25.4*96
	for _, tt := range []struct {
		name          string
		w, h, scale   float64
		withFurniture bool
	}{
		{"preview of a 16:9 slide", 420, 236.25, 1, false},
		{"A4 at 300 dpi", a4w, a4h, 300.0 / 96, true},
		{"odd HiDPI", 333.3, 211.7, 2, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := rendertest.Furnished(tt.w, tt.h)
			if !tt.withFurniture {
				in.Furniture = render.Furniture{NoAttribution: true}
			}
			s, err := render.Build(in)
			if err != nil {
				t.Fatal(err)
			}
			img := rasterize(t, s, tt.scale)
			b := img.Bounds()
			for y := b.Min.Y; y < b.Max.Y; y++ {
				for x := b.Min.X; x < b.Max.X; x++ {
					if img.RGBAAt(x, y).A != 0xFF {
						t.Fatalf("pixel (%d, %d) of %v is not painted: %v", x, y, b.Size(), img.RGBAAt(x, y))
					}
				}
			}
		})
	}
}

// TestShapesGolden draws lines, polygons with holes and multi-geometries
// at three zooms and across the antimeridian.
func TestShapesGolden(t *testing.T) {
	for _, sv := range rendertest.ShapeViews() {
		t.Run(sv.Name, func(t *testing.T) {
			s, err := render.Build(sv.In)
			if err != nil {
				t.Fatal(err)
			}
			rendertest.AssertGolden(t, sv.Name+".png", rasterize(t, s, 1))
		})
	}
}

// TestBandsDrawTheSamePicture draws a layer of many polygons in bands, at
// once, and on one canvas: the pictures must be the same. Zoomed in they
// are paths; zoomed out, dots crowded into a few rows, which the bands
// share out evenly.
func TestBandsDrawTheSamePicture(t *testing.T) {
	l := rendertest.Polygons(100_000)
	tests := []struct {
		name string
		v    view.Viewport
	}{
		{"paths", view.New(orb.Point{32, 39}, 7, 1600, 1000)},
		{"dots", view.New(orb.Point{15, 30}, 2.5, 1600, 1000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := render.Build(render.Input{View: tt.v, Layers: []*layer.Layer{l}, NoLabels: true})
			if g := s.Groups[0]; err != nil || len(g.Shapes) < bandFrom && len(g.Dots) < bandSymbolsFrom {
				t.Fatalf("%d shapes, %d dots, %v: too few to draw in bands", len(g.Shapes), len(g.Dots), err)
			}
			var cuts []int
			draw := func(bands int) *image.RGBA {
				img := image.NewRGBA(image.Rect(0, 0, 1600, 1000))
				c := New(img, 1, nil)
				c.bands = bands
				rec := &recorder{Canvas: c, cuts: &cuts}
				if err := s.Draw(context.Background(), rec, nil); err != nil {
					t.Fatal(err)
				}
				return img
			}
			// Paths are placed from each band's origin, in float32: an edge pixel
			// may differ by a level or so, nothing more.
			one, banded := draw(1), draw(3)
			if mean, far := rendertest.Compare(one, banded); mean > 0.01 || far != 0 {
				rendertest.WriteFailed(t, "bands-"+tt.name+".png", banded)
				t.Errorf("banded picture differs: mean %.3f levels, %.3f%% far", mean, far*100)
			}
			if len(cuts) != 4 || cuts[0] != 0 || cuts[3] != 1000 || cuts[1] >= cuts[2] {
				t.Fatalf("bands start at rows %v, want 3 bands from 0 to 1000", cuts)
			}
			// Cut where the crowd is, not into thirds of the image.
			if dots := s.Groups[0].Dots; len(dots) > 0 {
				top, bottom := float32(1000), float32(0)
				for _, d := range dots {
					top, bottom = min(top, d.Y), max(bottom, d.Y)
				}
				if float32(cuts[1]) <= top || float32(cuts[2]) >= bottom {
					t.Errorf("bands start at rows %v; the dots lie from row %.0f to %.0f", cuts, top, bottom)
				}
			}
		})
	}
}

// recorder is a Canvas that keeps where the bands of its last banded
// group were cut.
type recorder struct {
	*Canvas
	cuts *[]int
}

func (r *recorder) EndGroup() {
	if r.recording {
		*r.cuts = r.bandCuts(r.calls)
	}
	r.Canvas.EndGroup()
}

// TestTileFrameHighlightsASelectedShape selects a polygon in a crowded
// layer, whose features the tiles draw: the frame draws it again with its
// halo, as a shape, not as a marker at its anchor.
func TestTileFrameHighlightsASelectedShape(t *testing.T) {
	crowd := rendertest.Crowd(6000)
	crowd.Add("licence", "Licence", "mine", "operating", orb.Point{}, nil, crowd.Len()+1)
	crowd.SetGeometry(orb.Polygon{{{29.5, 38.5}, {30.5, 38.5}, {30.5, 39.5}, {29.5, 39.5}, {29.5, 38.5}}})
	in := render.Input{View: rendertest.Anatolia(800, 500), Layers: []*layer.Layer{crowd}, Selected: crowd.Site(crowd.Len() - 1)}
	if !render.Crowded(in)[crowd.ID] {
		t.Fatal("the layer is not crowded: the tiles do not draw it")
	}
	_, top, err := NewTileCache().Frame(context.Background(), in, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	if top.Highlight != nil || len(top.HighlightShapes) == 0 || len(top.HighlightShapes[0].Rings) == 0 {
		t.Errorf("highlight: marker %v, shapes %v; want the polygon's shape", top.Highlight, top.HighlightShapes)
	}
}

// TestTileFrameFollowsFilter draws a crowd through the tile cache, then
// filtered: the tiles are drawn anew, and the clusters hold only the sites
// let through.
func TestTileFrameFollowsFilter(t *testing.T) {
	crowd := rendertest.Crowd(6000)
	in := render.Input{View: rendertest.Anatolia(800, 500), Layers: []*layer.Layer{crowd}}
	c := NewTileCache()
	sites := func(in render.Input) int {
		_, s, err := c.Frame(context.Background(), in, 1, nil)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, g := range s.Groups {
			for _, cl := range g.Clusters {
				n += cl.Count
			}
			n += len(g.Markers)
		}
		return n
	}
	all := sites(in)
	in.Filter = map[string]*layer.Mask{crowd.ID: layer.NewMask(crowd.Len(), func(i int) bool { return i%3 == 0 })}
	third := sites(in)
	if all < 100 || third < all/3-all/15 || third > all/3+all/15 {
		t.Errorf("%d sites in the frame's clusters through the filter, %d without; want about a third", third, all)
	}
}
