//go:build linux

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
	b, err = syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, nil, fmt.Errorf("data: map %s: %w", f.Name(), err)
	}
	return b, func() { _ = syscall.Munmap(b) }, nil
}

// dropPages tells the kernel that the mapped pages of b are no longer
// needed, so a large file read front to back does not stay resident. Only
// whole pages are dropped; b must be the start of a mapping.
func dropPages(b []byte) {
	n := len(b) &^ (os.Getpagesize() - 1)
	if n > 0 {
		_ = syscall.Madvise(b[:n], syscall.MADV_DONTNEED)
	}
}
