package app

import (
	"context"
	"fmt"
	"image"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/lodemap/lodemap/data"
	"github.com/lodemap/lodemap/geo/export"
	"github.com/lodemap/lodemap/geo/render"
	"github.com/lodemap/lodemap/geo/render/raster"
	"github.com/lodemap/lodemap/geo/tiles"
	"github.com/lodemap/lodemap/geo/view"
)

// screenSize is the size of a view on a screen of a pixel ratio.
func screenSize(v view.Viewport, scale float64) export.Size {
	return export.Size{Width: int(math.Round(v.Width * scale)), Height: int(math.Round(v.Height * scale)), DPI: export.ScreenDPI * scale}
}

// previewSide is the longer side of the export preview, in logical pixels.
const previewSide = 420

// ExportPanel is the export dialog's content: format, size, what to
// include, a live preview of the framing, and Export / Copy actions with
// progress and Cancel. It starts from what the map shows, so the export is
// what was seen.
type ExportPanel struct {
	widget.BaseWidget

	cat    *data.Catalog
	source render.Input // the map's state when the dialog opened
	screen export.Size  // the map's own size
	window fyne.Window

	Format                           *widget.Select
	Preset                           *widget.Select
	Width, Height, DPI               *widget.Entry
	Unit                             *widget.Select
	Title, Subtitle                  *widget.Entry
	Legend, ScaleBar, North, Credits *widget.Check
	Footnote, EverySite              *widget.Check
	Folder, FileName                 *widget.Entry
	ExportButton, CopyButton, Cancel *widget.Button
	Progress                         *widget.ProgressBar
	Status                           *widget.Label
	preview                          *canvas.Image
	previewGen                       uint64
	stopPreview                      context.CancelFunc // ends the preview being drawn
	cancel                           context.CancelFunc // ends the export being written
	jobs                             jobs               // the preview and export; Close cancels them
	content                          fyne.CanvasObject
	customRow                        *fyne.Container
}

const (
	presetWindow = "Current window"
	presetCustom = "Custom size"
)

