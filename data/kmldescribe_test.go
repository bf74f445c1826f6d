package data

import (
	"strings"
	"testing"
)

// TestDescribeKML: the deposit's KML description carries each excerpt's
// exact quote with its article's title and address; its attributes carry
// its properties.
func TestDescribeKML(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	id := "tr-beylikova-ree-deposit"
	r, ok := c.Feature(id)
	if !ok {
		t.Fatalf("no feature %s", id)
	}
	attrs, desc, err := c.DescribeKML(r.Layer, r.Index)
	if err != nil {
		t.Fatal(err)
	}
	ex := c.Excerpts(r.Layer.Site(r.Index))
	if len(ex) == 0 {
		t.Fatalf("%s has no excerpts to describe", id)
	}
	for _, e := range ex {
		for _, want := range []string{"“" + e.Quote + "”", e.Article.Title, e.Article.URL} {
			if !strings.Contains(desc, want) {
				t.Errorf("description lacks %q:\n%s", want, desc)
			}
		}
	}
	keys := map[string]bool{}
	for _, kv := range attrs {
		keys[kv.Key] = true
	}
	for _, k := range []string{"operator", "country", "commodities"} {
		if !keys[k] {
			t.Errorf("attributes lack %q: %v", k, attrs)
		}
	}
}
