package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/data/filter"
	"github.com/lodemap/lodemap/geo/export"
	"github.com/lodemap/lodemap/geo/render"
	"github.com/lodemap/lodemap/geo/view"
)

func runExport(args []string, stdout, stderr io.Writer) error {
	var vf viewFlags
	fs := newFlagSet("export")
	vf.register(fs)
	var o exportFlags
	o.register(fs)
	pos, err := parseAll(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("export", "export needs one output file (.png, .svg, .pdf, .kml or .kmz)")
	}
	format, err := export.FormatFor(pos[0])
	if err != nil {
		return err
	}
	size, err := o.size()
	if err != nil {
		return err
	}
	w, h := size.Logical()
	cat, vp, err := vf.open(w, h, stderr)
	if err != nil {
		return err
	}
	if err := vf.addLayers(cat, stderr); err != nil {
		return err
	}
	if err := vf.checkSelect(cat); err != nil {
		return err
	}
	in, err := o.input(cat, vp, vf.selectID)
	if err != nil {
		return err
	}
	if in.Filter, in.Status, err = vf.narrow(context.Background(), cat, in.Layers); err != nil {
		return err
	}
	if vf.at != "" {
		in.AsOf = filter.AsOf(vf.at)
	}
	if in.Boundaries, err = vf.loadBoundaries(); err != nil {
		return err
	}
	if in.Tiles, err = openBasemap(o.basemap); err != nil {
		return err
	}
	defer in.Tiles.Close()
	opts := o.options(cat, size)
	opts.TileProgress, opts.Missing = tileReport(stderr)
	if err := export.Run(context.Background(), pos[0], in, opts, nil); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (%s)\n", pos[0], o.options(cat, size).Summary(format, in))
	return nil
}

// exportFlags are the export subcommand's own flags.
type exportFlags struct {
	sizeText, paper, title, subtitle, layers string
	dpi                                      float64
	landscape, legend, scalebar, north, foot bool
	attribution, everySite                   bool
	basemap                                  string
}

func (o *exportFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&o.sizeText, "size", "1920x1080", "output size: WxH in pixels, WxHmm, a paper name (a4, a4-landscape, letter) or a preset's name (ignored with --paper)")
	fs.Float64Var(&o.dpi, "dpi", 0, "dots per inch: sets marker and label size (default 96 for pixels, 300 for paper and mm)")
	fs.StringVar(&o.paper, "paper", "", "paper size: a4, a3, letter or legal")
	fs.BoolVar(&o.landscape, "landscape", false, "landscape paper")
	fs.StringVar(&o.title, "title", "", "title")
	fs.StringVar(&o.subtitle, "subtitle", "", "subtitle")
	fs.BoolVar(&o.legend, "legend", false, "draw a legend of what is shown")
	fs.BoolVar(&o.scalebar, "scalebar", false, "draw a scale bar in km and mi")
	fs.BoolVar(&o.north, "north", false, "draw a north arrow")
	fs.BoolVar(&o.foot, "footnote", false, "add a footnote with the date and the data sources")
	fs.BoolVar(&o.attribution, "attribution", true, "credit the basemap and data in the corner")
	fs.BoolFunc("no-attribution", "leave the attribution out", func(string) error { o.attribution = false; return nil })
	fs.StringVar(&o.layers, "layers", "", "comma-separated ids of the layers to show (default all)")
	fs.BoolVar(&o.everySite, "every-site", false, "draw every site, however crowded, instead of clusters")
	fs.StringVar(&o.basemap, "basemap", "offline", "the basemap: offline, osm, an XYZ URL template ({z}, {x}, {y}, {s}, {r}) or an .mbtiles or .pmtiles package")

}

func (o *exportFlags) size() (export.Size, error) {
	if o.paper != "" {
		return export.Paper(o.paper, o.landscape, cmp.Or(o.dpi, 300))
	}
	return export.ParseSize(o.sizeText, o.dpi)
}

func (o *exportFlags) options(cat *data.Catalog, size export.Size) export.Options {
	opt := export.Options{Size: size, Title: o.title, Subtitle: o.subtitle, Legend: o.legend, ScaleBar: o.scalebar,
		NorthArrow: o.north, NoAttribution: !o.attribution, EverySite: o.everySite, Describe: cat.DescribeKML}
	if o.foot {
		opt.Footnote = cat.Footnote(time.Now())
	}
	return opt
}

// input is the map's state the export starts from: the view, the layers
// shown and the selection.
func (o *exportFlags) input(cat *data.Catalog, vp view.Viewport, selectID string) (render.Input, error) {
	in := render.Input{View: vp, Layers: cat.Layers, Attribution: cat.Attribution(),
		Styles: data.DefaultStyles(context.Background(), cat.Layers), LabelPriority: cat.LabelPriority()}
	if r, ok := cat.FindID(selectID); ok && selectID != "" {
		in.Selected = r.Layer.Site(r.Index)
	}
	if o.layers != "" {
		in.Hidden = map[string]bool{}
		want := map[string]bool{}
		for _, id := range strings.Split(o.layers, ",") {
			want[strings.TrimSpace(id)] = true
		}
		for _, l := range cat.Layers {
			in.Hidden[l.ID] = !want[l.ID]
			delete(want, l.ID)
		}
		for id := range want {
			return in, fmt.Errorf("--layers: no layer %q in %s", id, cat.Name)
		}
	}
	return in, nil
}
