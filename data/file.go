package data

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/lodemap/lodemap/geo/layer"
)

// largeFile is the size from which a layer's records are read back from
// its file instead of being kept in memory.
const largeFile = 32 << 20

// LoadLayerFile reads one layer file (GeoJSON, CSV, CSV.gz) from disk, the
// way a user adds a layer beside the dataset. Large files are mapped, not
// copied, and their records are read back from the file when a feature is
// opened. p (optional) reports progress, publishes what has arrived and can
// cancel; a cancelled load returns what arrived and the context's error.
func LoadLayerFile(path string, p *Progress) (*layer.Layer, Problems, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("data: %w", err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("data: %w", err)
	}
	b, release, err := mapFile(f, st.Size())
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	defer release()
	l, probs := readLayerFile(b, filepath.Base(path), path, p, func(upTo int) { dropPages(b[:upTo]) })
	var cerr error
	if p != nil && p.Ctx != nil {
		cerr = p.Ctx.Err()
	}
	if l == nil {
		f.Close()
		return nil, probs, cerr
	}
	// Records must outlive the mapping: small files are copied, large ones
	// are read back from the file, kept open for that.
	switch {
	case bytes.HasPrefix(b, []byte{0x1f, 0x8b}): // readCSV holds the inflated bytes
		f.Close()
	case st.Size() < largeFile:
		l.SetSource(bytes.NewReader(bytes.Clone(b)))
		f.Close()
	default:
		l.SetSource(f)
	}
	return l, probs, cerr
}
