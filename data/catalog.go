package data

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/lodemap/lodemap/geo/layer"
)

// Catalog is a loaded dataset.
type Catalog struct {
	Name     string // the folder, or EmbeddedName
	Layers   []*layer.Layer
	Articles []*Article
	// Problems lists everything wrong in the dataset. Loading keeps going past
	// them, so one broken file never stops the others from loading.
	Problems Problems

	byID     map[string]Ref // the dataset's own features
	excerpts map[string][]*Excerpt
	attached []*layer.Layer // layers added beside the dataset
}

// Load reads a dataset from fsys; dir is how its files are named in problems
// ("" for the embedded dataset). The error is non-nil only when the dataset
// cannot be read at all, or ctx ends the load; problems in its files are in
// Catalog.Problems.
func Load(ctx context.Context, fsys fs.FS, dir string) (*Catalog, error) {
	return load(ctx, fsys, dir, false)
}

// LoadDir loads the dataset in a folder; its large layers are mapped, not
// copied.
func LoadDir(ctx context.Context, dir string) (*Catalog, error) {
	return load(ctx, os.DirFS(dir), dir, true)
}

// load is Load; onDisk says that fsys is the folder dir on disk.
func load(ctx context.Context, fsys fs.FS, dir string, onDisk bool) (*Catalog, error) {
	c := &Catalog{Name: dir, byID: map[string]Ref{}, excerpts: map[string][]*Excerpt{}}
	if dir == "" {
		c.Name = EmbeddedName
	}
	layerFiles, err := globLayers(fsys)
	if err != nil {
		return nil, fmt.Errorf("data: %s: %w", c.Name, err)
	}
	articleFiles, err := fs.Glob(fsys, "articles/*.md")
	if err != nil {
		return nil, fmt.Errorf("data: %s: %w", c.Name, err)
	}
	if len(layerFiles) == 0 {
		if _, err := fs.Stat(fsys, "."); err != nil {
			return nil, openError(c.Name, true, err)
		}
		c.Problems = append(c.Problems, Problem{File: joinPath(dir, "layers"), Msg: "no layers (" + strings.Join(layerGlobs(), ", ") + ") found"})
	}
	for _, name := range layerFiles {
		for _, l := range c.readLayer(ctx, fsys, dir, name, onDisk) {
			c.addLayer(l)
		}
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("data: %s: %w", c.Name, err)
		}
	}
	sort.SliceStable(c.Layers, func(i, j int) bool { return c.Layers[i].Order < c.Layers[j].Order })
	sort.Strings(articleFiles)
	ids := map[string]string{}
	for _, name := range articleFiles {
		b, display, ok := c.read(fsys, dir, name)
		if !ok {
			continue
		}
		a, probs := readArticle(b, display)
		c.Problems = append(c.Problems, probs...)
		if a == nil {
			continue
		}
		if prev, dup := ids[a.ID]; dup {
			c.Problems = append(c.Problems, Problem{File: display, Line: 2, Msg: fmt.Sprintf("duplicate article id %q (also in %s)", a.ID, prev)})
			continue
		}
		ids[a.ID] = display
		c.addArticle(a)
	}
	c.Problems = c.Problems.sorted()
	return c, nil
}

// globLayers lists a dataset's layer files: layers/ files of every
// registered extension, sorted.
func globLayers(fsys fs.FS) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	for _, pat := range layerGlobs() {
		m, err := fs.Glob(fsys, "layers/"+pat)
		if err != nil {
			return nil, err
		}
		for _, name := range m {
			if !seen[name] {
				seen[name] = true
				out = append(out, name)
			}
		}
	}
	sort.Strings(out)
	return out, nil
}

// readLayer reads one of the dataset's own layers, to which the dataset
// schema applies; what is wrong in it goes to the catalog's problems.
func (c *Catalog) readLayer(ctx context.Context, fsys fs.FS, dir, name string, onDisk bool) []*layer.Layer {
	var ls []*layer.Layer
	var probs Problems
	if onDisk {
		// A folder on disk: large layers are mapped, not copied.
		var err error
		ls, probs, err = loadFile(ctx, filepath.Join(dir, filepath.FromSlash(name)), joinPath(dir, name), true, nil)
		if err != nil {
			c.Problems = append(c.Problems, Problem{File: joinPath(dir, name), Msg: err.Error()})
			return nil
		}
	} else {
		b, display, ok := c.read(fsys, dir, name)
		if !ok {
			return nil
		}
		base := strings.TrimSuffix(name, path.Ext(name))
		sibling := func(ext string) ([]byte, error) { return fs.ReadFile(fsys, base+ext) }
		ls, probs = readSource(ctx, name, &Source{Bytes: b, ID: LayerID(name), Display: display, Schema: true, Sibling: sibling})
	}
	c.Problems = append(c.Problems, probs...)
	for _, l := range ls {
		c.Problems = append(c.Problems, layerLinkProblems(l)...)
	}
	return ls
}

