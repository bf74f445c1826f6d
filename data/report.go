package data

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Summary counts what the catalog holds, one line per layer and a total.
func (c *Catalog) Summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d layers, %d features, %d articles, %d excerpts\n",
		c.Name, len(c.Layers), c.FeatureCount(), len(c.Articles), c.ExcerptCount())
	for _, l := range c.Layers {
		fmt.Fprintf(&b, "  %-28s %4d features  (%s)\n", l.Title, l.Len(), l.File)
	}
	return b.String()
}

// excerptJSON is one excerpt in `lodemap excerpts --json`.
type excerptJSON struct {
	Article string `json:"article"`
	Title   string `json:"title"`
	Outlet  string `json:"outlet,omitempty"`
	Date    string `json:"date,omitempty"`
	URL     string `json:"url"`
	Quote   string `json:"quote"`
	Mention string `json:"mention,omitempty"`

	byline string
}

// WriteExcerpts prints a feature and the excerpts linked to it, as text or
// as one JSON object.
func WriteExcerpts(w io.Writer, c *Catalog, id string, asJSON bool) error {
	r, ok := c.Feature(id)
	if !ok {
		return fmt.Errorf("data: no feature with id %q in %s", id, c.Name)
	}
	d, _ := c.Details(r.Site())
	var ex []excerptJSON
	for _, e := range c.Excerpts(r.Site()) {
		ex = append(ex, excerptJSON{Article: e.Article.ID, Title: e.Article.Title, Outlet: e.Article.Outlet,
			Date: e.Article.Date, URL: e.Article.URL, Quote: e.Quote, Mention: e.MentionIn(d.Name), byline: e.Article.Byline()})
	}
	if asJSON {
		out := struct {
			ID          string        `json:"id"`
			Name        string        `json:"name"`
			Kind        string        `json:"kind"`
			Status      string        `json:"status"`
			Coordinates [2]float64    `json:"coordinates"`
			Precision   string        `json:"coord_precision,omitempty"`
			Excerpts    []excerptJSON `json:"excerpts"`
		}{d.ID, d.Name, d.Kind, d.Status, [2]float64(d.LonLat), d.Precision, ex}
		if out.Excerpts == nil {
			out.Excerpts = []excerptJSON{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(out)
	}
	fmt.Fprintf(w, "%s\n  id: %s\n  kind: %s, status: %s\n  at: %.4f, %.4f (%s)\n",
		d.Name, d.ID, d.Kind, d.Status, d.LonLat[0], d.LonLat[1], PrecisionText(d.Precision))
	if len(ex) == 0 {
		fmt.Fprintln(w, "\nNo excerpts.")
	}
	for _, e := range ex {
		fmt.Fprintf(w, "\n%s\n  %s\n  %s\n  \"%s\"\n", e.Title, e.byline, e.URL, e.Quote)
	}
	return nil
}
