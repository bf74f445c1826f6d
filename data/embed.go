// Package data reads a Lodemap dataset, a folder of point layers (layers/,
// in any registered format: GeoJSON, CSV or gzipped CSV, FlatGeobuf) and
// Markdown articles with YAML front matter (articles/*.md), into a Catalog:
// the layers as columns, the articles, and the links from features to the
// article excerpts that mention them. The dataset schema (schema.go)
// applies to the dataset's own layers; a layer file the user adds beside
// them (LoadLayerFile) is read by the same registry without it. Every
// reader holds its features to one check (check.go) and reports problems
// with file and line. The package also embeds the default dataset, built
// from the Beylikova rare-earth story.
package data

import (
	"context"
	"embed"
	"io/fs"
)

//go:embed layers/*.geojson articles/*.md
var embedded embed.FS

// EmbeddedName is how the embedded dataset is named in messages.
const EmbeddedName = "embedded dataset"

// Default loads the embedded dataset.
func Default() (*Catalog, error) { return Load(context.Background(), embedded, "") }

// Embedded returns the embedded dataset's files.
func Embedded() fs.FS { return embedded }
