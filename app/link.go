package app

import (
	"fmt"
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/lodemap/lodemap/data"
)

// linkDialogTitle is the title of the dialogs about a link not opened.
const linkDialogTitle = "Link not opened"

// openLink opens a link from the data with open (the app's OpenURL) when
// data.CheckLink accepts it. A refused link, or one the system cannot open,
// is explained in a dialog over parent; the second offers the link to copy.
func openLink(a fyne.App, parent fyne.Window, open func(*url.URL) error, raw string) {
	u, err := data.CheckLink(raw)
	if err != nil {
		msg := widget.NewLabel(refusedText())
		msg.Wrapping = fyne.TextWrapWord
		showLinkDialog(parent, msg, nil)
		return
	}
	if err := open(u); err != nil {
		showCopyLink(a, parent, u)
	}
}

// refusedText says, in one sentence, which links Lodemap opens.
func refusedText() string {
	s := data.LinkSchemes
	kinds := strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
	return fmt.Sprintf("Lodemap opens only %s links, so it did not open this one.", kinds)
}

// showCopyLink tells the user that the system could not open u, and shows
// it in a read-only entry with a Copy button that puts it on the clipboard.
func showCopyLink(a fyne.App, parent fyne.Window, u *url.URL) {
	program, what := "web browser", "link"
	if u.Scheme == "mailto" {
		program, what = "mail program", "address"
	}
	msg := widget.NewLabel(fmt.Sprintf("Lodemap could not open your %s. Copy the %s and paste it into one:", program, what))
	msg.Wrapping = fyne.TextWrapWord
	link := newLinkEntry(u.String())
	var copied *widget.Button
	copied = widget.NewButtonWithIcon("Copy", theme.ContentCopyIcon(), func() {
		a.Clipboard().SetContent(u.String())
		copied.SetText("Copied")
	})
	showLinkDialog(parent, container.NewVBox(msg, link), link, copied)
}

// showLinkDialog shows content in a dialog with a Close button after the
// buttons given. Escape and Enter close it, both when entry (if not nil)
// has the focus, which it gets with the link selected, and when nothing has.
func showLinkDialog(parent fyne.Window, content fyne.CanvasObject, entry *linkEntry, buttons ...fyne.CanvasObject) {
	d := dialog.NewCustomWithoutButtons(linkDialogTitle, content, parent)
	d.SetButtons(append(buttons, widget.NewButton("Close", d.Hide)))
	c := parent.Canvas()
	prev := c.OnTypedKey()
	c.SetOnTypedKey(func(k *fyne.KeyEvent) {
		if closesDialog(k.Name) {
			d.Hide()
		} else if prev != nil {
			prev(k)
		}
	})
	d.SetOnClosed(func() { c.SetOnTypedKey(prev) })
	d.Resize(fyne.NewSize(520, content.MinSize().Height))
	d.Show()
	if entry != nil {
		entry.onClose = d.Hide
		c.Focus(entry)
		entry.TypedShortcut(&fyne.ShortcutSelectAll{})
	}
}

// closesDialog reports whether a key closes a link dialog.
func closesDialog(k fyne.KeyName) bool {
	return k == fyne.KeyEscape || k == fyne.KeyReturn || k == fyne.KeyEnter
}
