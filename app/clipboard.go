package app

import (
	"fmt"
	"sync"

	"golang.design/x/clipboard"
)

var (
	clipOnce sync.Once
	clipErr  error
)

// copyPNG puts a PNG image on the system clipboard. Tests replace it.
var copyPNG = func(png []byte) error {
	clipOnce.Do(func() { clipErr = clipboard.Init() })
	if clipErr != nil {
		return fmt.Errorf("app: clipboard: %w", clipErr)
	}
	clipboard.Write(clipboard.FmtImage, png)
	return nil
}
