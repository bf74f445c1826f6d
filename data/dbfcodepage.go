package data

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// textCodec turns a .dbf's text into UTF-8, from the code page its .cpg or
// its language driver id names.
type textCodec struct {
	single byteDecoder       // a single-byte code page, or nil
	multi  *encoding.Decoder // a multi-byte one (Shift-JIS, GBK), or nil
	// guess is true when no .cpg named the code page: text that is valid
	// UTF-8 is then taken as UTF-8.
	guess bool
}

// byteDecoder is a single-byte code page (a charmap.Charmap).
type byteDecoder interface{ DecodeByte(b byte) rune }

// text returns s in UTF-8; it may be s itself.
func (c *textCodec) text(s []byte) []byte {
	ascii := true
	for _, b := range s {
		if b >= 0x80 {
			ascii = false
			break
		}
	}
	switch {
	case ascii:
		return s
	case c.single == nil && c.multi == nil, c.guess && utf8.Valid(s):
		return bytes.ToValidUTF8(s, []byte("\uFFFD"))
	case c.single != nil:
		out := make([]byte, 0, 2*len(s))
		for _, b := range s {
			out = utf8.AppendRune(out, c.single.DecodeByte(b))
		}
		return out
	}
	out, err := c.multi.Bytes(s)
	if err != nil {
		return bytes.ToValidUTF8(s, []byte("\uFFFD"))
	}
	return out
}

// dbfCodec chooses how to read a .dbf's text: by the code page its .cpg
// names; else by its language driver id; else as UTF-8, or Windows-1252
// where a value is not valid UTF-8. msg, when not "", says what could not
// be used, after the file's base name ("cpg names ...").
func dbfCodec(cpg []byte, hasCPG bool, ldid byte) (c *textCodec, msg string) {
	if hasCPG {
		name := strings.TrimSpace(string(cpg))
		if c := codecNamed(name); c != nil {
			return c, ""
		}
		msg = fmt.Sprintf("cpg names a code page Lodemap does not know (%q)", name)
	}
	if cp, ok := ldidCodePages[ldid]; ok {
		if c := codePage(cp); c != nil {
			if msg != "" {
				msg += fmt.Sprintf("; text is read in the code page of the .dbf's language driver (%d)", cp)
			}
			c.guess = true
			return c, msg
		}
		if msg == "" {
			msg = fmt.Sprintf("dbf's language driver (0x%02X) names code page %d, which Lodemap cannot decode", ldid, cp)
		}
	}
	if msg != "" {
		msg += "; text that is not UTF-8 is read as Windows-1252"
	}
	return &textCodec{single: charmap.Windows1252, guess: true}, msg
}

// codecNamed is the codec of a code page as a .cpg names it ("UTF-8",
// "1254", "CP1254", "windows-1254", "ISO-8859-9", "88599", "Big5"), or nil.
func codecNamed(name string) *textCodec {
	v := strings.NewReplacer("-", "", "_", "", " ", "").Replace(strings.ToUpper(name))
	switch v {
	case "UTF8", "65001":
		return &textCodec{}
	case "LATIN1":
		v = "88591"
	case "LATIN5":
		v = "88599"
	case "SHIFTJIS", "SJIS":
		v = "932"
	case "GBK", "GB2312", "EUCCN":
		v = "936"
	case "EUCKR":
		v = "949"
	case "BIG5":
		v = "950"
	case "KOI8R":
		v = "20866"
	case "KOI8U":
		v = "21866"
	}
	for _, prefix := range []string{"WINDOWS", "CP", "IBM", "ANSI", "ISO"} {
		if rest, ok := strings.CutPrefix(v, prefix); ok {
			v = rest
			break
		}
	}
	if rest, ok := strings.CutPrefix(v, "8859"); ok {
		if k, err := strconv.Atoi(rest); err == nil {
			v = strconv.Itoa(28590 + k) // ISO-8859-k is Windows code page 28590+k
		}
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return nil
	}
	return codePage(n)
}

// codePage is the codec of a Windows code page number, or nil for one
// that cannot be decoded.
func codePage(n int) *textCodec {
	if d, ok := singleByte[n]; ok {
		return &textCodec{single: d}
	}
	if e, ok := multiByte[n]; ok {
		return &textCodec{multi: e.NewDecoder()}
	}
	return nil
}

