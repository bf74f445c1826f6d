// Package data reads a Lodemap dataset, a folder of GeoJSON point layers
// (layers/*.geojson) and Markdown articles with YAML front matter
// (articles/*.md), into a Catalog: the layers as columns, the articles, and
// the links from features to the article excerpts that mention them. It also
// embeds the default dataset, built from the Beylikova rare-earth story.
package data

import (
	"embed"
	"io/fs"
)

//go:embed layers/*.geojson articles/*.md
var embedded embed.FS

// EmbeddedName is how the embedded dataset is named in messages.
const EmbeddedName = "embedded dataset"

// Default loads the embedded dataset.
func Default() (*Catalog, error) { return Load(embedded, "") }

// Embedded returns the embedded dataset's files.
func Embedded() fs.FS { return embedded }
