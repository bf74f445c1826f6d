package render

import (
	"unsafe"

	"github.com/lodemap/lodemap/geo/layer"
)

// uintptrOf tells layers apart in a tile's state: a reloaded layer of the
// same id and length is another layer.
func uintptrOf(l *layer.Layer) uintptr { return uintptr(unsafe.Pointer(l)) }
