package raster

import (
	"image"
	"sync"
)

// textMasks keeps the masks of texts drawn lately, glyphs and halo, by
// text, size and the fraction of a pixel the text was placed at: labels
// and place names are drawn again at every frame, and stamping a kept
// mask costs far less than drawing the glyphs and their halo anew. The
// masks are never written once kept, so any drawing may use them.
var textMasks struct {
	sync.Mutex
	byKey map[textKey]*textMask
}

type textKey struct {
	text   string
	size   float64
	bold   bool
	halo   int
	fx, fy uint8 // the text's position's fraction of a pixel, in 64ths
}

// textMask is a text's coverage and its halo's (nil without one), placed
// relative to the pixel the text's position falls in.
type textMask struct {
	glyphs, halo *image.Alpha
}

// maxTextMasks bounds the masks kept; past it they are all dropped.
const maxTextMasks = 4096

func cachedTextMask(k textKey, build func() *textMask) *textMask {
	textMasks.Lock()
	m, ok := textMasks.byKey[k]
	textMasks.Unlock()
	if ok {
		return m
	}
	m = build()
	textMasks.Lock()
	defer textMasks.Unlock()
	if textMasks.byKey == nil || len(textMasks.byKey) >= maxTextMasks {
		textMasks.byKey = map[textKey]*textMask{}
	}
	textMasks.byKey[k] = m
	return m
}
