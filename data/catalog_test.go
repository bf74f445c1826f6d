package data

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/lodemap/lodemap/geo/layer"
	"github.com/paulmach/orb"
)

func TestEmbeddedDatasetValidates(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range c.Problems {
		t.Errorf("problem: %s", p)
	}
	if got := c.FeatureCount(); got != 28 {
		t.Errorf("%d features, want the 28 reference sites", got)
	}
	titles := []string{}
	for _, l := range c.Layers {
		titles = append(titles, l.Title)
	}
	if got := strings.Join(titles, "|"); got != "Deposits & mines|Refineries & processing|Automaker plants" {
		t.Errorf("layers = %s", got)
	}
	for _, id := range []string{"tr-beylikova-ree-deposit", "tr-beylikova-industrial-plant", "tr-manisa-byd", "cn-wuhu-chery", "cn-shanghai-saic", "cn-baoding-gwm", "us-stibnite-gold-project"} {
		t.Run(id, func(t *testing.T) {
			if len(c.Excerpts(siteOf(t, c, id))) == 0 {
				t.Errorf("no excerpt linked to %s", id)
			}
		})
	}
	if len(c.Articles) != 5 {
		t.Errorf("%d articles, want the seed and its four related stories", len(c.Articles))
	}
	for _, a := range c.Articles {
		for _, junk := range []string{"Supported by", "spot_img", "Related News", "Content is protected"} {
			if strings.Contains(a.Body, junk) {
				t.Errorf("%s still holds page furniture %q", a.File, junk)
			}
		}
	}
}

