package tiles

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Failures says which tiles could not be had and why, in a sentence for
// the user: up to five by address (row by row), how many more, and the
// reason of the first; "" when none failed.
func Failures(failed map[Key]error) string {
	if len(failed) == 0 {
		return ""
	}
	keys := slices.SortedFunc(maps.Keys(failed), func(a, b Key) int { return cmp.Or(a.Z-b.Z, a.Y-b.Y, a.X-b.X) })
	var names []string
	for _, k := range keys[:min(5, len(keys))] {
		names = append(names, k.String())
	}
	list := strings.Join(names, ", ")
	if more := len(keys) - len(names); more > 0 {
		list += fmt.Sprintf(" and %d more", more)
	}
	why := strings.TrimPrefix(failed[keys[0]].Error(), "tiles: ")
	noun := "tiles"
	if len(keys) == 1 {
		noun = "tile"
	}
	return fmt.Sprintf("%d basemap %s could not be had: %s (%s); the offline basemap shows there", len(keys), noun, list, why)
}
