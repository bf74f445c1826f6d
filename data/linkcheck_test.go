package data

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

func TestLooksLikeLink(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"https://example.org", true},
		{"http//example.org", true},
		{"HTTP://EXAMPLE.ORG", true},
		{"javascript:alert(1)", true},
		{" data:text/html,<b>x</b> ", true},
		{"file:///etc/passwd", true},
		{"mailto:a@example.org", true},
		{"ftp://example.org/x", true},
		{"custom-app://open", true},
		{"Status: planned", false},
		{"12:30", false},
		{"ratio:2", false},
		{"gold, silver", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := looksLikeLink(tt.in); got != tt.want {
				t.Errorf("looksLikeLink = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestDatasetLinks loads a dataset with links of every kind in its
// articles and layers: each one CheckLink refuses is a problem at its file
// and line, and nothing else is.
func TestDatasetLinks(t *testing.T) {
	geo := collection(
		feature(pt, props+`,"sources":["https://example.org/a","javascript:alert(1)"]`),
		feature(pt, `"id":"b","name":"B","kind":"mine","status":"operating","homepage":"data:text/html,<b>x</b>","note":"Status: planned"`),
		feature(pt, `"id":"c","name":"C","kind":"mine","status":"operating","links":{"site":"http://example.org","pdf":"file:///c/report.pdf"}`),
	)
	csv := "id,name,kind,status,lon,lat,website,sources\nd,D,mine,operating,30,40,vbscript:msgbox,USGS MRDS\ne,E,mine,operating,30,40,https://example.org/e,\n"
	md := "---\nid: s\ntitle: A story\nurl: \"custom-app://open\"\n---\n\nText.\n"
	fsys := fstest.MapFS{
		"layers/a.geojson":   {Data: []byte(geo)},
		"layers/b.csv":       {Data: []byte(csv)},
		"articles/story.md":  {Data: []byte(md)},
		"articles/story2.md": {Data: []byte(strings.NewReplacer("custom-app://open", "mailto:desk@example.org", "id: s", "id: s2").Replace(md))},
	}
	c, err := Load(context.Background(), fsys, "ds")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`ds/articles/story.md:4: bad front matter: url: link "custom-app://open" is refused`,
		`ds/layers/a.geojson:2: feature "a": sources: link "javascript:alert(1)" is refused`,
		`ds/layers/a.geojson:3: feature "b": homepage: link "data:text/html,<b>x</b>" is refused`,
		`ds/layers/a.geojson:4: feature "c": links: link "file:///c/report.pdf" is refused`,
		`ds/layers/b.csv:2: feature "d": website: link "vbscript:msgbox" is refused`,
	}
	if len(c.Problems) != len(want) {
		t.Fatalf("problems:\n%v\nwant:\n%s", c.Problems, strings.Join(want, "\n"))
	}
	for i, w := range want {
		if got := c.Problems[i].String(); !strings.HasPrefix(got, w) {
			t.Errorf("problem %q, want %q", got, w)
		}
	}
}