// NewExportPanel returns the dialog content for exporting what m shows.
func NewExportPanel(cat *data.Catalog, m *MapView, w fyne.Window) *ExportPanel {
	src := m.SceneInput()
	scale := m.PixelScale()
	p := &ExportPanel{cat: cat, source: src, window: w, screen: screenSize(src.View, scale)}
	names := []string{fmt.Sprintf("%s (%d x %d)", presetWindow, p.screen.Width, p.screen.Height)}
	for _, pr := range export.Presets() {
		names = append(names, pr.Name)
	}
	names = append(names, presetCustom)
	var formats []string
	for _, f := range dialogFormats {
		formats = append(formats, f.String())
	}
	changed := func(string) { p.update() }
	toggled := func(bool) { p.update() }
	p.Format = widget.NewSelect(formats, func(string) { p.fixExtension(); p.update() })
	p.Preset = widget.NewSelect(names, changed)
	p.Width, p.Height, p.DPI = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	p.Width.SetText("297")
	p.Height.SetText("210")
	p.DPI.SetText("300")
	p.Unit = widget.NewSelect([]string{"mm", "px"}, changed)
	p.Unit.SetSelected("mm")
	for _, e := range []*widget.Entry{p.Width, p.Height, p.DPI} {
		e.OnChanged = changed
	}
	p.Title, p.Subtitle = widget.NewEntry(), widget.NewEntry()
	p.Title.SetPlaceHolder("Title")
	p.Subtitle.SetPlaceHolder("Subtitle")
	p.Title.OnChanged, p.Subtitle.OnChanged = changed, changed
	p.Legend = widget.NewCheck("Legend", toggled)
	p.ScaleBar = widget.NewCheck("Scale bar (km and mi)", toggled)
	p.North = widget.NewCheck("North arrow", toggled)
	p.Credits = widget.NewCheck("Attribution", toggled)
	p.Footnote = widget.NewCheck("Footnote: date and data sources", toggled)
	p.EverySite = widget.NewCheck("Every site, no clusters", toggled)
	p.Folder = widget.NewEntry()
	p.Folder.SetText(defaultFolder())
	p.FileName = widget.NewEntry()
	p.FileName.SetText("lodemap-" + time.Now().Format("2006-01-02") + ".png")
	p.ExportButton = widget.NewButton("Export", p.Export)
	p.ExportButton.Importance = widget.HighImportance
	p.CopyButton = widget.NewButton("Copy PNG to clipboard", p.Copy)
	p.Cancel = widget.NewButton("Cancel", func() {
		if p.cancel != nil {
			p.cancel()
		}
	})
	p.Cancel.Disable()
	p.Progress = widget.NewProgressBar()
	p.Status = widget.NewLabel("")
	p.Status.Wrapping = fyne.TextWrapWord
	p.preview = &canvas.Image{FillMode: canvas.ImageFillContain}
	p.preview.SetMinSize(fyne.NewSize(previewSide, previewSide*0.75))

	p.Legend.SetChecked(true)
	p.ScaleBar.SetChecked(true)
	p.North.SetChecked(true)
	p.Credits.SetChecked(true)
	p.Footnote.SetChecked(true)
	p.Format.SetSelected(export.PNG.String())
	p.Preset.SetSelected(names[0])

	p.Width.SetPlaceHolder("width")
	p.Height.SetPlaceHolder("height")
	p.DPI.SetPlaceHolder("dpi")
	p.customRow = container.NewGridWithColumns(4, p.Width, p.Height, p.Unit, p.DPI)
	browse := widget.NewButton("Choose…", p.chooseFolder)
	form := widget.NewForm(
		widget.NewFormItem("Format", p.Format),
		widget.NewFormItem("Size", container.NewVBox(p.Preset, p.customRow)),
		widget.NewFormItem("Title", p.Title),
		widget.NewFormItem("Subtitle", p.Subtitle),
		widget.NewFormItem("Include", container.NewVBox(p.Legend, p.ScaleBar, p.North, p.Credits, p.Footnote, p.EverySite)),
		widget.NewFormItem("Folder", container.NewBorder(nil, nil, nil, browse, p.Folder)),
		widget.NewFormItem("File name", p.FileName),
	)
	actions := container.NewHBox(p.ExportButton, p.CopyButton, p.Cancel)
	left := container.NewVBox(form, actions, p.Progress, p.Status)
	p.content = container.NewHSplit(left, container.NewBorder(widget.NewLabel("Preview"), nil, nil, nil, p.preview))
	p.ExtendBaseWidget(p)
	p.update()
	return p
}

// CreateRenderer is part of fyne.Widget.
func (p *ExportPanel) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(p.content)
}

// OutputSize returns the chosen output size. A custom size is read as the
// command line reads --size, so both take the same forms.
func (p *ExportPanel) OutputSize() (export.Size, error) {
	sel := p.Preset.Selected
	switch {
	case strings.HasPrefix(sel, presetWindow):
		return p.screen, nil
	case sel == presetCustom:
		dpi, err := strconv.ParseFloat(strings.TrimSpace(p.DPI.Text), 64)
		if err != nil || dpi <= 0 {
			return export.Size{}, fmt.Errorf("custom size: the dpi must be a number above 0")
		}
		return export.ParseSize(strings.TrimSpace(p.Width.Text)+"x"+strings.TrimSpace(p.Height.Text)+p.Unit.Selected, dpi)
	case sel == "":
		return export.Size{}, fmt.Errorf("no size chosen")
	}
	return export.ParseSize(sel, 0)
}

// Options are the export's options as the dialog sets them.
func (p *ExportPanel) Options(size export.Size) export.Options {
	o := export.Options{Size: size, Title: strings.TrimSpace(p.Title.Text), Subtitle: strings.TrimSpace(p.Subtitle.Text),
		Legend: p.Legend.Checked, ScaleBar: p.ScaleBar.Checked, NorthArrow: p.North.Checked,
		NoAttribution: !p.Credits.Checked, EverySite: p.EverySite.Checked, Describe: p.cat.DescribeKML}
	if p.Footnote.Checked {
		o.Footnote = p.cat.Footnote(time.Now())
	}
	return o
}

