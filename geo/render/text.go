package render

import (
	"fmt"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// The Go fonts are embedded by golang.org/x/image, so labels look the same
// on every machine and in every export.
var (
	fontsOnce     sync.Once
	regular, bold *opentype.Font
	fontErr       error
	faceMu        sync.Mutex
	faces         = map[faceKey]font.Face{}
)

type faceKey struct {
	size float64
	bold bool
}

func loadFonts() {
	fontsOnce.Do(func() {
		regular, fontErr = opentype.Parse(goregular.TTF)
		if fontErr == nil {
			bold, fontErr = opentype.Parse(gobold.TTF)
		}
		if fontErr != nil {
			fontErr = fmt.Errorf("render: font: %w", fontErr)
		}
	})
}

// face returns a cached face of the given pixel size. font.Face is not safe
// for concurrent use, so callers hold faceMu while they use it.
func face(size float64, isBold bool) font.Face {
	loadFonts()
	if fontErr != nil {
		panic(fontErr) // the embedded fonts are known good; this cannot fail at run time
	}
	k := faceKey{size, isBold}
	if f, ok := faces[k]; ok {
		return f
	}
	f := regular
	if isBold {
		f = bold
	}
	fc, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic(fmt.Errorf("render: font face: %w", err))
	}
	faces[k] = fc
	return fc
}

// MeasureText returns the advance width of s in pixels at the given size.
func MeasureText(s string, size float64, isBold bool) float64 {
	faceMu.Lock()
	defer faceMu.Unlock()
	w := font.MeasureString(face(size, isBold), s)
	return fixedToFloat(w)
}

func fixedToFloat(v fixed.Int26_6) float64 { return float64(v) / 64 }
