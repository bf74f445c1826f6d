package data

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/view"
	"github.com/paulmach/orb"
)

// site is one feature as a reader found it, before the feature check.
type site struct {
	ID, Name, Kind, Status, Precision string
	// NoPoint, when not "", says why the feature cannot be read as one
	// (its type is not Feature, its coordinates are not numbers).
	NoPoint  string
	Lon, Lat float64
	// Geom is the feature's geometry when it is not a plain point (Lon,
	// Lat); Null a feature without one, listed but not drawn.
	Geom orb.Geometry
	Null bool
	// Generated is an ID the reader made for a feature that has none.
	Generated bool
	// Problem says why a geometry the reader found could not be read.
	Problem string
	// Unit is the point's Web Mercator position, when the reader has
	// projected it already (on a decoding goroutine); else zero.
	Unit orb.Point
}

// add adds the checked feature to l with its record at off (n bytes) and
// gives it its geometry.
func (s *site) add(l *layer.Layer, off int64, n int32, line int) {
	if s.Unit != (orb.Point{}) {
		l.AddAtUnit(s.ID, s.Name, s.Kind, s.Status, orb.Point{s.Lon, s.Lat}, s.Unit, off, n, line)
	} else {
		l.AddAt(s.ID, s.Name, s.Kind, s.Status, orb.Point{s.Lon, s.Lat}, off, n, line)
	}
	s.place(l)
}

// project works out the point's Web Mercator position ahead of add, on a
// decoding goroutine.
func (s *site) project() {
	if s.Geom == nil && !s.Null && s.NoPoint == "" {
		s.Unit = view.ToUnit(orb.Point{s.Lon, s.Lat})
	}
}

// check holds a feature to the rules every reader shares, reporting each
// problem (format and args as fmt.Sprintf takes them). It returns whether
// the feature goes on the map: one without an id, or whose point is not a
// finite lon/lat in range, does not; one whose other fields are off does,
// and is reported. The dataset schema (a name, an id, and known kind,
// status and coord_precision) applies only when schema is true; a missing
// name is the id either way.
func (s *site) check(schema bool, report func(format string, args ...any)) bool {
	if s.ID == "" {
		report("feature has no id")
		return false
	}
	if s.NoPoint != "" {
		report("feature %q: %s", s.ID, s.NoPoint)
		return false
	}
	if s.Generated && schema {
		report("feature %q has no id; it was given this one", s.ID)
	}
	// A shape's positions were held to RFC 7946 as it was read.
	point := s.Geom == nil && !s.Null
	if msg := pointProblem(s.Lon, s.Lat); point && msg != "" {
		report("feature %q: %s", s.ID, msg)
		return false
	}
	s.checkFields(schema, report)
	return true
}

// checkFields holds a feature's name, kind, status and coord_precision to
// the rules, for a reader that checks its geometry itself: a missing name
// is the id; the dataset schema applies only when schema is true.
func (s *site) checkFields(schema bool, report func(format string, args ...any)) {
	if s.Name == "" {
		if schema {
			report("feature %q has no name", s.ID)
		}
		s.Name = s.ID
	}
	if !schema {
		return
	}
	if !KnownKind(s.Kind) {
		report("feature %q: unknown kind %q (%s)", s.ID, s.Kind, known(Kinds))
	}
	if !KnownStatus(s.Status) {
		report("feature %q: unknown status %q (%s)", s.ID, s.Status, known(Statuses))
	}
	if s.Precision != "" && !KnownPrecision(s.Precision) {
		report("feature %q: unknown coord_precision %q (%s)", s.ID, s.Precision, known(Precisions))
	}
}

// pointProblem says what is wrong with a point's longitude and latitude,
// or "" when nothing is.
func pointProblem(lon, lat float64) string {
	if !finite(lon) || !finite(lat) {
		return fmt.Sprintf("coordinates (%g, %g) are not finite numbers", lon, lat)
	}
	if lon < -180 || lon > 180 || lat < -90 || lat > 90 {
		return fmt.Sprintf("coordinates (%g, %g) out of range: lon must be in [-180, 180], lat in [-90, 90]", lon, lat)
	}
	return ""
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// pointText describes coordinates that are not numbers, as the file gives
// them.
func pointText(lon, lat string) string {
	return "coordinates (" + strings.TrimSpace(lon) + ", " + strings.TrimSpace(lat) + ") are not numbers"
}

// place gives the feature just added to l its geometry, when it is not the
// plain point it was added with.
func (s *site) place(l *layer.Layer) {
	if s.Geom != nil || s.Null {
		l.SetGeometry(s.Geom)
	}
}

// generatedID is the id of the n-th feature (from 1; a row or record
// number where the format counts those) of a layer when the file gives it
// none: "layer-n", the same on every load. Every reader makes ids so.
func generatedID(layerID string, n int) string { return layerID + "-" + strconv.Itoa(n) }
