package data

import (
	"path"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/lodemap/lodemap/geo/layer"
)

// FileTitle is the title of a layer read from a file that gives it none:
// the file's name without its extension, with underscores, hyphens and
// dots as spaces, runs of spaces as one, and its first letter a capital
// ("usgs_mrds-extract.geojson" is "Usgs mrds extract").
func FileTitle(name string) string { return cleanTitle(LayerID(name)) }

// cleanTitle is a file's name, its extension taken off, made a title.
func cleanTitle(base string) string {
	words := strings.FieldsFunc(base, func(r rune) bool {
		return r == '_' || r == '-' || r == '.' || unicode.IsSpace(r)
	})
	t := strings.Join(words, " ")
	if t == "" {
		return base
	}
	r, n := utf8.DecodeRuneInString(t)
	return string(unicode.ToUpper(r)) + t[n:]
}

// title is the title of a layer of the file: meta, the name the file gives
// the layer (a GeoJSON "name", a GeoPackage table's identifier, a KML
// Document's name), unless it gives none or only the file's own name again
// (as GDAL and Google Earth write), when it is the file's name made a
// title.
func (s *Source) title(meta string) string {
	meta = strings.TrimSpace(meta)
	file := path.Base(filepath.ToSlash(s.Display))
	if meta == "" || strings.EqualFold(meta, s.ID) || strings.EqualFold(meta, file) || strings.EqualFold(meta, LayerID(file)) {
		return cleanTitle(s.ID)
	}
	return meta
}

// setTitle titles l by a member of the file naming it: "title", or "name"
// unless a "title" came first. An empty member names nothing.
func (s *Source) setTitle(l *layer.Layer, key, meta string) {
	if strings.TrimSpace(meta) == "" {
		return
	}
	if key == "title" || l.Title == s.title("") {
		l.Title = s.title(meta)
	}
}
