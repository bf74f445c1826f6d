package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// linkEntry shows a link that can be selected and copied but not edited.
// Escape and Enter call onClose.
type linkEntry struct {
	widget.Entry
	link    string
	onClose func()
}

func newLinkEntry(link string) *linkEntry {
	e := &linkEntry{link: link}
	e.ExtendBaseWidget(e)
	e.SetText(link)
	// Edits (typing, paste or cut, from the keyboard or the context menu)
	// are undone.
	e.OnChanged = func(s string) {
		if s != e.link {
			e.SetText(e.link)
		}
	}
	return e
}

// TypedKey closes on Escape and Enter; other keys move the cursor and the
// selection as in any entry.
func (e *linkEntry) TypedKey(k *fyne.KeyEvent) {
	if closesDialog(k.Name) {
		if e.onClose != nil {
			e.onClose()
		}
		return
	}
	e.Entry.TypedKey(k)
}
