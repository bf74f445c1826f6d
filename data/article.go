package data

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// Article is a news article: front matter and its plain-text body.
type Article struct {
	ID       string    `yaml:"id"`
	Title    string    `yaml:"title"`
	Outlet   string    `yaml:"outlet"`
	Date     string    `yaml:"date"`
	URL      string    `yaml:"url"`
	Note     string    `yaml:"note"`
	Excerpts []Excerpt `yaml:"excerpts"`

	File string `yaml:"-"`
	// Body is the article's text as it is displayed: paragraphs apart by a
	// blank line, and a line break inside a paragraph (a Markdown soft line
	// break) turned into one space.
	Body string `yaml:"-"`
}

// Excerpt links a quote of the article to a feature. Mention, when given, is
// the part of the quote that names the site; it is highlighted.
type Excerpt struct {
	Feature string `yaml:"feature"`
	Quote   string `yaml:"quote"`
	Mention string `yaml:"mention"`

	Article *Article `yaml:"-"`
	Offset  int      `yaml:"-"` // byte offset of Quote in Article.Body, -1 if absent
	Line    int      `yaml:"-"` // line of the excerpt in the article file
}

// Byline is the outlet and date, as far as they are known.
func (a *Article) Byline() string {
	var parts []string
	for _, s := range []string{a.Outlet, a.Date} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " · ")
}

// Paragraphs splits the body at blank lines.
func (a *Article) Paragraphs() []string {
	var out []string
	for _, p := range strings.Split(a.Body, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// readArticle parses one Markdown file with YAML front matter. It returns the
// article (nil when the front matter cannot be read) and the problems found in
// the file itself; links to features are checked by the catalog.
func readArticle(b []byte, display string) (*Article, Problems) {
	var probs Problems
	report := func(line int, format string, args ...any) {
		probs = append(probs, Problem{File: display, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	if !utf8.Valid(b) {
		report(0, "not UTF-8 text")
		return nil, probs
	}
	b = bytes.ReplaceAll(b[bomLen(b):], []byte("\r\n"), []byte("\n"))
	if !bytes.HasPrefix(b, []byte("---\n")) {
		report(1, "bad front matter: the file must start with a line \"---\"")
		return nil, probs
	}
	end := bytes.Index(b[4:], []byte("\n---\n"))
	if end < 0 {
		if bytes.HasSuffix(b, []byte("\n---")) {
			end = len(b) - 4 - 4
		} else {
			report(1, "bad front matter: no closing \"---\" line")
			return nil, probs
		}
	}
	fm := b[4 : 4+end+1]
	body := ""
	if start := 4 + end + 5; start < len(b) {
		body = displayText(string(b[start:]))
	}
	a := &Article{File: display, Body: body}
	if err := yaml.UnmarshalWithOptions(fm, a, yaml.Strict()); err != nil {
		report(1+yamlLine(err), "bad front matter: %s", yamlMsg(err))
		return nil, probs
	}
	for field, v := range map[string]string{"id": a.ID, "title": a.Title, "url": a.URL} {
		if v == "" {
			report(2, "bad front matter: %q is missing", field)
		}
	}
	if a.URL != "" {
		if _, err := CheckLink(a.URL); err != nil {
			report(1+keyLine(fm, "$.url"), "bad front matter: url: %s", strings.TrimPrefix(err.Error(), "data: "))
		}
	}
	lines := excerptLines(fm)
	for i := range a.Excerpts {
		e := &a.Excerpts[i]
		e.Article = a
		e.Line = 1
		if i < len(lines) {
			e.Line = 1 + lines[i]
		}
		e.Offset = strings.Index(body, e.Quote)
		switch {
		case e.Feature == "":
			report(e.Line, "excerpt %d has no feature", i+1)
		case e.Quote == "":
			report(e.Line, "excerpt %d (%s) has no quote", i+1, e.Feature)
		case e.Offset < 0:
			report(e.Line, "excerpt %d (%s): quote is not an exact substring of the article text: %q", i+1, e.Feature, clip(e.Quote))
		}
		if e.Mention != "" && !strings.Contains(e.Quote, e.Mention) {
			report(e.Line, "excerpt %d (%s): mention %q is not in its quote", i+1, e.Feature, e.Mention)
		}
	}
	return a, probs
}

// displayText is Markdown text as it is displayed: paragraphs apart by one
// blank line (a line of spaces is blank too), and within a paragraph each
// line break, with the spaces around it, one space.
func displayText(md string) string {
	var paras, cur []string
	for _, ln := range strings.Split(md, "\n") {
		if ln = strings.TrimSpace(ln); ln != "" {
			cur = append(cur, ln)
			continue
		}
		if len(cur) > 0 {
			paras = append(paras, strings.Join(cur, " "))
			cur = nil
		}
	}
	if len(cur) > 0 {
		paras = append(paras, strings.Join(cur, " "))
	}
	return strings.Join(paras, "\n\n")
}

// keyLine returns the line (1-based, within the front matter) of the value
// at a YAML path, or 1.
func keyLine(fm []byte, path string) int {
	f, err := parser.ParseBytes(fm, 0)
	if err != nil || len(f.Docs) == 0 {
		return 1
	}
	p, err := yaml.PathString(path)
	if err != nil {
		return 1
	}
	n, err := p.FilterFile(f)
	if err != nil || n == nil {
		return 1
	}
	return n.GetToken().Position.Line
}

// excerptLines returns the line (1-based, within the front matter) of each
// excerpt, read from the YAML syntax tree.
func excerptLines(fm []byte) []int {
	f, err := parser.ParseBytes(fm, 0)
	if err != nil || len(f.Docs) == 0 {
		return nil
	}
	p, err := yaml.PathString("$.excerpts")
	if err != nil {
		return nil
	}
	n, err := p.FilterFile(f)
	if err != nil {
		return nil
	}
	seq, ok := n.(*ast.SequenceNode)
	if !ok {
		return nil
	}
	out := make([]int, len(seq.Values))
	for i, v := range seq.Values {
		out[i] = v.GetToken().Position.Line
	}
	return out
}

func yamlLine(err error) int {
	var se yaml.Error
	if errors.As(err, &se) {
		if t := se.GetToken(); t != nil {
			return t.Position.Line
		}
	}
	return 0
}

func yamlMsg(err error) string {
	var se yaml.Error
	if errors.As(err, &se) {
		return se.GetMessage()
	}
	return err.Error()
}

func clip(s string) string {
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}

// MentionIn returns the text of the excerpt's quote that names the feature:
// the excerpt's own mention when given, else the longest word of the
// feature's name that the quote contains (case-insensitive), or "".
func (e *Excerpt) MentionIn(featureName string) string {
	if e.Mention != "" {
		return e.Mention
	}
	lq := strings.ToLower(e.Quote)
	best := ""
	for _, w := range strings.FieldsFunc(featureName, func(r rune) bool {
		return !(r == '-' || r == '\'' || unicode.IsLetter(r) || unicode.IsDigit(r))
	}) {
		if len(w) < 3 || len(w) <= len(best) {
			continue
		}
		if i := strings.Index(lq, strings.ToLower(w)); i >= 0 {
			best = e.Quote[i : i+len(w)]
		}
	}
	return best
}
