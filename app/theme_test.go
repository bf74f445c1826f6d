package app

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"

	"github.com/lodemap/lodemap/geo/style"
)

// luminance is a colour's relative luminance (WCAG 2).
func luminance(c color.Color) float64 {
	r, g, b, _ := color.NRGBAModel.Convert(c).RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xFFFF
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// contrast is the WCAG contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// TestInputBorderShows checks the outline of an unchecked check box (and
// of an entry) stands 3:1 against the panel and the box's inside on both
// variants, where Fyne's own does not, and that the theme changes nothing
// else.
func TestInputBorderShows(t *testing.T) {
	th, fyneTheme := Theme(), theme.DefaultTheme()
	for _, v := range []fyne.ThemeVariant{theme.VariantDark, theme.VariantLight} {
		t.Run(map[fyne.ThemeVariant]string{theme.VariantDark: "dark", theme.VariantLight: "light"}[v], func(t *testing.T) {
			border := th.Color(theme.ColorNameInputBorder, v)
			for _, under := range []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameInputBackground} {
				bg := th.Color(under, v)
				if c := contrast(border, bg); c < 3 {
					t.Errorf("the border stands %.2f:1 against the %s, want 3:1", c, under)
				}
				if c := contrast(fyneTheme.Color(theme.ColorNameInputBorder, v), bg); c >= 3 {
					t.Errorf("Fyne's own border stands %.2f:1 against the %s: the theme is not needed", c, under)
				}
			}
			for _, n := range []fyne.ThemeColorName{theme.ColorNameForeground, theme.ColorNameBackground, theme.ColorNamePrimary} {
				if th.Color(n, v) != fyneTheme.Color(n, v) {
					t.Errorf("the theme changes %s", n)
				}
			}
		})
	}
}

// TestDetailsSwatchOnLand shows the headquarters, whose marker is a black
// star: in the details panel it lies on a tile of the map's land colour,
// as in the layer panel, so it shows on the dark theme.
func TestDetailsSwatchOnLand(t *testing.T) {
	w, _ := newTestWindow(t)
	showSite(t, w, "cn-ganzhou-creg-hq")
	var tiles int
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *canvas.Rectangle:
			if v.FillColor == style.Land {
				tiles++
			}
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		}
	}
	walk(w.Details.content)
	if tiles != 1 {
		t.Errorf("%d land tiles in the details, want the one under the star", tiles)
	}
}
