package data

import (
	"archive/zip"
	"bytes"
	"context"
	"io/fs"
	"path"
	"strings"

	"github.com/lodemap/lodemap/geo/layer"
)

// shpParts are the extensions of the files that make up a Shapefile.
var shpParts = []string{".shp", ".shx", ".dbf", ".prj", ".cpg"}

// sniffShapeZip reports whether head starts a zip archive whose first
// entry is a part of a Shapefile, as in an archive of roads.*.
func sniffShapeZip(head []byte) bool {
	ext := strings.ToLower(path.Ext(firstZipEntry(head)))
	for _, p := range shpParts {
		if ext == p {
			return true
		}
	}
	return false
}

// readShapeZip reads every Shapefile in a zip archive, each .shp with the
// files beside it in the archive: one layer each, whose id is the
// archive's, followed by "-" and the Shapefile's name when the archive
// holds several. Problems name the files as archive.zip/roads.shp.
func readShapeZip(ctx context.Context, src *Source) ([]*layer.Layer, Problems) {
	zr, err := zip.NewReader(bytes.NewReader(src.Bytes), int64(len(src.Bytes)))
	if err != nil {
		return nil, Problems{{File: src.Display, Msg: "not a zip archive that can be read: " + err.Error()}}
	}
	files := map[string]*zip.File{}
	var shps []*zip.File
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "__MACOSX/") || f.FileInfo().IsDir() {
			continue // macOS's resource forks beside the real files
		}
		files[strings.ToLower(f.Name)] = f
		if strings.EqualFold(path.Ext(f.Name), ".shp") {
			shps = append(shps, f)
		}
	}
	if len(shps) == 0 {
		return nil, Problems{{File: src.Display, Msg: "the zip archive holds no Shapefile (no .shp file)"}}
	}
	var ls []*layer.Layer
	var probs Problems
	for _, f := range shps {
		stem := strings.TrimSuffix(f.Name, path.Ext(f.Name))
		name := path.Base(stem)
		sub := &Source{ID: src.ID, Display: src.Display + "/" + f.Name, Schema: src.Schema, Progress: src.Progress,
			Sibling: func(ext string) ([]byte, error) {
				g := files[strings.ToLower(stem+ext)]
				if g == nil {
					return nil, fs.ErrNotExist
				}
				return readZipped(g)
			}}
		if len(shps) > 1 {
			sub.ID += "-" + name
		}
		b, err := readZipped(f)
		if err != nil {
			probs = append(probs, Problem{File: src.Display, Msg: err.Error()})
			continue
		}
		sub.Bytes = b
		r := &shpReader{src: sub, base: name}
		if l := r.read(ctx, cleanTitle(name)); l != nil {
			ls = append(ls, l)
		}
		probs = append(probs, r.probs...)
		if ctx.Err() != nil {
			break
		}
	}
	return ls, probs.sorted()
}
