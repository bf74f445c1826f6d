// Package layer holds a point layer as columns: ids, names, kinds and
// statuses in slices, positions as lon/lat and as Web Mercator unit
// coordinates projected once at load, and each feature's full properties
// kept as raw JSON so that nothing a user loads is dropped.
package layer

import (
	"encoding/json"

	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

// Layer is one named set of point features stored as columns.
type Layer struct {
	ID    string // stable id, the file name without extension
	Title string // shown in the layer panel
	File  string // where it was read from
	Order int    // place in the layer list (lower first), then by file name

	IDs    []string
	Names  []string
	Kinds  []string
	Status []string
	LonLat []orb.Point
	Unit   []orb.Point       // Web Mercator unit coordinates of LonLat
	Props  []json.RawMessage // every property, as read
	Lines  []int             // line of each feature in File, for messages
}

// Len is the number of features.
func (l *Layer) Len() int { return len(l.IDs) }

// Add appends one feature and projects its position.
func (l *Layer) Add(id, name, kind, status string, p orb.Point, props json.RawMessage, line int) {
	l.IDs = append(l.IDs, id)
	l.Names = append(l.Names, name)
	l.Kinds = append(l.Kinds, kind)
	l.Status = append(l.Status, status)
	l.LonLat = append(l.LonLat, p)
	l.Unit = append(l.Unit, view.ToUnit(p))
	l.Props = append(l.Props, props)
	l.Lines = append(l.Lines, line)
}

// Remove deletes feature i, keeping the order of the others.
func (l *Layer) Remove(i int) {
	l.IDs = append(l.IDs[:i], l.IDs[i+1:]...)
	l.Names = append(l.Names[:i], l.Names[i+1:]...)
	l.Kinds = append(l.Kinds[:i], l.Kinds[i+1:]...)
	l.Status = append(l.Status[:i], l.Status[i+1:]...)
	l.LonLat = append(l.LonLat[:i], l.LonLat[i+1:]...)
	l.Unit = append(l.Unit[:i], l.Unit[i+1:]...)
	l.Props = append(l.Props[:i], l.Props[i+1:]...)
	l.Lines = append(l.Lines[:i], l.Lines[i+1:]...)
}

// Index returns the position of the feature with the given id, or -1.
func (l *Layer) Index(id string) int {
	for i, v := range l.IDs {
		if v == id {
			return i
		}
	}
	return -1
}

// KindCounts returns how many features of each kind the layer holds, in the
// order the kinds first appear.
func (l *Layer) KindCounts() []KindCount {
	var out []KindCount
	pos := map[string]int{}
	for _, k := range l.Kinds {
		i, ok := pos[k]
		if !ok {
			i = len(out)
			pos[k] = i
			out = append(out, KindCount{Kind: k})
		}
		out[i].Count++
	}
	return out
}

// KindCount is a kind and how many features have it.
type KindCount struct {
	Kind  string
	Count int
}