// read reads one file of the dataset; a file that cannot be read is a
// problem of the dataset, not the end of loading.
func (c *Catalog) read(fsys fs.FS, dir, name string) ([]byte, string, bool) {
	display := joinPath(dir, name)
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		c.Problems = append(c.Problems, Problem{File: display, Msg: err.Error()})
		return nil, display, false
	}
	return b, display, true
}

// addLayer indexes the layer's features; a duplicate id is reported and the
// later feature removed, so every id names one feature.
func (c *Catalog) addLayer(l *layer.Layer) {
	if l.Len() > 1024 {
		// Size the map once for a large layer instead of growing it step by step.
		m := make(map[string]Ref, len(c.byID)+l.Len())
		for k, v := range c.byID {
			m[k] = v
		}
		c.byID = m
	}
	for i := 0; i < l.Len(); i++ {
		id := l.IDs[i]
		if prev, dup := c.byID[id]; dup {
			c.Problems = append(c.Problems, Problem{File: l.File, Line: l.Lines[i],
				Msg: fmt.Sprintf("duplicate id %q (first at %s:%d)", id, prev.Layer.File, prev.Layer.Lines[prev.Index])})
			l.Remove(i)
			i--
			continue
		}
		c.byID[id] = Ref{Layer: l, Index: i}
	}
	c.Layers = append(c.Layers, l)
}

func (c *Catalog) addArticle(a *Article) {
	c.Articles = append(c.Articles, a)
	for i := range a.Excerpts {
		e := &a.Excerpts[i]
		if e.Feature == "" || e.Offset < 0 {
			continue
		}
		if _, ok := c.byID[e.Feature]; !ok {
			c.Problems = append(c.Problems, Problem{File: a.File, Line: e.Line, Msg: fmt.Sprintf("excerpt %d links to unknown feature %q", i+1, e.Feature)})
			continue
		}
		c.excerpts[e.Feature] = append(c.excerpts[e.Feature], e)
	}
}

// LayerIDs returns the set of the catalog's layer ids, for UniqueID.
func (c *Catalog) LayerIDs() map[string]bool {
	taken := map[string]bool{}
	for _, l := range c.Layers {
		taken[l.ID] = true
	}
	return taken
}

// UniqueID returns id, or id with a number added when taken has it, and
// marks the result taken.
func UniqueID(id string, taken map[string]bool) string {
	out := id
	for n := 2; taken[out]; n++ {
		out = fmt.Sprintf("%s-%d", id, n)
	}
	taken[out] = true
	return out
}

// FeatureCount is the number of features in all layers.
func (c *Catalog) FeatureCount() int {
	n := 0
	for _, l := range c.Layers {
		n += l.Len()
	}
	return n
}

// ExcerptCount is the number of valid excerpts linked to features.
func (c *Catalog) ExcerptCount() int {
	n := 0
	for _, es := range c.excerpts {
		n += len(es)
	}
	return n
}

// Article finds an article by id.
func (c *Catalog) Article(id string) (*Article, bool) {
	for _, a := range c.Articles {
		if a.ID == id {
			return a, true
		}
	}
	return nil, false
}

// Attribution credits the dataset's sources on the map.
func (c *Catalog) Attribution() []string {
	if c.Name == EmbeddedName {
		return []string{"Sites: Lodemap from USGS, GeoNames (CC BY 4.0) and news reports"}
	}
	return []string{"Data: " + filepath.Base(c.Name)}
}

// Footnote is the line an export carries: when it was made and where the
// data comes from.
func (c *Catalog) Footnote(now time.Time) string {
	return "Made with Lodemap on " + now.Format("2 January 2006") + " · " + strings.Join(append([]string{basemapCredit}, c.Attribution()...), " · ")
}

// basemapCredit names the basemap's source in footnotes.
const basemapCredit = "Basemap: Natural Earth"
