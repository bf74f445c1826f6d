package data

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
)

// openError says that a file or folder the user named cannot be opened,
// once and in words: "cannot open sites.geojson: no such file". The cause
// stays wrapped, so errors.Is(err, fs.ErrNotExist) still holds.
func openError(name string, folder bool, err error) error {
	why := err.Error()
	var pe *fs.PathError
	if errors.As(err, &pe) {
		why = pe.Err.Error() // without Go's "open NAME:" before it
	}
	switch {
	case errors.Is(err, fs.ErrNotExist) && folder:
		why = "no such folder"
	case errors.Is(err, fs.ErrNotExist):
		why = "no such file"
	case errors.Is(err, fs.ErrPermission):
		why = "permission denied"
	case errors.Is(err, syscall.EISDIR):
		why = "it is a folder, not a file"
	case errors.Is(err, syscall.ENOTDIR) && folder:
		why = "it is a file, not a dataset folder"
	}
	return fmt.Errorf("cannot open %s: %s%w", name, why, quiet{err})
}

// quiet wraps an error for errors.Is and errors.As without adding to the
// message.
type quiet struct{ err error }

func (q quiet) Error() string { return "" }
func (q quiet) Unwrap() error { return q.err }
