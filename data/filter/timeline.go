package filter

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/geo/layer"
)

// Timeline is what the sources say happened to each feature of some
// layers, and when: the dates of its own (announced, construction
// started, opened...) and of the articles quoting it. At a date it gives
// the features known by then and the status each had, for the time
// slider and `lodemap export --at`. A feature with no date at all is not
// in time: it is always shown, with its status.
type Timeline struct {
	lines map[string]*line // by layer id; none for a layer without dates
	dates []string         // every date, sorted, each once
}

// line is one layer's events.
type line struct {
	l      *layer.Layer
	col    *column // each feature's events, as eventsField values
	events []event // by code of col.dict
}

// event is one dated thing a source says of a feature.
type event struct {
	date  string // the day it began: 2024-09 is 2024-09-01
	stage stage
}

// stage is how far along a site an event shows it, in order.
type stage int

const (
	known stage = iota // mentioned, announced, agreed, discovered
	building
	commissioning
	operating
)

// stageStatus is the status an event's stage stands for.
var stageStatus = [...]string{known: "announced", building: "under_construction", commissioning: "commissioning", operating: "operating"}

// statusStage is how far along a status is, for statuses that are steps
// of a site's life; other statuses ("closed") are not capped.
var statusStage = map[string]stage{
	"planned": known, "announced": known, "proposed": known, "exploration": known,
	"under_construction": building, "commissioning": commissioning, "operating": operating,
}

// eventsField is the column of a feature's events, "DATE STAGE" each.
const eventsField = "\x00events"

// NewTimeline reads the events of layers' features, once into cols.
func NewTimeline(ctx context.Context, cat *data.Catalog, layers []*layer.Layer, cols *Columns) (*Timeline, error) {
	t := &Timeline{lines: map[string]*line{}}
	seen := map[string]bool{}
	for _, l := range layers {
		col, err := cols.column(ctx, cat, l, eventsField)
		if err != nil {
			return nil, err
		}
		if len(col.dict) == 0 {
			continue
		}
		ln := &line{l: l, col: col, events: make([]event, len(col.dict))}
		for k, v := range col.dict {
			d, s, _ := strings.Cut(v, " ")
			ln.events[k] = event{date: pad(d, "-01-01"), stage: stage(s[0] - '0')}
			if !seen[d] {
				seen[d] = true
				t.dates = append(t.dates, d)
			}
		}
		t.lines[l.ID] = ln
	}
	slices.Sort(t.dates)
	return t, nil
}

// Dates are the dates the sources give, sorted, each once; none when no
// feature has one.
func (t *Timeline) Dates() []string { return t.dates }

// At gives, by layer id, the features known by date (2024, 2024-09 or
// 2024-09-04) and the status each had then. Layers without dates get
// neither: they are shown whole, as they are.
func (t *Timeline) At(date string) (map[string]*layer.Mask, map[string]*layer.Statuses) {
	date = pad(date, "-12-31")
	masks := make(map[string]*layer.Mask, len(t.lines))
	statuses := make(map[string]*layer.Statuses, len(t.lines))
	for id, ln := range t.lines {
		n := ln.l.Len()
		of := make([]string, n)
		masks[id] = layer.NewMask(n, func(i int) bool {
			st, ok := ln.statusAt(i, date)
			of[i] = st
			return ok
		})
		statuses[id] = layer.NewStatuses(of)
	}
	return masks, statuses
}

// statusAt is feature i's status on date, and whether it was known then.
func (ln *line) statusAt(i int, date string) (string, bool) {
	now := ln.l.Status[i]
	codes := ln.col.values(i)
	if len(codes) == 0 {
		return now, true
	}
	seen, later, reached := false, false, known
	for _, c := range codes {
		e := ln.events[c]
		if e.date > date {
			later = true
			continue
		}
		seen = true
		reached = max(reached, e.stage)
	}
	switch {
	case !seen:
		return "", false
	case !later: // nothing the sources say lies ahead: as things are now
		return now, true
	}
	cur, stepped := statusStage[now]
	if stepped && reached >= cur {
		return now, true
	}
	return stageStatus[reached], true
}

// events are a feature's dated events, "DATE STAGE": its dated attributes'
// (the stage read from the attribute's name) and the dates of the
// articles quoting it (mentions). Targets and plans are not events.
func events(quoted []string, props map[string]any) []string {
	var out []string
	add := func(key, s string) {
		if d := leadingDate.FindString(strings.TrimSpace(s)); d != "" {
			if st, ok := stageOf(key); ok {
				out = append(out, d+" "+string(rune('0'+st)))
			}
		}
	}
	eachDate(props, add)
	for _, d := range quoted {
		add("", d)
	}
	return out
}

// stageOf reads the stage an event shows from its name
// ("construction_start", "inaugurated", "agreement_signed"); a target or
// plan ("opening_target") is no event.
func stageOf(key string) (stage, bool) {
	has := func(words ...string) bool {
		return slices.ContainsFunc(words, func(w string) bool { return strings.Contains(key, w) })
	}
	switch {
	case has("target", "expected", "planned", "goal", "forecast"):
		return 0, false
	case has("construction", "earthwork", "groundbreak", "ground_break", "early_works", "build"):
		return building, true
	case has("commission", "trial"):
		return commissioning, true
	case has("design", "discover", "announce", "agreement", "mou", "signed", "application", "approval", "restart", "_rod", "notice", "resource", "majority", "report", "shutdown", "relocation"):
		return known, true
	case has("open", "inaugur", "production", "output", "operat", "since", "established", "founded", "first", "commercial", "start", "ramp"):
		return operating, true
	}
	return known, true
}

// AsOf is the caption of a map as of a date: "As of 4 Sep 2024", "As of
// Sep 2024".
func AsOf(date string) string { return "As of " + DateText(date) }

// DateText shows a date as people read it: "4 Sep 2024", "Sep 2024",
// "2024".
func DateText(d string) string {
	for _, layout := range []string{"2006-01-02", "2006-01"} {
		if t, err := time.Parse(layout, d); err == nil && len(d) == len(layout) {
			if len(d) == 7 {
				return t.Format("Jan 2006")
			}
			return t.Format("2 Jan 2006")
		}
	}
	return d
}
