//go:build !linux

package data

import (
	"fmt"
	"io"
	"os"
)

// mapFile reads the file into memory where mapping it is not available.
func mapFile(f *os.File, size int64) (b []byte, release func(), err error) {
	b = make([]byte, size)
	if _, err := io.ReadFull(f, b); err != nil {
		return nil, nil, fmt.Errorf("data: read %s: %w", f.Name(), err)
	}
	return b, func() {}, nil
}

// dropPages does nothing where files are read, not mapped.
func dropPages([]byte) {}
