//go:build unix

package data

import (
	"fmt"
	"os"
	"syscall"
)

// mapFile maps a file into memory read-only: a large layer is scanned
// without copying it into fresh memory, which costs more than the parse on
// some machines. release unmaps it.
func mapFile(f *os.File, size int64) (b []byte, release func(), err error) {
	if size == 0 {
		return nil, func() {}, nil
	}
	b, err = syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED|syscall.MAP_POPULATE)
	if err != nil {
		return nil, nil, fmt.Errorf("data: map %s: %w", f.Name(), err)
	}
	return b, func() { _ = syscall.Munmap(b) }, nil
}
