package render

import (
	"math"
	"testing"

	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

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

// TestTitleBlockAsOf checks the date a map is as of is written at the top
// left, below any title, and alone without one.
func TestTitleBlockAsOf(t *testing.T) {
	tests := []struct {
		title, sub, asOf string
		texts            int
	}{
		{"", "", "As of Sep 2024", 1},
		{"Rare earths", "Turkey", "As of Sep 2024", 3},
		{"Rare earths", "", "", 1},
	}
	for _, tt := range tests {
		t.Run(tt.title+tt.asOf, func(t *testing.T) {
			o := titleBlock(tt.title, tt.sub, tt.asOf)
			if len(o.Texts) != tt.texts {
				t.Fatalf("%d texts, want %d", len(o.Texts), tt.texts)
			}
			last := o.Texts[len(o.Texts)-1]
			if tt.asOf != "" && (last.Text != tt.asOf || last.Y > o.Boxes[0].Y+o.Boxes[0].H) {
				t.Errorf("last text %q at %g, box to %g", last.Text, last.Y, o.Boxes[0].Y+o.Boxes[0].H)
			}
		})
	}
}

func TestDrawable(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Eskişehir", "Eskişehir"},
		{"İzmir", "İzmir"},
		{"Ḥamāh", "Hamāh"},
		{"東京", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Drawable(tt.in); got != tt.want {
				t.Errorf("Drawable(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
