package data

import (
	"slices"
	"strings"
)

// The dataset schema: the values a dataset's own layers may give a site's
// kind, status and coord_precision. A file the user adds beside the dataset
// needs none of it; geo/style decides how any value looks.
var (
	// Kinds are the kinds of site, in the order messages list them.
	Kinds = []string{"deposit", "mine", "refinery", "pilot_plant", "magnet_plant", "headquarters", "automaker_plant", "battery_plant"}
	// Statuses are the stages of a site, in the order messages list them.
	Statuses = []string{"operating", "commissioning", "under_construction", "planned", "announced", "proposed", "exploration"}
	// Precisions are how exact a site's coordinates are (coord_precision).
	Precisions = []string{"site", "site_approx", "district", "city"}
)

// precisionTexts explain each of Precisions to the user.
var precisionTexts = map[string]string{
	"site":        "site: the site's own point (about ±1–3 km)",
	"site_approx": "approximate site: a reported location (about ±3–5 km)",
	"district":    "district: the district's point (about ±10 km)",
	"city":        "city: the city's point; the site can be 5–40 km away",
	"":            "not stated",
}

// KnownKind reports whether kind is one of Kinds.
func KnownKind(kind string) bool { return slices.Contains(Kinds, kind) }

// KnownStatus reports whether status is one of Statuses.
func KnownStatus(status string) bool { return slices.Contains(Statuses, status) }

// KnownPrecision reports whether p is one of Precisions.
func KnownPrecision(p string) bool { return slices.Contains(Precisions, p) }

// PrecisionText explains a coord_precision value to the user; a value
// outside the schema is shown as it is.
func PrecisionText(p string) string {
	if s, ok := precisionTexts[p]; ok {
		return s
	}
	return p
}

// known lists a schema's values for a message: "known: a, b, c".
func known(values []string) string { return "known: " + strings.Join(values, ", ") }
