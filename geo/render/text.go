package render

import (
	"fmt"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/norm"
)

// The Go fonts are embedded by golang.org/x/image, so labels look the same
// on every machine and in every export. The parsed fonts are shared and
// safe for concurrent use; font.Face values are not, so each drawing makes
// its own (NewFace) and measuring uses a buffer of its own.
var (
	fontsOnce     sync.Once
	regular, bold *opentype.Font
	buffers       = sync.Pool{New: func() any { return new(sfnt.Buffer) }}
)

func fonts() (reg, b *opentype.Font) {
	fontsOnce.Do(func() {
		var err error
		if regular, err = opentype.Parse(goregular.TTF); err == nil {
			bold, err = opentype.Parse(gobold.TTF)
		}
		if err != nil {
			// The embedded fonts are known good; this cannot fail at run time.
			panic(fmt.Errorf("render: font: %w", err))
		}
	})
	return regular, bold
}

func fontFor(isBold bool) *opentype.Font {
	reg, b := fonts()
	if isBold {
		return b
	}
	return reg
}

// NewFace returns a face of the Go font at a pixel size, for one drawing:
// a face is not safe for concurrent use.
func NewFace(size float64, isBold bool) font.Face {
	fc, err := opentype.NewFace(fontFor(isBold), &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic(fmt.Errorf("render: font face: %w", err)) // only for a negative size
	}
	return fc
}

// MeasureText returns the advance width of s in pixels at the given size,
// exactly as font.MeasureString measures it with a face of that size
// (NewFace). It
// is safe for concurrent use.
func MeasureText(s string, size float64, isBold bool) float64 {
	f := fontFor(isBold)
	buf := buffers.Get().(*sfnt.Buffer)
	defer buffers.Put(buf)
	ppem := fixed.Int26_6(0.5 + size*64)
	var w fixed.Int26_6
	prev := sfnt.GlyphIndex(0)
	for i, r := range s {
		g, _ := f.GlyphIndex(buf, r)
		if i > 0 {
			// As opentype.Face.Kern does: kerning at one unit per em.
			if k, err := f.Kern(buf, prev, g, fixed.Int26_6(f.UnitsPerEm()), font.HintingNone); err == nil {
				w += k
			}
		}
		if a, err := f.GlyphAdvance(buf, g, ppem, font.HintingNone); err == nil {
			w += a
		}
		prev = g
	}
	return float64(w) / 64
}

// Drawable is s as the labels' font can draw it: a letter the font lacks
// is written without its accents ("Ḥamāh" is "Hamāh") and left out when
// even that is missing, so no label shows an empty box.
func Drawable(s string) string {
	f := fontFor(false)
	buf := buffers.Get().(*sfnt.Buffer)
	defer buffers.Put(buf)
	has := func(r rune) bool { g, err := f.GlyphIndex(buf, r); return err == nil && g != 0 }
	ok := true
	for _, r := range s {
		if !has(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if has(r) {
			b.WriteRune(r)
			continue
		}
		for _, d := range norm.NFD.String(string(r)) {
			if !unicode.Is(unicode.Mn, d) && has(d) {
				b.WriteRune(d)
			}
		}
	}
	return strings.TrimSpace(b.String())
}