// singleByte are the single-byte code pages by Windows number (ISO-8859-n
// is 28590+n).
var singleByte = map[int]byteDecoder{
	437: charmap.CodePage437, 850: charmap.CodePage850, 852: charmap.CodePage852, 855: charmap.CodePage855,
	857: cp857, 858: charmap.CodePage858, 860: charmap.CodePage860, 862: charmap.CodePage862,
	863: charmap.CodePage863, 865: charmap.CodePage865, 866: charmap.CodePage866, 874: charmap.Windows874,
	1250: charmap.Windows1250, 1251: charmap.Windows1251, 1252: charmap.Windows1252, 1253: charmap.Windows1253,
	1254: charmap.Windows1254, 1255: charmap.Windows1255, 1256: charmap.Windows1256, 1257: charmap.Windows1257,
	1258: charmap.Windows1258, 10000: charmap.Macintosh, 10007: charmap.MacintoshCyrillic,
	20866: charmap.KOI8R, 21866: charmap.KOI8U,
	28591: charmap.ISO8859_1, 28592: charmap.ISO8859_2, 28593: charmap.ISO8859_3, 28594: charmap.ISO8859_4,
	28595: charmap.ISO8859_5, 28596: charmap.ISO8859_6, 28597: charmap.ISO8859_7, 28598: charmap.ISO8859_8,
	28599: charmap.ISO8859_9, 28600: charmap.ISO8859_10, 28603: charmap.ISO8859_13, 28604: charmap.ISO8859_14,
	28605: charmap.ISO8859_15, 28606: charmap.ISO8859_16,
}

// multiByte are the East Asian code pages by Windows number.
var multiByte = map[int]encoding.Encoding{
	932: japanese.ShiftJIS, 936: simplifiedchinese.GBK, 949: korean.EUCKR, 950: traditionalchinese.Big5,
}

// ldidCodePages are the code pages of dBase language driver ids. 0x57
// (87) is "the current ANSI code page", which GDAL writes by default:
// taken as Windows-1252.
var ldidCodePages = map[byte]int{
	0x01: 437, 0x02: 850, 0x03: 1252, 0x04: 10000, 0x08: 865, 0x09: 437, 0x0A: 850, 0x0B: 437,
	0x0D: 437, 0x0E: 850, 0x0F: 437, 0x10: 850, 0x11: 437, 0x12: 850, 0x13: 932, 0x14: 850,
	0x15: 437, 0x16: 850, 0x17: 865, 0x18: 437, 0x19: 437, 0x1A: 850, 0x1B: 437, 0x1C: 863,
	0x1D: 850, 0x1F: 852, 0x22: 852, 0x23: 852, 0x24: 860, 0x25: 850, 0x26: 866, 0x37: 850,
	0x40: 852, 0x4D: 936, 0x4E: 949, 0x4F: 950, 0x50: 874, 0x57: 1252, 0x58: 1252, 0x59: 1252,
	0x64: 852, 0x65: 866, 0x66: 865, 0x67: 861, 0x6A: 737, 0x6B: 857, 0x6C: 863, 0x78: 950,
	0x79: 949, 0x7A: 936, 0x7B: 932, 0x7C: 874, 0x86: 737, 0x87: 852, 0x88: 857, 0x96: 10007,
	0xC8: 1250, 0xC9: 1251, 0xCA: 1254, 0xCB: 1253, 0xCC: 1257,
}

// cp857 is IBM code page 857, Turkish MS-DOS, which golang.org/x/text
// lacks.
var cp857 = &highHalf{
	0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7,
	0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE, 0x0131, 0x00C4, 0x00C5,
	0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9,
	0x0130, 0x00D6, 0x00DC, 0x00F8, 0x00A3, 0x00D8, 0x015E, 0x015F,
	0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x011E, 0x011F,
	0x00BF, 0x00AE, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,
	0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x00C1, 0x00C2, 0x00C0,
	0x00A9, 0x2563, 0x2551, 0x2557, 0x255D, 0x00A2, 0x00A5, 0x2510,
	0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x00E3, 0x00C3,
	0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x00A4,
	0x00BA, 0x00AA, 0x00CA, 0x00CB, 0x00C8, 0xFFFD, 0x00CD, 0x00CE,
	0x00CF, 0x2518, 0x250C, 0x2588, 0x2584, 0x00A6, 0x00CC, 0x2580,
	0x00D3, 0x00DF, 0x00D4, 0x00D2, 0x00F5, 0x00D5, 0x00B5, 0xFFFD,
	0x00D7, 0x00DA, 0x00DB, 0x00D9, 0x00EC, 0x00FF, 0x00AF, 0x00B4,
	0x00AD, 0x00B1, 0xFFFD, 0x00BE, 0x00B6, 0x00A7, 0x00F7, 0x00B8,
	0x00B0, 0x00A8, 0x00B7, 0x00B9, 0x00B3, 0x00B2, 0x25A0, 0x00A0,
}

// highHalf is a single-byte code page that is ASCII below 0x80: the runes
// of bytes 0x80 to 0xFF.
type highHalf [128]rune

// DecodeByte is the rune of byte b.
func (h *highHalf) DecodeByte(b byte) rune {
	if b < 0x80 {
		return rune(b)
	}
	return h[b-0x80]
}