// Input is the scene input of the export: the map's state reframed to the
// output's aspect ratio, keeping the centre and all that was on screen.
func (p *ExportPanel) Input(size export.Size) render.Input {
	return p.Options(size).Input(p.source)
}

// Close cancels the preview being drawn and the export being written: the
// dialog's window calls it when it closes.
func (p *ExportPanel) Close() { p.jobs.close() }

// Path is where the export is written.
func (p *ExportPanel) Path() string {
	return filepath.Join(strings.TrimSpace(p.Folder.Text), strings.TrimSpace(p.FileName.Text))
}

// dialogFormats are the formats the dialog offers: the pictures, then the
// layers as KML for Google Earth.
var dialogFormats = append(append([]export.Format(nil), export.Formats...), export.KML, export.KMZ)

func (p *ExportPanel) format() export.Format {
	for _, f := range dialogFormats {
		if f.String() == p.Format.Selected {
			return f
		}
	}
	return export.PNG
}

// fixExtension makes the file name end in the chosen format's extension.
func (p *ExportPanel) fixExtension() {
	if p.FileName == nil {
		return
	}
	name := strings.TrimSpace(p.FileName.Text)
	want := p.format().Ext()
	if !strings.EqualFold(filepath.Ext(name), want) {
		p.FileName.SetText(strings.TrimSuffix(name, filepath.Ext(name)) + want)
	}
}

// update re-renders the preview off the UI thread and says what the
// export will be.
func (p *ExportPanel) update() {
	if p.Status == nil || p.Preset == nil || p.Title == nil || p.Footnote == nil || p.EverySite == nil {
		return // still being built
	}
	if p.Preset.Selected == presetCustom {
		p.customRow.Show()
	} else if p.customRow != nil {
		p.customRow.Hide()
	}
	size, err := p.OutputSize()
	if err != nil {
		p.Status.SetText(err.Error())
		p.ExportButton.Disable()
		return
	}
	if p.cancel == nil { // not while an export runs
		p.ExportButton.Enable()
	}
	in := p.Input(size)
	msg := fmt.Sprintf("%s, %s", p.format(), p.Options(size).Summary(p.format(), in))
	p.Status.SetText(msg)
	p.previewGen++
	gen := p.previewGen
	// A new preview replaces the one being drawn.
	if p.stopPreview != nil {
		p.stopPreview()
	}
	ctx, done := p.jobs.start()
	p.stopPreview = done
	go func() {
		defer done()
		s, err := render.Build(in)
		if err != nil {
			uiDo(func() { p.Status.SetText("Preview failed: " + err.Error()) })
			return
		}
		if warn := selectionWarning(s, !in.Selected.IsZero()); warn != "" {
			msg += ". " + warn
		}
		img, err := raster.Draw(ctx, s, previewSide/math.Max(s.Width, s.Height), nil, nil)
		if err != nil {
			return // replaced by a newer preview, or the dialog closed
		}
		uiDo(func() {
			if gen == p.previewGen {
				p.preview.Image = img
				p.preview.Refresh()
				p.Status.SetText(msg)
			}
		})
	}()
}

// selectionWarning says when the selected site is not seen in the export:
// outside the frame, or under a piece of furniture.
func selectionWarning(s *render.Scene, selected bool) string {
	if !selected {
		return ""
	}
	h := s.Highlight
	if h == nil {
		return "The selected site is outside this frame."
	}
	for _, o := range s.Overlays {
		for _, b := range o.Boxes {
			if h.X >= b.X && h.X <= b.X+b.W && h.Y >= b.Y && h.Y <= b.Y+b.H {
				return fmt.Sprintf("The %s covers the selected site.", o.Name)
			}
		}
	}
	return ""
}

