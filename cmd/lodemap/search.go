package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/data/search"
)

// runSearch prints the features and articles a search finds, as the
// window's search box does: lodemap search TEXT [--json] [--data DIR]
// [--add FILE] [--filter EXPR] [--limit N].
func runSearch(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("search")
	vf := new(viewFlags)
	fs.StringVar(&vf.data, "data", "", "dataset folder (default: the embedded dataset)")
	fs.Var((*files)(&vf.add), "add", "layer file to search beside the dataset (repeatable)")
	vf.registerFilter(fs)
	asJSON := fs.Bool("json", false, "print the results as JSON")
	limit := fs.Int("limit", 20, "how many sites to list at most")
	pos, err := parseAll(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("search", "search needs the text to look for")
	}
	if *limit < 1 {
		return usagef("search", "--limit must be 1 or more")
	}
	cat, err := loadCatalog(vf.data)
	if err != nil {
		return err
	}
	if err := vf.addLayers(cat, stderr); err != nil {
		return err
	}
	ix, err := search.New(context.Background(), cat)
	if err != nil {
		return err
	}
	masks, _, err := vf.narrow(context.Background(), cat, cat.Layers)
	if err != nil {
		return err
	}
	query := strings.Join(pos, " ")
	r := ix.Search(query, *limit, masks)
	if *asJSON {
		return writeResultsJSON(stdout, query, r)
	}
	writeResults(stdout, r)
	return nil
}

// writeResults prints results as the window lists them: sites, then
// articles.
func writeResults(w io.Writer, r search.Results) {
	fmt.Fprintf(w, "Sites: %s found", data.Thousands(r.TotalSites))
	if len(r.Sites) < r.TotalSites {
		fmt.Fprintf(w, ", the best %d listed", len(r.Sites))
	}
	fmt.Fprintln(w)
	for _, s := range r.Sites {
		fmt.Fprintf(w, "  %s\n    %s · %s", s.Name(), s.ID(), s.Layer.Title)
		if k := s.Layer.Kinds[s.Index]; k != "" {
			fmt.Fprintf(w, " · %s", k)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "Articles: %d found\n", len(r.Articles))
	for _, a := range r.Articles {
		fmt.Fprintf(w, "  %s\n    %s\n", a.Article.Title, a.Article.URL)
		if a.Excerpt != nil {
			fmt.Fprintf(w, "    %q\n", a.Excerpt.Quote)
		}
	}
	for _, p := range r.Partial {
		fmt.Fprintf(w, "Only ids, names and kinds were searched in %s (over %s features)\n", p, data.Thousands(search.PropertiesUpTo))
	}
}

type jsonSite struct {
	Layer string  `json:"layer"`
	ID    string  `json:"id"`
	Name  string  `json:"name"`
	Kind  string  `json:"kind,omitempty"`
	Lon   float64 `json:"lon"`
	Lat   float64 `json:"lat"`
	Score int     `json:"score"`
}

type jsonArticle struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	URL     string `json:"url"`
	Excerpt string `json:"excerpt,omitempty"`
	Score   int    `json:"score"`
}

func writeResultsJSON(w io.Writer, query string, r search.Results) error {
	out := struct {
		Query      string        `json:"query"`
		TotalSites int           `json:"total_sites"`
		Sites      []jsonSite    `json:"sites"`
		Articles   []jsonArticle `json:"articles"`
		Partial    []string      `json:"attributes_not_searched_in,omitempty"`
	}{Query: query, TotalSites: r.TotalSites, Sites: []jsonSite{}, Articles: []jsonArticle{}, Partial: r.Partial}
	for _, s := range r.Sites {
		p := s.Layer.LonLat[s.Index]
		out.Sites = append(out.Sites, jsonSite{s.Layer.ID, s.ID(), s.Name(), s.Layer.Kinds[s.Index], p[0], p[1], s.Score})
	}
	for _, a := range r.Articles {
		ja := jsonArticle{ID: a.Article.ID, Title: a.Article.Title, URL: a.Article.URL, Score: a.Score}
		if a.Excerpt != nil {
			ja.Excerpt = a.Excerpt.Quote
		}
		out.Articles = append(out.Articles, ja)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
