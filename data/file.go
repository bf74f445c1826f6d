package data

import (
	"context"
	"os"
	"path/filepath"
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

// LoadLayerFile reads one layer file from disk, in any registered format
// (see RegisterFormat), the way a user adds a layer beside the dataset: the
// dataset schema does not apply. Small files are read into memory; large
// ones are mapped, not copied, and their records are read back from the
// file when a feature is opened. p (optional) is told the progress of a
// GeoJSON load and gets snapshots of what has arrived. When ctx is done the
// load stops and returns what arrived with the context's error.
func LoadLayerFile(ctx context.Context, path string, p *Progress) (*layer.Layer, Problems, error) {
	return loadFile(ctx, path, path, false, p)
}

// loadFile is LoadLayerFile naming the file display in problems, with the
// dataset schema applied when schema is true.
func loadFile(ctx context.Context, path, display string, schema bool, p *Progress) (*layer.Layer, Problems, error) {
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
	src := &Source{ID: LayerID(path), Display: display, Schema: schema, Progress: p}
	if st.Size() < largeFile {
		src.Bytes, err = os.ReadFile(path)
		f.Close()
		if err != nil {
			return nil, nil, openError(display, false, err)
		}
		l, probs := readSource(ctx, filepath.Base(path), src)
		return l, probs, ctx.Err()
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
	l, probs := readSource(ctx, filepath.Base(path), src)
	if l == nil || !src.kept {
		f.Close()
	}
	return l, probs, ctx.Err()
}
