package app

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/lodemap/lodemap/data/filter"
)

// TimeBar is the time slider below the map: it runs month by month over
// the dataset's dates, and the map shows the sites known by the chosen
// date, each styled by its status then. Play steps from one month the
// sources date something in to the next.
type TimeBar struct {
	widget.BaseWidget
	// OnChanged is called with the date chosen (2024-09 for a month, or
	// the day SetAt was given).
	OnChanged func(date string)
	// OnClose is called when the user closes the bar: the map is as of now
	// again.
	OnClose func()
	// Start starts the play loop's job: the window's, so closing the
	// window stops it.
	Start func() (context.Context, context.CancelFunc)

	months []string // every month from the first date's to the last's
	events []int    // the months (indexes into months) something is dated in
	at     string   // the date shown
	stop   context.CancelFunc
	every  time.Duration // one play step

	slider *widget.Slider
	label  *widget.Label
	play   *widget.Button
}

// playStep is how long play shows each month with news.
const playStep = 700 * time.Millisecond

// NewTimeBar returns a bar with no dates yet.
func NewTimeBar() *TimeBar {
	b := &TimeBar{every: playStep}
	b.slider = widget.NewSlider(0, 1)
	b.slider.Step = 1
	b.slider.OnChanged = func(v float64) {
		if i := int(v); i >= 0 && i < len(b.months) && b.months[i] != b.month() {
			b.set(b.months[i])
		}
	}
	b.label = widget.NewLabel("")
	b.play = widget.NewButtonWithIcon("", theme.MediaPlayIcon(), b.TogglePlay)
	b.ExtendBaseWidget(b)
	return b
}

// SetDates sets the dates the slider runs over (sorted, as
// filter.Timeline.Dates gives them). The date shown stays, within them.
func (b *TimeBar) SetDates(dates []string) {
	b.months, b.events = nil, nil
	if len(dates) > 0 {
		b.months = monthsBetween(dates[0][:4]+"-01", dates[len(dates)-1])
		for _, d := range dates {
			if i := slices.Index(b.months, monthOf(d)); i >= 0 && !slices.Contains(b.events, i) {
				b.events = append(b.events, i)
			}
		}
	}
	b.slider.Max = float64(max(len(b.months)-1, 1))
	if b.at == "" && len(b.months) > 0 {
		b.at = b.months[len(b.months)-1]
	}
	b.show()
}

// SetAt shows a date (2024, 2024-09 or 2024-09-04), as dragging the
// slider to it would, and calls OnChanged.
func (b *TimeBar) SetAt(date string) { b.set(date) }

// At is the date shown, "" before there are dates.
func (b *TimeBar) At() string { return b.at }

// Playing reports whether play is on.
func (b *TimeBar) Playing() bool { return b.stop != nil }

// TogglePlay starts or pauses play. Play started at the last month starts
// again from the first.
func (b *TimeBar) TogglePlay() {
	if b.stop != nil {
		b.Pause()
		return
	}
	if len(b.events) == 0 || b.Start == nil {
		return
	}
	if b.next() < 0 {
		b.set(b.months[b.events[0]])
	}
	ctx, stop := b.Start()
	b.stop = stop
	b.play.SetIcon(theme.MediaPauseIcon())
	go b.run(ctx, b.every)
}

// Pause stops play.
func (b *TimeBar) Pause() {
	if b.stop != nil {
		b.stop()
		b.stop = nil
	}
	b.play.SetIcon(theme.MediaPlayIcon())
}

// run steps play every interval until ctx ends or the last month is shown.
func (b *TimeBar) run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			uiDo(func() {
				if ctx.Err() == nil {
					b.step()
				}
			})
		}
	}
}

// step shows the next month with news, and pauses after the last.
func (b *TimeBar) step() {
	if i := b.next(); i >= 0 {
		b.set(b.months[i])
	}
	if b.next() < 0 {
		b.Pause()
	}
}

// next is the first month with news after the one shown, or -1.
func (b *TimeBar) next() int {
	cur := slices.Index(b.months, b.month())
	for _, i := range b.events {
		if i > cur {
			return i
		}
	}
	return -1
}

func (b *TimeBar) set(date string) {
	b.at = date
	b.show()
	if b.OnChanged != nil {
		b.OnChanged(date)
	}
}

// show moves the slider and the label to the date shown.
func (b *TimeBar) show() {
	if i := slices.Index(b.months, b.month()); i >= 0 {
		b.slider.Value = float64(i)
		b.slider.Refresh()
	}
	b.label.SetText(filter.AsOf(b.at))
}

// month is the month of the date shown.
func (b *TimeBar) month() string { return monthOf(b.at) }

// CreateRenderer is part of fyne.Widget.
func (b *TimeBar) CreateRenderer() fyne.WidgetRenderer {
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), func() {
		b.Pause()
		if b.OnClose != nil {
			b.OnClose()
		}
	})
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, b.play, container.NewHBox(b.label, closeBtn), b.slider))
}

// monthOf is a date's month: 2024-09 of 2024-09-04; 2024-12 of 2024.
func monthOf(d string) string {
	switch {
	case len(d) >= 7:
		return d[:7]
	case len(d) == 4:
		return d + "-12"
	}
	return d
}

// monthsBetween lists the months from first to last's month.
func monthsBetween(first, last string) []string {
	var out []string
	y, m := yearMonth(first)
	for end := monthOf(last); ; {
		s := fmt.Sprintf("%04d-%02d", y, m)
		out = append(out, s)
		if s >= end || len(out) > 12*500 {
			return out
		}
		if m++; m > 12 {
			y, m = y+1, 1
		}
	}
}

func yearMonth(d string) (int, int) {
	y, _ := strconv.Atoi(d[:4])
	m, _ := strconv.Atoi(d[5:7])
	return y, m
}
