// Package export writes the map to a file: the one export path of the
// export dialog and the command line. Options say what to export (format,
// size, furniture); Run frames the map's state for them, builds the Scene
// and draws it with the raster (PNG), svg or pdf backend. It knows output
// sizes (pixel presets, paper sizes at a dpi), picks the format by file
// extension, and writes atomically: a temporary file beside the target is
// renamed into place only when complete, so a failed or cancelled export
// leaves nothing half-written.
package export

import (
	"context"
	"fmt"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/lodemap/lodemap/geo/render"
	"github.com/lodemap/lodemap/geo/render/pdf"
	"github.com/lodemap/lodemap/geo/render/raster"
	"github.com/lodemap/lodemap/geo/render/svg"
)

// Format is an output file format.
type Format int

// Formats.
const (
	PNG Format = iota
	SVG
	PDF
	KML // the shown layers' features, for Google Earth and GIS programs
	KMZ // KML zipped
)

// Formats lists the picture formats in menu order.
var Formats = []Format{PNG, SVG, PDF}

// String is the format's name.
func (f Format) String() string { return [...]string{"PNG", "SVG", "PDF", "KML", "KMZ"}[f] }

// Ext is the format's file extension, with the dot.
func (f Format) Ext() string { return [...]string{".png", ".svg", ".pdf", ".kml", ".kmz"}[f] }

// Layers reports whether the format holds the layers' features (KML,
// KMZ) rather than a picture of the map: size and furniture do not apply.
func (f Format) Layers() bool { return f == KML || f == KMZ }

// FormatFor picks the format by a file name's extension.
func FormatFor(path string) (Format, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".png":
		return PNG, nil
	case ".svg":
		return SVG, nil
	case ".pdf":
		return PDF, nil
	case ".kml":
		return KML, nil
	case ".kmz":
		return KMZ, nil
	}
	return 0, fmt.Errorf("export: %s: unknown format (want .png, .svg, .pdf, .kml or .kmz)", path)
}

// Encode writes the scene in a picture format. scale is output pixels per
// logical pixel (dpi/96); title names a PDF document. progress (optional)
// is called with the items drawn and the total.
func Encode(ctx context.Context, w io.Writer, f Format, s *render.Scene, scale float64, title string, progress func(done, total int)) error {
	switch f {
	case KML, KMZ:
		return fmt.Errorf("export: %s holds layers, not a picture: export it with Run", f)
	case SVG:
		return svg.Write(ctx, w, s, scale, progress)
	case PDF:
		return pdf.Write(ctx, w, s, title, progress)
	}
	img, err := raster.Draw(ctx, s, scale, nil, progress)
	if err != nil {
		return err
	}
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(w, img); err != nil {
		return fmt.Errorf("export: png: %w", err)
	}
	return nil
}

// WriteFile writes to path through a temporary file that is renamed into
// place when complete. On error or cancellation the target is untouched.
// Every file Lodemap saves goes through here.
func WriteFile(ctx context.Context, path string, encode func(w io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("export: %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // no-op once renamed
	if err := encode(tmp); err != nil {
		tmp.Close()
		if ctx.Err() != nil {
			return fmt.Errorf("export: %s: %w", path, context.Cause(ctx))
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
