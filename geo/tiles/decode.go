package tiles

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	_ "image/jpeg" // tiles come as JPEG too
	_ "image/png"

	_ "golang.org/x/image/webp" // and as WebP
)

// maxTileSide bounds a tile's side: tiles are 256 or 512 px, 1024 at
// most, and a file that claims more is not one.
const maxTileSide = 4096

// decode reads a tile (PNG, JPEG or WebP) into premultiplied RGBA, the
// form the renderer scales fast, once: OpenStreetMap's tiles are PNGs of
// a palette and photos are JPEG's YCbCr, and drawing either as it comes
// reads it pixel by pixel through image.Image's At, many times slower.
func decode(b []byte) (*image.RGBA, error) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	if cfg.Width > maxTileSide || cfg.Height > maxTileSide {
		return nil, fmt.Errorf("tiles: a tile of %dx%d px is larger than any Lodemap draws", cfg.Width, cfg.Height)
	}
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	switch m := img.(type) {
	case *image.RGBA:
		return m, nil
	case *image.Paletted:
		return fromPaletted(m), nil
	}
	out := image.NewRGBA(img.Bounds())
	draw.Draw(out, out.Rect, img, out.Rect.Min, draw.Src)
	return out, nil
}

// fromPaletted is a paletted image in RGBA, through a table of its
// palette's colours (an index past the palette is transparent).
func fromPaletted(m *image.Paletted) *image.RGBA {
	var lut [256][4]uint8
	for i, c := range m.Palette {
		if i < len(lut) {
			r := color.RGBAModel.Convert(c).(color.RGBA)
			lut[i] = [4]uint8{r.R, r.G, r.B, r.A}
		}
	}
	out := image.NewRGBA(m.Rect)
	w := m.Rect.Dx()
	for y := range m.Rect.Dy() {
		src := m.Pix[y*m.Stride : y*m.Stride+w]
		dst := out.Pix[y*out.Stride : y*out.Stride+4*w]
		for x, idx := range src {
			copy(dst[4*x:4*x+4], lut[idx][:])
		}
	}
	return out
}
