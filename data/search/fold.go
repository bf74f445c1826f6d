// Package search finds features and articles of a catalog by words: site
// names, ids, kinds and attributes, article titles and excerpt text. Text
// is folded before it is compared, so that a search ignores case and
// accents and follows Turkish casing ("eskisehir" finds "Eskişehir",
// "ISPARTA" finds "Isparta", "istanbul" finds "İstanbul"); a word of the
// query matches a word of the text it begins, or one a typo away.
package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// letters are the folds of letters that do not decompose into a base
// letter and marks.
var letters = map[rune]string{
	'ı': "i", 'ø': "o", 'đ': "d", 'ł': "l", 'ß': "ss", 'æ': "ae", 'œ': "oe", 'þ': "th", 'ð': "d", 'ħ': "h",
}

// stripMarks takes the combining marks off decomposed text.
var stripMarks = runes.Remove(runes.In(unicode.Mn))

// Fold returns s in lower case without accents, with the dotted and
// dotless i of Turkish both folded to i: the form in which the index keeps
// words and in which a query is compared.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	d, _, err := transform.String(transform.Chain(norm.NFD, stripMarks), s)
	if err != nil {
		d = s
	}
	var b strings.Builder
	b.Grow(len(d))
	for _, r := range d {
		r = unicode.ToLower(r) // İ has lost its dot: I, then i
		if f, ok := letters[r]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Words splits folded text into words: runs of letters and digits.
func Words(folded string) []string {
	return strings.FieldsFunc(folded, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// hasLetter reports whether a word holds a letter: only such words are
// matched with a typo (a number a digit off is another number).
func hasLetter(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}
