package render

import (
	"image"
	"math"
	"testing"

	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

func furnished(w, h float64) Input {
	return Input{View: anatolia(1000, 700).Reframe(w, h), Layers: testLayers(), Selected: "byd",
		Attribution: []string{"Data: test"},
		Furniture: Furniture{Title: "Rare earths in Anatolia", Subtitle: "Deposits, plants and a planned refinery",
			Legend: true, ScaleBar: true, NorthArrow: true, Footnote: "Made with Lodemap on 27 November 2026 · Data: test"}}
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
		s, err := Build(furnished(tt.w, tt.h))
		if err != nil {
			t.Fatal(err)
		}
		img := Raster(s, tt.scale)
		for _, o := range s.Overlays {
			t.Run(tt.name+"/"+o.Name, func(t *testing.T) {
				b := o.Boxes[0]
				r := image.Rect(int(b.X*tt.scale), int(b.Y*tt.scale), int(math.Ceil((b.X+b.W)*tt.scale)), int(math.Ceil((b.Y+b.H)*tt.scale)))
				crop := image.NewRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
				for y := 0; y < r.Dy(); y++ {
					copy(crop.Pix[y*crop.Stride:(y+1)*crop.Stride], img.Pix[img.PixOffset(r.Min.X, r.Min.Y+y):img.PixOffset(r.Max.X, r.Min.Y+y)])
				}
				assertGolden(t, "furniture-"+o.Name+"-"+tt.name+".png", crop)
			})
		}
	}
}

func TestFurnitureLayout(t *testing.T) {
	s, err := Build(furnished(960, 600))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]Overlay{}
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
	hidden := furnished(960, 600)
	hidden.Hidden = map[string]bool{"b": true}
	s2, _ := Build(hidden)
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

// TestScaleBar checks the scale bar against a known distance: Beylikova to
// Manisa, great-circle, measured on the map in pixels.
func TestScaleBar(t *testing.T) {
	bey, man := orb.Point{31.3508, 39.6194}, orb.Point{27.2794, 38.6399}
	for _, zoom := range []float64{5, 6.2, 8} {
		t.Run("", func(t *testing.T) {
			v := view.New(orb.Point{29.3, 39.1}, zoom, 1200, 800)
			m, mPx, mi, miPx := ScaleLengths(v)
			x1, y1 := v.ToPixel(bey)
			x2, y2 := v.ToPixel(man)
			px := math.Hypot(x2-x1, y2-y1)
			gc := haversine(bey, man)
			if got := px * m / mPx; math.Abs(got-gc)/gc > 0.01 {
				t.Errorf("zoom %g: the km bar says %.1f km, the sites are %.1f km apart", zoom, got/1000, gc/1000)
			}
			if got := px * mi / miPx * metersPerMile; math.Abs(got-gc)/gc > 0.01 {
				t.Errorf("zoom %g: the mile bar says %.1f km", zoom, got/1000)
			}
			if mPx > scaleMaxLen || mPx < scaleMaxLen/5 || miPx > scaleMaxLen || miPx < scaleMaxLen/5 {
				t.Errorf("bars %g and %g px long", mPx, miPx)
			}
		})
	}
}

func haversine(a, b orb.Point) float64 {
	const r = 6371008.8 // mean Earth radius
	la1, la2 := a[1]*math.Pi/180, b[1]*math.Pi/180
	dla, dlo := la2-la1, (b[0]-a[0])*math.Pi/180
	h := math.Sin(dla/2)*math.Sin(dla/2) + math.Cos(la1)*math.Cos(la2)*math.Sin(dlo/2)*math.Sin(dlo/2)
	return 2 * r * math.Asin(math.Sqrt(h))
}

func TestNiceBelow(t *testing.T) {
	tests := []struct{ in, want float64 }{{140, 100}, {250, 200}, {999, 500}, {0.7, 0.5}, {1, 1}, {73000, 50000}}
	for _, tt := range tests {
		if got := niceBelow(tt.in); got != tt.want {
			t.Errorf("niceBelow(%g) = %g, want %g", tt.in, got, tt.want)
		}
	}
}
