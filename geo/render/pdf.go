package render

import (
	"fmt"
	"image/color"
	"io"
	"strconv"

	"github.com/go-pdf/fpdf"
	"github.com/lodemap/lodemap/geo/style"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// pt is the size of a logical pixel (1/96 inch) in PDF points (1/72 inch).
const pt = 72.0 / 96.0

// WritePDF writes the scene as a one-page PDF of the scene's size (one
// logical pixel is 1/96 inch): country shapes and markers are paths, each
// marker style is one form XObject placed per feature, labels are text in
// the embedded Go fonts (selectable), and the basemap, each layer, the labels
// and the furniture are optional-content layers named after them.
func WritePDF(w io.Writer, s *Scene, title string, k *Sink) error {
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "pt", Size: fpdf.SizeType{Wd: s.Width * pt, Ht: s.Height * pt}})
	f.SetCreator("Lodemap", true)
	if title != "" {
		f.SetTitle(title, true)
	}
	f.SetMargins(0, 0, 0)
	f.SetAutoPageBreak(false, 0)
	f.AddUTF8FontFromBytes("Go", "", goregular.TTF)
	f.AddUTF8FontFromBytes("Go", "B", gobold.TTF)
	baseLayer := f.AddLayer("Basemap", true)
	layerIDs := make([]int, len(s.Groups))
	for i, g := range s.Groups {
		layerIDs[i] = f.AddLayer(g.Title, true)
	}
	labelLayer := f.AddLayer("Labels", true)
	furnLayer := f.AddLayer("Title, legend and credits", true)
	f.OpenLayerPane()
	// "P" keeps the size as given; fpdf would swap it for "L".
	f.AddPageFormat("P", fpdf.SizeType{Wd: s.Width * pt, Ht: s.Height * pt})
	total, done := s.Items(), 0

	f.BeginLayer(baseLayer)
	fill(f, s.Background)
	f.Rect(0, 0, s.Width*pt, s.Height*pt, "F")
	for _, p := range s.Land {
		fill(f, p.Fill)
		stroke(f, p.Stroke)
		f.SetLineWidth(pt)
		f.SetLineJoinStyle("round")
		for _, r := range p.Rings {
			for i, q := range r {
				if i == 0 {
					f.MoveTo(q[0]*pt, q[1]*pt)
				} else {
					f.LineTo(q[0]*pt, q[1]*pt)
				}
			}
			f.ClosePath()
		}
		f.DrawPath("FD")
		done += len(p.Rings)
	}
	f.EndLayer()
	if err := k.check(done, total); err != nil {
		return err
	}

	type form struct {
		id     string  // the template's name, which fpdf hashes anew per call
		extent float64 // how far the marker reaches from its centre
	}
	tpl := map[symbolKey]form{}
	var op []byte
	place := func(m Marker) {
		key := keyOf(m)
		fm, ok := tpl[key]
		if !ok {
			paths, e := markerPaths(m.Style, m.Selected, m.Hovered)
			size := fpdf.SizeType{Wd: 2 * e * pt, Ht: 2 * e * pt}
			t := f.CreateTemplateCustom(fpdf.PointType{}, size, func(t *fpdf.Tpl) {
				for _, p := range paths {
					t.SetFillColor(int(p.col.R), int(p.col.G), int(p.col.B))
					pts := make([]fpdf.PointType, len(p.pts))
					for i, q := range p.pts {
						pts[i] = fpdf.PointType{X: (q[0] + e) * pt, Y: (q[1] + e) * pt}
					}
					t.Polygon(pts, "F")
				}
			})
			tpl[key] = form{id: t.ID(), extent: e}
			// The first use registers the form XObject with the page.
			f.UseTemplateScaled(t, fpdf.PointType{X: (m.X - e) * pt, Y: (m.Y - e) * pt}, size)
			return
		}
		e := fm.extent
		// Later uses write the placement themselves: fpdf formats two
		// strings and walks maps per use, too slow for a million markers.
		op = append(op[:0], "q 1 0 0 1 "...)
		op = strconv.AppendFloat(op, (m.X-e)*pt, 'f', 2, 64)
		op = append(op, ' ')
		op = strconv.AppendFloat(op, (s.Height-m.Y-e)*pt, 'f', 2, 64)
		op = append(op, " cm /TPL"...)
		op = append(op, fm.id...)
		op = append(op, " Do Q"...)
		f.RawWriteStr(string(op))
	}
	for i, g := range s.Groups {
		f.BeginLayer(layerIDs[i])
		for _, d := range g.Dots {
			place(Marker{X: float64(d.X), Y: float64(d.Y), Style: d.Style})
			if done++; done%checkEvery == 0 {
				if err := k.check(done, total); err != nil {
					return err
				}
			}
		}
		for _, c := range g.Clusters {
			fill(f, color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF})
			f.Circle(c.X*pt, c.Y*pt, (c.R+2)*pt, "F")
			fill(f, c.Color)
			f.SetAlpha(0.9, "Normal")
			f.Circle(c.X*pt, c.Y*pt, c.R*pt, "F")
			f.SetAlpha(1, "Normal")
			t := c.Label()
			f.SetFont("Go", "B", clusterTextSize*pt)
			f.SetTextColor(0xFF, 0xFF, 0xFF)
			f.Text((c.X-MeasureText(t, clusterTextSize, true)/2)*pt, (c.Y+clusterTextSize*0.36)*pt, t)
			done++
		}
		for _, m := range g.Markers {
			place(m)
			if done++; done%checkEvery == 0 {
				if err := k.check(done, total); err != nil {
					return err
				}
			}
		}
		if h := s.Highlight; h != nil && containsID(g.Markers, h.ID) {
			place(*h)
		}
		f.EndLayer()
	}

	f.BeginLayer(labelLayer)
	for _, l := range s.Labels {
		weight := ""
		if l.Bold {
			weight = "B"
		}
		f.SetFont("Go", weight, style.LabelSize*pt)
		// The halo is a stroked copy marked as an artifact, so copying the
		// text gives each label once.
		f.RawWriteStr("/Artifact BMC\n")
		stroke(f, style.LabelHalo)
		f.SetLineWidth(2.4 * pt)
		f.SetTextRenderingMode(1)
		f.Text(l.X*pt, l.Y*pt, l.Text)
		f.SetTextRenderingMode(0)
		f.RawWriteStr("EMC\n")
		fill(f, style.LabelText)
		f.SetTextColor(int(style.LabelText.R), int(style.LabelText.G), int(style.LabelText.B))
		f.Text(l.X*pt, l.Y*pt, l.Text)
	}
	f.EndLayer()

	f.BeginLayer(furnLayer)
	for _, o := range s.Overlays {
		for _, b := range o.Boxes {
			fill(f, b.Fill)
			f.SetAlpha(float64(b.Fill.A)/255, "Normal")
			f.Rect(b.X*pt, b.Y*pt, b.W*pt, b.H*pt, "F")
			f.SetAlpha(1, "Normal")
		}
		for _, p := range o.Polys {
			pts := make([]fpdf.PointType, len(p.Points))
			for i, q := range p.Points {
				pts[i] = fpdf.PointType{X: q[0] * pt, Y: q[1] * pt}
			}
			fill(f, p.Fill)
			f.Polygon(pts, "F")
		}
		for _, m := range o.Markers {
			place(m)
		}
		f.SetTextColor(int(style.LabelText.R), int(style.LabelText.G), int(style.LabelText.B))
		for _, t := range o.Texts {
			st := ""
			if t.Bold {
				st = "B"
			}
			f.SetFont("Go", st, t.Size*pt)
			f.Text(t.X*pt, t.Y*pt, t.Text)
		}
	}
	f.EndLayer()
	if err := f.Output(w); err != nil {
		return fmt.Errorf("render: pdf: %w", err)
	}
	return k.check(total, total)
}

func containsID(ms []Marker, id string) bool {
	for _, m := range ms {
		if m.ID == id {
			return true
		}
	}
	return false
}

func fill(f *fpdf.Fpdf, c color.NRGBA)   { f.SetFillColor(int(c.R), int(c.G), int(c.B)) }
func stroke(f *fpdf.Fpdf, c color.NRGBA) { f.SetDrawColor(int(c.R), int(c.G), int(c.B)) }
