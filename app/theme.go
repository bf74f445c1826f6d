package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"github.com/lodemap/lodemap/geo/render/raster"
	"github.com/lodemap/lodemap/geo/style"
)

// inputBorders are the borders of entries and of unchecked check boxes, by
// theme variant: Fyne's own (#39393A on the dark panel, #E3E3E3 on the
// light one) leave an unchecked box all but invisible. These stand 3:1
// or more against the panel, as a control's outline should.
var inputBorders = map[fyne.ThemeVariant]color.NRGBA{
	theme.VariantDark:  {0x76, 0x76, 0x7C, 0xFF},
	theme.VariantLight: {0x8A, 0x8A, 0x8E, 0xFF},
}

// appTheme is Fyne's theme with input borders that show on either variant.
type appTheme struct{ fyne.Theme }

// Theme is Lodemap's theme: Fyne's default, whose light and dark variants
// follow the system (or FYNE_THEME), with visible input borders.
func Theme() fyne.Theme { return appTheme{theme.DefaultTheme()} }

// Color is part of fyne.Theme.
func (t appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if c, ok := inputBorders[v]; ok && n == theme.ColorNameInputBorder {
		return c
	}
	return t.Theme.Color(n, v)
}

// swatchTile is a marker as drawn on the map, on a tile of the map's land
// colour, so every symbol reads as it does on the map whatever the theme
// (a black star would vanish on the dark panel).
func swatchTile(m style.Marker) (box *fyne.Container, tile *canvas.Rectangle, img *canvas.Image) {
	img = canvas.NewImageFromImage(raster.Swatch(m, 2))
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(fyne.NewSize(22, 22))
	tile = canvas.NewRectangle(style.Land)
	tile.CornerRadius = 4
	tile.SetMinSize(fyne.NewSize(26, 26))
	return container.NewStack(tile, container.NewCenter(img)), tile, img
}
