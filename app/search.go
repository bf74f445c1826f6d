package app

import (
	"context"
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/data/search"
	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/style"
)

// searchLimit is how many sites the search box lists.
const searchLimit = 50

// SearchBox is the window's search: an entry whose results drop down
// below it, sites then articles, picked with the arrow keys and Enter or
// with the mouse. Escape closes the list.
type SearchBox struct {
	widget.BaseWidget
	Entry *searchEntry
	// Index is the index searched; nil until the window has made it.
	Index *search.Index
	// Filter, by layer id, is what the active filter lets through: only
	// those features are found.
	Filter map[string]*layer.Mask
	// OnSite and OnArticle are called with the result picked.
	OnSite    func(search.Site)
	OnArticle func(search.Article)

	// Results is the list of results, which the window lays over the
	// map (not in a pop-up, which would take the keys from the entry).
	Results *fyne.Container

	rows   []searchRow
	query  string  // the query the rows are the results of
	height float32 // the rows' height in all
	cursor int     // the highlighted row, -1 for none
	list   *widget.List
	cancel context.CancelFunc // the search under way, if any
}

// searchRow is one line of the results: a group's heading, a site or an
// article.
type searchRow struct {
	heading string
	site    *search.Site
	article *search.Article
}

// NewSearchBox returns an empty search box.
func NewSearchBox() *SearchBox {
	b := &SearchBox{cursor: -1}
	b.Entry = &searchEntry{box: b}
	b.Entry.ExtendBaseWidget(b.Entry)
	b.Entry.SetPlaceHolder("Search sites and articles")
	b.Entry.OnChanged = b.search
	b.Entry.OnSubmitted = func(string) { b.Choose() }
	b.list = widget.NewList(func() int { return len(b.rows) }, newResultRow, b.updateRow)
	b.list.OnSelected = func(i widget.ListItemID) {
		b.list.UnselectAll()
		b.cursor = i
		b.Choose()
	}
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	b.Results = container.New(&resultsLayout{box: b}, container.NewStack(bg, b.list))
	b.Results.Hide()
	b.ExtendBaseWidget(b)
	return b
}

// resultsLayout places the results at the top right of the map, as wide
// as the entry (at least 360) and as tall as their rows (at most 70% of
// the map).
type resultsLayout struct{ box *SearchBox }

func (l *resultsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	width := min(max(l.box.Size().Width, 360), size.Width)
	height := min(l.box.height+theme.Padding()*2, size.Height*0.7)
	for _, o := range objs {
		o.Move(fyne.NewPos(size.Width-width, 0))
		o.Resize(fyne.NewSize(width, height))
	}
}

func (l *resultsLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.Size{} }

// search looks for q off the UI thread; a newer query cancels it.
func (b *SearchBox) search(q string) {
	if b.cancel != nil {
		b.cancel()
	}
	b.query = "" // the rows shown are an earlier query's
	ix, filter := b.Index, b.Filter
	if ix == nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	b.cancel = cancel
	go func() {
		r := ix.Search(q, searchLimit, filter)
		uiDo(func() {
			if ctx.Err() == nil {
				b.query = q
				b.SetResults(r)
			}
		})
	}()
}

// Close cancels the search under way and closes the list.
func (b *SearchBox) Close() {
	if b.cancel != nil {
		b.cancel()
	}
	b.hide()
}

// SetResults shows results, the first pickable one highlighted.
func (b *SearchBox) SetResults(r search.Results) {
	b.rows = b.rows[:0]
	if len(r.Sites) > 0 || r.TotalSites > 0 {
		head := fmt.Sprintf("Sites (%s)", data.Thousands(r.TotalSites))
		if len(r.Sites) < r.TotalSites {
			head = fmt.Sprintf("Sites (the best %d of %s)", len(r.Sites), data.Thousands(r.TotalSites))
		}
		b.rows = append(b.rows, searchRow{heading: head})
		for i := range r.Sites {
			b.rows = append(b.rows, searchRow{site: &r.Sites[i]})
		}
	}
	if len(r.Articles) > 0 {
		b.rows = append(b.rows, searchRow{heading: fmt.Sprintf("Articles (%d)", len(r.Articles))})
		for i := range r.Articles {
			b.rows = append(b.rows, searchRow{article: &r.Articles[i]})
		}
	}
	if len(b.rows) == 0 && b.Entry.Text != "" {
		b.rows = append(b.rows, searchRow{heading: "Nothing found"})
	}
	b.height = 0
	for i, row := range b.rows {
		h := resultHeight()
		if row.heading != "" { // one line, not two
			h = headingHeight()
		}
		b.list.SetItemHeight(i, h)
		b.height += h + theme.Padding() // a separator between rows
	}
	b.cursor = -1
	b.Step(1)
	b.show()
}

