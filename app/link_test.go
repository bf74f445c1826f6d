package app

import (
	"errors"
	"net/url"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// errNoBrowser is what Fyne's OpenURL returns where xdg-open is missing.
var errNoBrowser = errors.New(`exec: "xdg-open": executable file not found in $PATH`)

// opener records the links given to it and fails with err.
type opener struct {
	opened []string
	err    error
}

func (o *opener) open(u *url.URL) error {
	o.opened = append(o.opened, u.String())
	return o.err
}

// linkWindow is a test window whose links go to an opener failing with err.
func linkWindow(t *testing.T, err error) (*Window, *opener) {
	t.Helper()
	w, _ := newTestWindow(t)
	o := &opener{err: err}
	w.openURL = o.open
	return w, o
}

// dialogText is the text of the dialog shown over the window, "" if none.
func dialogText(w *Window) string {
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	s := texts(top)
	if e := findLinkEntry(top); e != nil {
		s += "<" + e.Text + ">\n"
	}
	return s
}

func findLinkEntry(o fyne.CanvasObject) *linkEntry {
	switch v := o.(type) {
	case *linkEntry:
		return v
	case *fyne.Container:
		for _, c := range v.Objects {
			if e := findLinkEntry(c); e != nil {
				return e
			}
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			if e := findLinkEntry(c); e != nil {
				return e
			}
		}
	}
	return nil
}

func findButton(o fyne.CanvasObject, text string) *widget.Button {
	switch v := o.(type) {
	case *widget.Button:
		if v.Text == text {
			return v
		}
	case *fyne.Container:
		for _, c := range v.Objects {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
	}
	return nil
}

// pressKey delivers a key as the desktop driver does: to the focused
// widget, or else to the canvas.
func pressKey(c fyne.Canvas, k fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: k}
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
	} else if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}

func TestOpenLinkFromDetails(t *testing.T) {
	const refused = "Lodemap opens only http, https and mailto links, so it did not open this one."
	tests := []struct {
		name       string
		link       string
		openErr    error
		wantOpened bool
		wantDialog []string // lines of the dialog, none when nil
	}{
		{"web page", "https://example.com/a?b=1", nil, true, nil},
		{"mail", "mailto:desk@example.com", nil, true, nil},
		{"javascript refused", "javascript:alert(1)", nil, false, []string{refused, "[Close]"}},
		{"file refused", "file:///etc/passwd", nil, false, []string{refused}},
		{"data refused", "data:text/html,<b>hi</b>", nil, false, []string{refused}},
		{"custom scheme refused", "steam://run/1", nil, false, []string{refused}},
		{"web link without host refused", "https:///nowhere", nil, false, []string{refused}},
		{"no browser", "https://example.com/a?b=1", errNoBrowser, true,
			[]string{"Lodemap could not open your web browser. Copy the link and paste it into one:", "<https://example.com/a?b=1>", "[Copy]", "[Close]"}},
		{"no mail program", "mailto:desk@example.com", errNoBrowser, true,
			[]string{"Lodemap could not open your mail program. Copy the address and paste it into one:", "<mailto:desk@example.com>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, o := linkWindow(t, tt.openErr)
			u, err := url.Parse(tt.link)
			if err != nil {
				t.Fatal(err)
			}
			w.Details.OnOpenURL(u)
			if got := len(o.opened) == 1 && o.opened[0] == tt.link; got != tt.wantOpened {
				t.Errorf("opened %q, want %q opened: %v", o.opened, tt.link, tt.wantOpened)
			}
			text := dialogText(w)
			if tt.wantDialog == nil && text != "" {
				t.Errorf("unexpected dialog:\n%s", text)
			}
			for _, want := range tt.wantDialog {
				if !strings.Contains(text, want+"\n") {
					t.Errorf("dialog lacks %q:\n%s", want, text)
				}
			}
			for _, internal := range []string{"exec:", "xdg-open", "data: "} {
				if strings.Contains(text, internal) {
					t.Errorf("dialog shows an internal error (%q):\n%s", internal, text)
				}
			}
		})
	}
}

func TestCopyLink(t *testing.T) {
	const link = "https://example.com/a?b=1"
	w, _ := linkWindow(t, errNoBrowser)
	w.OpenLink(link)
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog")
	}
	e := findLinkEntry(top)
	if e.SelectedText() != link {
		t.Errorf("selected %q, want the whole link", e.SelectedText())
	}
	test.Type(e, "typed over")
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	w.App.Clipboard().SetContent("pasted")
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: w.App.Clipboard()})
	e.TypedShortcut(&fyne.ShortcutCut{Clipboard: w.App.Clipboard()})
	if e.Text != link {
		t.Errorf("the link was edited to %q", e.Text)
	}
	b := findButton(top, "Copy")
	if b == nil {
		t.Fatal("no Copy button")
	}
	test.Tap(b)
	if got := w.App.Clipboard().Content(); got != link {
		t.Errorf("clipboard holds %q, want %q", got, link)
	}
	if b.Text != "Copied" {
		t.Errorf("Copy button says %q after copying, want Copied", b.Text)
	}
}

func TestLinkDialogKeys(t *testing.T) {
	tests := []struct {
		name    string
		key     fyne.KeyName
		unfocus bool // the user clicked beside the entry
		link    string
	}{
		{"Escape", fyne.KeyEscape, false, "https://example.com/"},
		{"Enter", fyne.KeyReturn, false, "https://example.com/"},
		{"keypad Enter", fyne.KeyEnter, false, "https://example.com/"},
		{"Escape, nothing focused", fyne.KeyEscape, true, "https://example.com/"},
		{"Enter, nothing focused", fyne.KeyReturn, true, "https://example.com/"},
		{"Escape on a refused link", fyne.KeyEscape, false, "javascript:alert(1)"},
		{"Enter on a refused link", fyne.KeyReturn, false, "javascript:alert(1)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, _ := linkWindow(t, errNoBrowser)
			c := w.Canvas()
			w.OpenLink(tt.link)
			if c.Overlays().Top() == nil {
				t.Fatal("no dialog")
			}
			if tt.unfocus {
				c.Unfocus()
			}
			pressKey(c, fyne.KeyLeft) // moves the cursor or nothing; the dialog stays
			if c.Overlays().Top() == nil {
				t.Fatal("an arrow key closed the dialog")
			}
			pressKey(c, tt.key)
			if top := c.Overlays().Top(); top != nil {
				t.Fatalf("dialog still open:\n%s", texts(top))
			}
			// The map has its keys back.
			v0 := w.Map.View()
			pressKey(c, fyne.KeyLeft)
			waitFrame(t, w.Map)
			if v1 := w.Map.View(); v1.Center[0] >= v0.Center[0] {
				t.Errorf("left arrow after the dialog: centre %v -> %v, want it west", v0.Center, v1.Center)
			}
		})
	}
}
