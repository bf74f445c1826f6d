package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/lodemap/lodemap/data"
)

// mentionOf is the part of an excerpt's quote to highlight.
func mentionOf(e *data.Excerpt, cat *data.Catalog) string {
	name := ""
	if r, ok := cat.Feature(e.Feature); ok {
		name = r.Layer.Names[r.Index]
	}
	return e.MentionIn(name)
}

// quoteSegments renders a quote in italics with every occurrence of the
// mention in bold primary colour.
func quoteSegments(quote, mention string) []widget.RichTextSegment {
	return highlighted(quote, mention, fyne.TextStyle{Italic: true})
}

// highlighted splits text into inline segments, marking each occurrence of
// mark (if any) in bold primary colour.
func highlighted(text, mark string, base fyne.TextStyle) []widget.RichTextSegment {
	plain := widget.RichTextStyle{Inline: true, TextStyle: base, ColorName: theme.ColorNameForeground, SizeName: theme.SizeNameText}
	strong := plain
	strong.TextStyle.Bold = true
	strong.ColorName = theme.ColorNamePrimary
	var segs []widget.RichTextSegment
	for mark != "" {
		i := strings.Index(text, mark)
		if i < 0 {
			break
		}
		if i > 0 {
			segs = append(segs, &widget.TextSegment{Text: text[:i], Style: plain})
		}
		segs = append(segs, &widget.TextSegment{Text: mark, Style: strong})
		text = text[i+len(mark):]
	}
	if text != "" || len(segs) == 0 {
		segs = append(segs, &widget.TextSegment{Text: text, Style: plain})
	}
	// A segment that starts a line with a space, after one that filled the
	// line before, is wrapped letter by letter by Fyne's RichText: the
	// spaces go to the end of the segment before instead.
	for k := 1; k < len(segs); k++ {
		cur, prev := segs[k].(*widget.TextSegment), segs[k-1].(*widget.TextSegment)
		trimmed := strings.TrimLeft(cur.Text, " ")
		prev.Text += cur.Text[:len(cur.Text)-len(trimmed)]
		cur.Text = trimmed
	}
	return segs
}

// ArticleView shows a whole article with one excerpt highlighted and
// scrolled into view.
type ArticleView struct {
	widget.BaseWidget

	article *data.Article
	quote   string
	scroll  *container.Scroll
	target  fyne.CanvasObject // the paragraph holding the quote
}

// NewArticleView returns a reader for the excerpt's article.
func NewArticleView(e *data.Excerpt) *ArticleView {
	a := e.Article
	v := &ArticleView{article: a, quote: e.Quote}
	title := widget.NewRichText(&widget.TextSegment{Text: a.Title, Style: widget.RichTextStyleHeading})
	title.Wrapping = fyne.TextWrapWord
	meta := widget.NewLabel(a.Byline() + "\n" + a.URL)
	meta.Wrapping = fyne.TextWrapBreak
	box := container.NewVBox(title, meta)
	if a.Note != "" {
		note := widget.NewLabelWithStyle(a.Note, fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
		note.Wrapping = fyne.TextWrapWord
		box.Add(note)
	}
	box.Add(widget.NewSeparator())
	for _, para := range a.Paragraphs() {
		mark := ""
		if strings.Contains(para, e.Quote) {
			mark = e.Quote
		}
		rt := widget.NewRichText(highlighted(para, mark, fyne.TextStyle{})...)
		rt.Wrapping = fyne.TextWrapWord
		if mark != "" && v.target == nil {
			v.target = rt
		}
		box.Add(rt)
	}
	v.scroll = container.NewVScroll(box)
	v.ExtendBaseWidget(v)
	return v
}

// ScrollToQuote scrolls so the highlighted paragraph is in view.
func (v *ArticleView) ScrollToQuote() {
	if v.target == nil {
		return
	}
	y := v.target.Position().Y - theme.Padding()*4
	v.scroll.ScrollToOffset(fyne.NewPos(0, max(0, y)))
}

// Offset is how far the article is scrolled.
func (v *ArticleView) Offset() fyne.Position { return v.scroll.Offset }

// Target is the paragraph that holds the quote, or nil.
func (v *ArticleView) Target() fyne.CanvasObject { return v.target }

// CreateRenderer is part of fyne.Widget.
func (v *ArticleView) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(v.scroll) }

// openArticle shows the article in a window of its own, beside the map.
func openArticle(a fyne.App, e *data.Excerpt) fyne.Window {
	w := a.NewWindow(e.Article.Title)
	v := NewArticleView(e)
	w.SetContent(v)
	w.Resize(fyne.NewSize(720, 640))
	w.Show()
	v.ScrollToQuote()
	return w
}
