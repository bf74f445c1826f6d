// Package export writes a map Scene to a file: PNG through the raster
// backend, SVG and PDF through the vector ones. It knows output sizes (pixel
// presets, paper sizes at a dpi), picks the format by file extension, and
// writes atomically: a temporary file beside the target is renamed into
// place only when complete, so a failed or cancelled export leaves nothing
// half-written.
package export

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/lodemap/lodemap/geo/render"
)

// Format is an output file format.
type Format int

// Formats.
const (
	PNG Format = iota
	SVG
	PDF
)

// Formats lists the formats in menu order.
var Formats = []Format{PNG, SVG, PDF}

// String is the format's name.
func (f Format) String() string { return [...]string{"PNG", "SVG", "PDF"}[f] }

// Ext is the format's file extension, with the dot.
func (f Format) Ext() string { return [...]string{".png", ".svg", ".pdf"}[f] }

// FormatFor picks the format by a file name's extension.
func FormatFor(path string) (Format, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".png":
		return PNG, nil
	case ".svg":
		return SVG, nil
	case ".pdf":
		return PDF, nil
	}
	return 0, fmt.Errorf("export: %s: unknown format (want .png, .svg or .pdf)", path)
}

// Encode writes the scene in a format. scale is output pixels per logical
// pixel (dpi/96); title names a PDF document.
func Encode(w io.Writer, f Format, s *render.Scene, scale float64, title string, k *render.Sink) error {
	switch f {
	case SVG:
		return render.WriteSVG(w, s, scale, k)
	case PDF:
		return render.WritePDF(w, s, title, k)
	}
	img, err := render.RasterTo(s, scale, k)
	if err != nil {
		return err
	}
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(w, img); err != nil {
		return fmt.Errorf("export: png: %w", err)
	}
	return nil
}

// PNGBytes renders the scene as PNG in memory, for the clipboard.
func PNGBytes(s *render.Scene, scale float64) ([]byte, error) {
	var b bytes.Buffer
	if err := Encode(&b, PNG, s, scale, "", nil); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Write writes the scene to path in the format its extension names, through
// a temporary file that is renamed into place when complete. On error or
// cancellation (k.Ctx) the target is untouched.
func Write(path string, s *render.Scene, scale float64, title string, k *render.Sink) error {
	f, err := FormatFor(path)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("export: %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // no-op once renamed
	if err := Encode(tmp, f, s, scale, title, k); err != nil {
		tmp.Close()
		if k != nil && k.Ctx != nil && k.Ctx.Err() != nil {
			return fmt.Errorf("export: %s: %w", path, context.Cause(k.Ctx))
		}
		return fmt.Errorf("export: %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil { // CreateTemp makes it private
		tmp.Close()
		return fmt.Errorf("export: %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("export: %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("export: %s: %w", path, err)
	}
	return nil
}
