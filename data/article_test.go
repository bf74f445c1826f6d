package data

import (
	"strings"
	"testing"
)

func TestReadArticle(t *testing.T) {
	const fm = "---\nid: s\ntitle: A story\nurl: \"https://example.org/s\"\nexcerpts:\n  - feature: site-a\n    quote: \"Site A is near the river.\"\n---\n"
	tests := []struct {
		name  string
		in    string
		body  string   // the displayed body
		probs []string // problems, in order
	}{
		{"plain", fm + "\nSite A is near the river. Site B is not.\n", "Site A is near the river. Site B is not.", nil},
		{"byte-order mark", "\xEF\xBB\xBF" + fm + "\nSite A is near the river.\n", "Site A is near the river.", nil},
		{"CRLF", strings.ReplaceAll(fm+"\nSite A is near the river.\n", "\n", "\r\n"), "Site A is near the river.", nil},
		{"quote across a soft line break", fm + "\nIt says Site A is near\nthe river. Yes.\n", "It says Site A is near the river. Yes.", nil},
		{"soft line break with spaces around", fm + "\nSite A is near   \n   the river.\n", "Site A is near the river.", nil},
		{"paragraphs stay apart", fm + "\nSite A is near the\n\nriver.\n", "Site A is near the\n\nriver.",
			[]string{"a.md:6: excerpt 1 (site-a): quote is not an exact substring"}},
		{"a line of spaces is a blank line", fm + "\nOne.\n   \nSite A is near the river.\n", "One.\n\nSite A is near the river.", nil},
		{"javascript url", strings.Replace(fm, "https://example.org/s", "javascript:alert(1)", 1) + "\nSite A is near the river.\n", "Site A is near the river.",
			[]string{`a.md:4: bad front matter: url: link "javascript:alert(1)" is refused: only http, https, mailto links are opened`}},
		{"file url", strings.Replace(fm, "https://example.org/s", "file:///etc/passwd", 1) + "\nSite A is near the river.\n", "Site A is near the river.",
			[]string{`a.md:4: bad front matter: url: link "file:///etc/passwd" is refused`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, probs := readArticle([]byte(tt.in), "a.md")
			if a == nil {
				t.Fatalf("not read: %v", probs)
			}
			if a.Body != tt.body {
				t.Errorf("body %q, want %q", a.Body, tt.body)
			}
			if len(probs) != len(tt.probs) {
				t.Fatalf("problems %v, want %q", probs, tt.probs)
			}
			for i, p := range tt.probs {
				if !strings.HasPrefix(probs[i].String(), p) {
					t.Errorf("problem %q, want %q", probs[i], p)
				}
			}
			if e := a.Excerpts[0]; len(tt.probs) == 0 && (e.Offset < 0 || !strings.HasPrefix(a.Body[e.Offset:], e.Quote)) {
				t.Errorf("quote not found at its offset %d", e.Offset)
			}
		})
	}
}