// Query is the text whose results are shown; "" while a search runs.
func (b *SearchBox) Query() string { return b.query }

// Rows is how many lines the results have, headings included.
func (b *SearchBox) Rows() int { return len(b.rows) }

// Highlighted is the text of the highlighted result ("" for none).
func (b *SearchBox) Highlighted() string {
	if b.cursor < 0 {
		return ""
	}
	t, _ := rowText(b.rows[b.cursor])
	return t
}

// Step highlights the next (by > 0) or previous pickable result.
func (b *SearchBox) Step(by int) {
	for i := b.cursor + by; i >= 0 && i < len(b.rows); i += by {
		if b.rows[i].heading == "" {
			b.cursor = i
			b.list.ScrollTo(i)
			break
		}
	}
	b.list.Refresh()
}

// Choose picks the highlighted result and closes the list.
func (b *SearchBox) Choose() {
	if b.cursor < 0 || b.cursor >= len(b.rows) {
		return
	}
	row := b.rows[b.cursor]
	b.hide()
	switch {
	case row.site != nil && b.OnSite != nil:
		b.OnSite(*row.site)
	case row.article != nil && b.OnArticle != nil:
		b.OnArticle(*row.article)
	}
}

// Showing reports whether the results are shown.
func (b *SearchBox) Showing() bool { return b.Results.Visible() }

func (b *SearchBox) show() {
	b.Results.Show()
	b.Results.Refresh()
}

func (b *SearchBox) hide() { b.Results.Hide() }

// CreateRenderer is part of fyne.Widget.
func (b *SearchBox) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(b.Entry) }

// MinSize keeps the entry wide enough for a place name.
func (b *SearchBox) MinSize() fyne.Size {
	s := b.Entry.MinSize()
	return fyne.NewSize(max(s.Width, 170), s.Height)
}

func newResultRow() fyne.CanvasObject {
	bg := canvas.NewRectangle(color.Transparent)
	title := widget.NewLabel("")
	title.Truncation = fyne.TextTruncateEllipsis
	detail := widget.NewLabel("")
	detail.Truncation = fyne.TextTruncateEllipsis
	detail.SizeName = theme.SizeNameCaptionText
	return container.NewStack(bg, container.NewVBox(title, detail))
}

func (b *SearchBox) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	st := o.(*fyne.Container)
	bg := st.Objects[0].(*canvas.Rectangle)
	lines := st.Objects[1].(*fyne.Container)
	title, detail := lines.Objects[0].(*widget.Label), lines.Objects[1].(*widget.Label)
	row := b.rows[i]
	t, d := rowText(row)
	title.TextStyle.Bold = row.heading != ""
	title.Importance = widget.MediumImportance
	if row.heading != "" {
		title.Importance = widget.HighImportance
	}
	title.SetText(t)
	detail.SetText(d)
	if d == "" {
		detail.Hide()
	} else {
		detail.Show()
	}
	bg.FillColor = color.Transparent
	if i == b.cursor {
		bg.FillColor = theme.Color(theme.ColorNameSelection)
	}
	bg.Refresh()
}

// headingHeight is the height of a group's heading: one line.
func headingHeight() float32 { return widget.NewLabel("Sites").MinSize().Height }

// resultHeight is the height of a result: its name and a line under it.
func resultHeight() float32 { return newResultRow().MinSize().Height }

// rowText is a row's title and the line under it.
func rowText(row searchRow) (string, string) {
	switch {
	case row.site != nil:
		s := row.site
		d := s.Layer.Title
		if k := s.Layer.Kinds[s.Index]; k != "" {
			d = style.KindLabel(k) + " · " + d
		}
		return s.Name(), d
	case row.article != nil:
		a := row.article
		d := a.Article.Byline()
		if a.Excerpt != nil {
			d = "“" + a.Excerpt.Quote + "”"
		}
		return a.Article.Title, d
	}
	return row.heading, ""
}

// searchEntry is the search box's entry: the arrow keys move through the
// results and Escape closes them.
type searchEntry struct {
	widget.Entry
	box *SearchBox
}

// TypedKey is part of fyne.Focusable.
func (e *searchEntry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyDown:
		e.box.Step(1)
	case fyne.KeyUp:
		e.box.Step(-1)
	case fyne.KeyEscape:
		e.box.hide()
	default:
		e.Entry.TypedKey(k)
	}
}
