package app

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/lodemap/lodemap/data"
)

// showSite shows a dataset site in the details panel, opened first as a
// click on the map opens it.
func showSite(t *testing.T, w *Window, id string) {
	t.Helper()
	r, ok := w.cat.Feature(id)
	if !ok {
		t.Fatalf("no site %q", id)
	}
	w.openDetails()
	w.Details.SetFeature(r.Site(), []data.Ref{r})
}

// fileFacts are a site's facts as its dataset file holds them.
func fileFacts(t *testing.T, file, id string) []data.Fact {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct {
			Properties struct {
				ID    string `json:"id"`
				Facts []struct{ Fact, Source string }
			}
		}
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatal(err)
	}
	var out []data.Fact
	for _, f := range fc.Features {
		if f.Properties.ID == id {
			for _, x := range f.Properties.Facts {
				out = append(out, data.Fact{Text: x.Fact, Source: x.Source})
			}
		}
	}
	return out
}

// factRows are the Facts section's items: each fact's text and the link
// under it.
func factRows(p *DetailsPanel) (facts []string, links []*widget.Hyperlink) {
	for _, o := range p.content.Objects {
		box, ok := o.(*fyne.Container)
		if !ok || len(box.Objects) == 0 {
			continue
		}
		if head, ok := box.Objects[0].(*widget.Label); !ok || !strings.HasPrefix(head.Text, "Facts (") {
			continue
		}
		for _, row := range box.Objects[1:] {
			item := row.(*fyne.Container).Objects[0].(*fyne.Container)
			facts = append(facts, item.Objects[0].(*widget.Label).Text)
			if len(item.Objects) > 1 {
				links = append(links, item.Objects[1].(*widget.Hyperlink))
			}
		}
	}
	return facts, links
}

// TestFactsListed shows BYD's Manisa plant: its facts are listed one by
// one, each with a link named by its source's site that opens the source.
func TestFactsListed(t *testing.T) {
	want := fileFacts(t, "../data/layers/automakers.geojson", "tr-manisa-byd")
	if len(want) < 2 {
		t.Fatalf("the dataset gives %d facts about BYD's plant", len(want))
	}
	w, o := linkWindow(t, nil)
	showSite(t, w, "tr-manisa-byd")
	facts, links := factRows(w.Details)
	if len(facts) != len(want) || len(links) != len(want) {
		t.Fatalf("%d facts and %d links listed, want %d each", len(facts), len(links), len(want))
	}
	for i, f := range want {
		if facts[i] != f.Text {
			t.Errorf("fact %d reads %q, want %q", i, facts[i], f.Text)
		}
		if links[i].URL.String() != f.Source || links[i].Text != linkName(f.Source) || strings.Contains(links[i].Text, "/") {
			t.Errorf("fact %d links %q to %s, want its source %s named by its host", i, links[i].Text, links[i].URL, f.Source)
		}
	}
	tapLink(links[1])
	if len(o.opened) != 1 || o.opened[0] != want[1].Source {
		t.Errorf("tapping the second fact's link opened %q", o.opened)
	}
	if shown := texts(w.Details.content); strings.Contains(shown, "source: https://") {
		t.Errorf("facts shown as raw text:\n%s", shown)
	}
}

// TestValueLinks shows an added site whose attributes hold a web link and
// DOIs: each is a link to its page, the others plain text.
func TestValueLinks(t *testing.T) {
	w, o := linkWindow(t, nil)
	addFile(t, w, "refs.csv", "id,name,lon,lat,page,paper,ref,note\n"+
		"r1,Kestanelik,26.93,40.28,https://example.org/mine,10.3133/ofr20041049,doi:10.1016/j.x.1,see https://example.org\n")
	l := w.Map.Layers()[len(w.Map.Layers())-1]
	w.openDetails()
	w.Details.SetFeature(l.Site(0), nil)
	links := map[string]string{}
	for _, h := range hyperlinks(w.Details.content) {
		links[h.Text] = h.URL.String()
		tapLink(h)
	}
	for text, target := range map[string]string{
		"https://example.org/mine": "https://example.org/mine",
		"10.3133/ofr20041049":      "https://doi.org/10.3133/ofr20041049",
		"doi:10.1016/j.x.1":        "https://doi.org/10.1016/j.x.1",
	} {
		if links[text] != target {
			t.Errorf("%q links to %q, want %q", text, links[text], target)
		}
	}
	if len(links) != 3 || len(o.opened) != 3 {
		t.Errorf("links %v opened %v, want the 3 links only", links, o.opened)
	}
}

// tapLink taps a link on its text, as a link takes only taps there.
func tapLink(h *widget.Hyperlink) {
	p := theme.InnerPadding() + 2
	test.TapAt(h, fyne.NewPos(p, p))
}

func hyperlinks(o fyne.CanvasObject) []*widget.Hyperlink {
	switch v := o.(type) {
	case *widget.Hyperlink:
		return []*widget.Hyperlink{v}
	case *fyne.Container:
		var out []*widget.Hyperlink
		for _, c := range v.Objects {
			out = append(out, hyperlinks(c)...)
		}
		return out
	}
	return nil
}

// valueX is where the label of a value starts across the details panel.
func valueX(t *testing.T, w *Window, value string) float32 {
	t.Helper()
	var found fyne.CanvasObject
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Label:
			if v.Text == value {
				found = v
			}
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(v).Objects() {
				walk(c)
			}
		}
	}
	walk(w.Details.content)
	if found == nil {
		t.Fatalf("the details do not show %q", value)
	}
	x := fyne.CurrentApp().Driver().AbsolutePositionForObject(found).X
	if x < 0 {
		t.Fatalf("%q is not laid out in the window", value)
	}
	return x
}

// TestAttributeColumn shows sites whose longest attribute names differ:
// the values start at the same place for each.
func TestAttributeColumn(t *testing.T) {
	w, _ := newTestWindow(t)
	addFile(t, w, "mines.csv", "id,name,lon,lat,owner\nm1,Kestanelik,26.93,40.28,Acme\n")
	showSite(t, w, "tr-manisa-byd")
	byd := valueX(t, w, "BYD")
	l := w.Map.Layers()[len(w.Map.Layers())-1]
	w.Details.SetFeature(l.Site(0), nil)
	if acme := valueX(t, w, "Acme"); acme != byd {
		t.Errorf("values start at x=%v for BYD's plant and x=%v for the added mine", byd, acme)
	}
}

// TestFiguresAndDatesListed shows BYD's Manisa plant: its key figures and
// dates are each a list of named values under a heading, not raw objects.
func TestFiguresAndDatesListed(t *testing.T) {
	w, _ := newTestWindow(t)
	showSite(t, w, "tr-manisa-byd")
	shown := labelTexts(w.Details.content)
	for _, want := range []string{
		"Key figures\nInvestment\nUS$1 billion\nCapacity\n150,000 vehicles/yr\n",
		"Dates\nAgreement signed\n2024-07 (Istanbul; reported 2024-07-09)\nEarthworks\n",
	} {
		if !strings.Contains(shown, want) {
			t.Errorf("the details lack %q:\n%s", want, shown)
		}
	}
	if strings.Contains(shown, "investment: ") {
		t.Errorf("key figures shown as a raw object:\n%s", shown)
	}
}

// labelTexts is the text of the labels in o's containers, a line each.
func labelTexts(o fyne.CanvasObject) string {
	switch v := o.(type) {
	case *widget.Label:
		return v.Text + "\n"
	case *fyne.Container:
		var b strings.Builder
		for _, c := range v.Objects {
			b.WriteString(labelTexts(c))
		}
		return b.String()
	}
	return ""
}
