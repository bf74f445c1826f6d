package data

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/lodemap/lodemap/geo/layer"
)

// largeFile is the size from which a layer file is mapped instead of read
// into memory, and its records are read back from the file.
const largeFile = 32 << 20

// Progress follows a layer while it loads.
type Progress struct {
	// Report is called after each batch with the bytes scanned, the file's
	// size and the features decoded so far.
	Report func(done, total int64, features int)
	// Publish is called after each batch with a snapshot of the layer so
	// far, so a map can draw what has arrived.
	Publish func(*layer.Layer)
}

// report tells p (which may be nil) how far the load of l has come.
func (p *Progress) report(done, total int, l *layer.Layer) {
	if p == nil {
		return
	}
	if p.Report != nil {
		p.Report(int64(done), int64(total), l.Len())
	}
	if p.Publish != nil {
		p.Publish(l.Snapshot())
	}
}

// LoadFile reads one layer file from disk, in any registered format (see
// RegisterFormat), the way a user adds a layer beside the dataset: the
// dataset schema does not apply. It returns the file's layers: one for
// most formats, one per feature table or folder for some. Small files are
// read into memory; large ones are mapped, not copied, and their records
// are read back from the file when a feature is opened. p (optional) is
// told the progress of a GeoJSON load and gets snapshots of what has
// arrived. When ctx is done the load stops and returns what arrived with
// the context's error.
func LoadFile(ctx context.Context, path string, p *Progress) ([]*layer.Layer, Problems, error) {
	return loadFile(ctx, path, path, false, p)
}

// loadFile is LoadFile naming the file display in problems, with the
// dataset schema applied when schema is true.
func loadFile(ctx context.Context, path, display string, schema bool, p *Progress) ([]*layer.Layer, Problems, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, openError(display, false, err)
	}
	st, err := f.Stat()
	if err == nil && st.IsDir() {
		err = syscall.EISDIR
	}
	if err != nil {
		f.Close()
		return nil, nil, openError(display, false, err)
	}
	src := &Source{ID: LayerID(path), Display: display, Path: path, Schema: schema, Progress: p, Sibling: diskSibling(path)}
	if st.Size() < largeFile {
		src.Bytes, err = os.ReadFile(path)
		f.Close()
		if err != nil {
			return nil, nil, openError(display, false, err)
		}
		ls, probs := readSource(ctx, filepath.Base(path), src)
		return ls, probs, ctx.Err()
	}
	b, release, err := mapFile(f, st.Size())
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	defer release()
	// Records must outlive the mapping: they are read back from the file,
	// kept open for that when the reader's records point into it.
	src.Bytes, src.records, src.decoded = b, f, func(upTo int) { dropPages(b[:upTo]) }
	ls, probs := readSource(ctx, filepath.Base(path), src)
	if len(ls) == 0 || !src.kept {
		f.Close()
	}
	return ls, probs, ctx.Err()
}

// diskSibling reads the files beside path that share its name up to the
// extension.
func diskSibling(path string) func(ext string) ([]byte, error) {
	base := strings.TrimSuffix(path, filepath.Ext(path))
	return func(ext string) ([]byte, error) { return os.ReadFile(base + ext) }
}