// PreviewImage is the preview shown, or nil before the first one arrives.
func (p *ExportPanel) PreviewImage() image.Image { return p.preview.Image }

// Export writes the file, with progress and Cancel, after asking before it
// replaces an existing file.
func (p *ExportPanel) Export() {
	p.fixExtension()
	path := p.Path()
	if _, err := os.Stat(path); err == nil {
		dialog.ShowConfirm("Replace file?", path+" exists. Replace it?", func(ok bool) {
			if ok {
				p.run(path)
			}
		}, p.window)
		return
	}
	p.run(path)
}

func (p *ExportPanel) run(path string) {
	size, err := p.OutputSize()
	if err != nil {
		p.Status.SetText(err.Error())
		return
	}
	o := p.Options(size)
	what := o.Summary(p.format(), p.source)
	ctx, cancel := p.jobs.start()
	p.cancel = cancel
	p.ExportButton.Disable()
	p.Cancel.Enable()
	p.Progress.SetValue(0)
	p.Status.SetText("Exporting " + path + " …")
	start := time.Now()
	var missing string // which basemap tiles could not be had
	o.TileProgress = func(done, total int) {
		uiDo(func() { p.Status.SetText(fmt.Sprintf("Loading basemap tiles: %d of %d …", done, total)) })
	}
	o.Missing = func(failed map[tiles.Key]error) { missing = tiles.Failures(failed) }
	go func() {
		defer cancel()
		err := export.Run(ctx, path, p.source, o, func(done, total int) {
			uiDo(func() { p.Progress.SetValue(float64(done) / float64(max(1, total))) })
		})
		cancelled := ctx.Err() != nil
		uiDo(func() {
			p.cancel = nil
			p.Cancel.Disable()
			p.ExportButton.Enable()
			switch {
			case cancelled && err != nil:
				p.Progress.SetValue(0)
				p.Status.SetText("Export cancelled; nothing was written.")
			case err != nil:
				p.Status.SetText("Export failed: " + err.Error())
			default:
				p.Progress.SetValue(1)
				msg := fmt.Sprintf("Saved %s (%s) in %.1f s.", path, what, time.Since(start).Seconds())
				if missing != "" {
					msg += " " + missing + "."
				}
				p.Status.SetText(msg)
			}
		})
	}()
}

// Copy puts the export, as PNG, on the clipboard.
func (p *ExportPanel) Copy() {
	size, err := p.OutputSize()
	if err != nil {
		p.Status.SetText(err.Error())
		return
	}
	p.Status.SetText(copyScene(p.source, p.Options(size)))
}

// copyScene renders the export to PNG and puts it on the clipboard, and
// says how that went.
func copyScene(in render.Input, o export.Options) string {
	b, err := export.PNGBytes(context.Background(), in, o)
	if err == nil {
		err = copyPNG(b)
	}
	if err != nil {
		return "Copy failed: " + err.Error()
	}
	return fmt.Sprintf("Copied a %d x %d PNG to the clipboard.", o.Size.Width, o.Size.Height)
}

func (p *ExportPanel) chooseFolder() {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err == nil && u != nil {
			p.Folder.SetText(u.Path())
		}
	}, p.window)
	if l, err := storage.ListerForURI(storage.NewFileURI(p.Folder.Text)); err == nil {
		d.SetLocation(l)
	}
	d.Show()
}

// defaultFolder is the user's Pictures folder, or home, or the working one.
func defaultFolder() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return "."
	}
	if st, err := os.Stat(filepath.Join(home, "Pictures")); err == nil && st.IsDir() {
		return filepath.Join(home, "Pictures")
	}
	return home
}

// openExport shows the export dialog in a window of its own.
func openExport(a fyne.App, cat *data.Catalog, m *MapView) (fyne.Window, *ExportPanel) {
	w := a.NewWindow("Export map")
	p := NewExportPanel(cat, m, w)
	w.SetContent(p)
	w.Resize(fyne.NewSize(980, 640))
	w.Show()
	return w, p
}