func TestBrokenDataset(t *testing.T) {
	c, err := LoadDir(context.Background(), "testdata/broken")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"testdata/broken/articles/zdup.md:2: duplicate article id \"story-1\" (also in testdata/broken/articles/quote.md)",
		"testdata/broken/articles/frontmatter.md:6: bad front matter",
		"testdata/broken/articles/nofm.md:1: bad front matter: the file must start with a line \"---\"",
		"testdata/broken/articles/quote.md:10: excerpt 2 (site-b): quote is not an exact substring of the article text",
		"testdata/broken/articles/quote.md:12: excerpt 3 links to unknown feature \"site-zz\"",
		"testdata/broken/articles/quote.md:14: excerpt 4 (site-b): mention \"Site Q\" is not in its quote",
		"testdata/broken/layers/a-good.geojson:3: feature \"site-b\": unknown kind \"smelter\"",
		"testdata/broken/layers/a-good.geojson:4: feature \"site-c\": coordinates (200, 38.64) out of range",
		"testdata/broken/layers/a-good.geojson:5: feature \"site-d\": unknown status \"dormant\"",
		"testdata/broken/layers/b-dup.geojson:2: duplicate id \"site-a\" (first at testdata/broken/layers/a-good.geojson:2)",
		"testdata/broken/layers/b-dup.geojson:4: feature \"site-f\": coordinates (30.5, -95) out of range",
		`testdata/broken/layers/b-dup.geojson:5: feature "b-dup-4" has no id; it was given this one`,
		"testdata/broken/layers/c-broken.geojson:3: column 129: expected ',' or '}', found '\"'",
	}
	got := make([]string, len(c.Problems))
	for i, p := range c.Problems {
		got[i] = p.String()
	}
	for _, w := range want {
		t.Run(w, func(t *testing.T) {
			for _, g := range got {
				if strings.HasPrefix(g, w) {
					return
				}
			}
			t.Errorf("missing problem %q in:\n%s", w, strings.Join(got, "\n"))
		})
	}
	if len(got) != len(want) {
		t.Errorf("%d problems, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	// Nothing that could be loaded was dropped: the broken layer keeps the
	// feature before its syntax error, and unknown kinds are kept.
	for _, id := range []string{"site-a", "site-b", "site-d", "site-e", "site-g"} {
		if _, ok := c.Feature(id); !ok {
			t.Errorf("feature %s was dropped", id)
		}
	}
	if r, _ := c.Feature("site-a"); r.Layer.Names[r.Index] != "Site A" {
		t.Errorf("duplicate id replaced the first feature")
	}
	if len(c.Excerpts(siteOf(t, c, "site-a"))) != 1 {
		t.Errorf("the valid excerpt of story-1 is missing")
	}
}

func TestMissingDir(t *testing.T) {
	if _, err := LoadDir(context.Background(), "testdata/no-such-folder"); err == nil {
		t.Error("no error for a missing folder")
	}
}

func TestDetails(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	d, ok := c.Details(siteOf(t, c, "tr-manisa-byd"))
	if !ok {
		t.Fatal("no details")
	}
	if d.Country != "TR" || d.CountryName != "Turkey" || d.Operator != "BYD" || d.Precision != "site_approx" {
		t.Errorf("details = %+v", d)
	}
	if len(d.KeyFigures) == 0 || d.KeyFigures[0].Key != "investment" {
		t.Errorf("key figures out of file order: %+v", d.KeyFigures)
	}
	if len(d.Dates) == 0 || d.Dates[0].Key != "agreement_signed" {
		t.Errorf("dates out of file order: %+v", d.Dates)
	}
	keys := map[string]bool{}
	for _, f := range d.Other {
		keys[f.Key] = true
	}
	for _, k := range []string{"confidence", "coord_source"} {
		if !keys[k] {
			t.Errorf("property %s not shown", k)
		}
	}
	if len(d.Facts) != 6 || !strings.HasPrefix(d.Facts[0].Text, "BYD agreed a US$1bn deal") ||
		d.Facts[2].Source != "https://www.memurlar.net/haber/1153206/" || keys["facts"] {
		t.Errorf("facts not read as facts: %+v", d.Facts)
	}
	b, _ := LoadDir(context.Background(), "testdata/broken")
	d, _ = b.Details(siteOf(t, b, "site-a"))
	if len(d.Other) != 1 || d.Other[0] != (Field{"owner_note", "kept"}) {
		t.Errorf("unknown property lost: %+v", d.Other)
	}
}

// siteOf is the Site of a dataset feature.
func siteOf(t *testing.T, c *Catalog, id string) layer.Site {
	t.Helper()
	r, ok := c.Feature(id)
	if !ok {
		t.Fatalf("no feature %q", id)
	}
	return r.Site()
}

func TestMentionIn(t *testing.T) {
	tests := []struct {
		name string
		e    Excerpt
		feat string
		want string
	}{
		{"explicit", Excerpt{Quote: "BYD has already committed", Mention: "BYD"}, "x", "BYD"},
		{"longest word of the name", Excerpt{Quote: "a reserve in Beylikova, near Eskisehir"}, "Beylikova (Kizilcaoren) deposit", "Beylikova"},
		{"case-insensitive, quote's own case", Excerpt{Quote: "the stibnite mine"}, "Stibnite Gold Project", "stibnite"},
		{"none", Excerpt{Quote: "nothing here"}, "Bayan Obo mine", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.e.MentionIn(tt.feat); got != tt.want {
				t.Errorf("MentionIn = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestWriteExcerpts(t *testing.T) {
	c, _ := Default()
	var buf bytes.Buffer
	if err := WriteExcerpts(&buf, c, "tr-beylikova-ree-deposit", true); err != nil {
		t.Fatal(err)
	}
	var out struct {
		ID       string
		Excerpts []struct{ Quote, URL, Mention string }
	}
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	if out.ID != "tr-beylikova-ree-deposit" || len(out.Excerpts) != 2 || !strings.Contains(out.Excerpts[0].Quote, "Beylikova") || out.Excerpts[0].Mention != "Beylikova" {
		t.Errorf("json = %s", buf.String())
	}
	buf.Reset()
	if err := WriteExcerpts(&buf, c, "cn-wuhu-chery", false); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "Chery Automobile Co Ltd.") {
		t.Errorf("text = %s", buf.String())
	}
	if err := WriteExcerpts(&buf, c, "no-such-site", false); err == nil {
		t.Error("no error for an unknown id")
	}
}

func TestHome(t *testing.T) {
	c, _ := Default()
	// The window's map area is about 640x700; the start view must show
	// Beylikova, Manisa and Istanbul there.
	v := c.Home(600, 600)
	places := map[string]orb.Point{"Istanbul": {28.98, 41.01}}
	for _, id := range []string{"tr-beylikova-ree-deposit", "tr-manisa-byd"} {
		r, _ := c.Feature(id)
		places[id] = r.Layer.LonLat[r.Index]
	}
	for name, p := range places {
		t.Run(name, func(t *testing.T) {
			x, y := v.ToPixel(p)
			if x < 20 || y < 20 || x > 580 || y > 580 {
				t.Errorf("at (%g, %g): not in the start view", x, y)
			}
		})
	}
	b, _ := LoadDir(context.Background(), "testdata/broken")
	fit := b.Home(800, 600)
	for _, l := range b.Layers {
		for _, p := range l.LonLat {
			if x, y := fit.ToPixel(p); x < 0 || y < 0 || x > 800 || y > 600 {
				t.Errorf("another dataset's start view misses %v", p)
			}
		}
	}
}
