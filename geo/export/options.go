package export

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"github.com/lodemap/lodemap/geo/export/kml"
	"github.com/lodemap/lodemap/geo/index"
	"github.com/lodemap/lodemap/geo/layer"
	"github.com/lodemap/lodemap/geo/render"
	"github.com/lodemap/lodemap/geo/tiles"
)

// Options are what an export holds besides the map's state: its size and
// its furniture. The export dialog and the command line both fill them in
// and hand them to Run, so both export the same way.
type Options struct {
	Size            Size
	Title, Subtitle string
	Legend          bool
	ScaleBar        bool
	NorthArrow      bool
	NoAttribution   bool
	Footnote        string // the date and the data sources, or ""
	EverySite       bool   // every site as a dot, however crowded, instead of clusters
	// Describe gives each feature of a KML or KMZ export its attributes
	// and description (its own, and the excerpts that cite it); nil writes
	// the feature's own (kml.Attributes).
	Describe kml.Describer
	// TileProgress, when set, is told how many of the basemap's tiles are
	// loaded, of how many, before a picture of a raster basemap is drawn;
	// Missing of the tiles that could not be had (the offline basemap, or
	// a lower zoom's tile, shows there).
	TileProgress func(done, total int)
	Missing      func(failed map[tiles.Key]error)
}

// Input frames the map's state for the export: the view takes the
// output's aspect ratio, keeping its centre and all that was in it; the
// furniture and the clustering switch are the options'. Layers large
// enough to need one get a grid index, so only their sites near the frame
// are visited.
func (o Options) Input(in render.Input) render.Input {
	w, h := o.Size.Logical()
	in.View = in.View.Reframe(w, h)
	in.NoClusters = o.EverySite
	in.Furniture = render.Furniture{Title: o.Title, Subtitle: o.Subtitle, Legend: o.Legend, ScaleBar: o.ScaleBar,
		NorthArrow: o.NorthArrow, NoAttribution: o.NoAttribution, Footnote: o.Footnote}
	var grids map[*layer.Layer]*index.Grid
	for _, l := range in.Layers {
		if in.Grids[l] != nil || l.Len() <= render.ClusterFrom || in.Hidden[l.ID] {
			continue
		}
		if grids == nil {
			grids = make(map[*layer.Layer]*index.Grid, len(in.Layers))
			for k, g := range in.Grids {
				grids[k] = g
			}
		}
		grids[l] = index.New(l.Unit)
	}
	if grids != nil {
		in.Grids = grids
	}
	return in
}

// Scene builds the export's Scene from the map's state.
func (o Options) Scene(in render.Input) (*render.Scene, error) {
	return render.Build(o.Input(in))
}

// Run exports the map's state to path, in the format its extension names,
// through a temporary file renamed into place when complete: on error or
// cancellation the target is untouched. A picture (PNG, SVG, PDF) is the
// framed map; KML and KMZ hold every feature of the layers shown, each
// layer a Folder, and the title names the document. progress (optional)
// is called with the items (or features) written and the total.
func Run(ctx context.Context, path string, in render.Input, o Options, progress func(done, total int)) error {
	f, err := FormatFor(path)
	if err != nil {
		return err
	}
	if f.Layers() {
		return WriteFile(ctx, path, func(w io.Writer) error {
			return writeLayers(ctx, w, f, shown(in), in, o, progress)
		})
	}
	if err := o.Size.check(); err != nil {
		return err
	}
	in, err = o.loadTiles(ctx, in)
	if err != nil {
		return err
	}
	s, err := o.Scene(in)
	if err != nil {
		return err
	}
	return WriteFile(ctx, path, func(w io.Writer) error {
		return Encode(ctx, w, f, s, o.Size.Scale(), o.Title, progress)
	})
}

// loadTiles loads the raster basemap's tiles the output needs, at its
// resolution, waiting for them; the input it returns draws them.
func (o Options) loadTiles(ctx context.Context, in render.Input) (render.Input, error) {
	if in.Tiles == nil {
		return in, nil
	}
	in.Tiles = in.Tiles.ForScale(o.Size.Scale())
	failed := in.Tiles.LoadAll(ctx, o.Input(in).View, o.TileProgress)
	if ctx.Err() != nil {
		return in, fmt.Errorf("export: %w", context.Cause(ctx))
	}
	if len(failed) > 0 && o.Missing != nil {
		o.Missing(failed)
	}
	return in, nil
}

// PNGBytes renders the export as PNG in memory, for the clipboard.
func PNGBytes(ctx context.Context, in render.Input, o Options) ([]byte, error) {
	if err := o.Size.check(); err != nil {
		return nil, err
	}
	in, err := o.loadTiles(ctx, in)
	if err != nil {
		return nil, err
	}
	s, err := o.Scene(in)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := Encode(ctx, &b, PNG, s, o.Size.Scale(), o.Title, nil); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// shown are the layers the map shows: all but the switched-off ones.
func shown(in render.Input) []*layer.Layer {
	var out []*layer.Layer
	for _, l := range in.Layers {
		if !in.Hidden[l.ID] {
			out = append(out, l)
		}
	}
	return out
}

// writeLayers writes layers as KML or KMZ.
func writeLayers(ctx context.Context, w io.Writer, f Format, layers []*layer.Layer, in render.Input, o Options, progress func(done, total int)) error {
	ko := kml.Options{Name: o.Title, Describe: o.Describe, Filter: in.Filter, Status: in.Status}
	if f == KMZ {
		return kml.WriteKMZ(ctx, w, layers, ko, progress)
	}
	return kml.Write(ctx, w, layers, ko, progress)
}

// Summary says what an export in format f of in will hold, for a status
// line: the picture's size, or for KML and KMZ how many features of how
// many layers.
func (o Options) Summary(f Format, in render.Input) string {
	if !f.Layers() {
		return o.Size.String()
	}
	n, layers := 0, 0
	for _, l := range in.Layers {
		if !in.Hidden[l.ID] {
			n, layers = n+in.Filter[l.ID].Count(l.Len()), layers+1
		}
	}
	features, ls := "features", "layers"
	if n == 1 {
		features = "feature"
	}
	if layers == 1 {
		ls = "layer"
	}
	return fmt.Sprintf("%d %s in %d %s", n, features, layers, ls)
}
