package data

import (
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

func TestInterner(t *testing.T) {
	var in interner
	// More texts than are compared in turn, so the map is used too.
	var kept []string
	for i := range internFew * 3 {
		kept = append(kept, in.bytes([]byte("kind-"+strconv.Itoa(i))))
	}
	for i, k := range kept {
		t.Run(k, func(t *testing.T) {
			again := in.of("kind-" + strconv.Itoa(i))
			if again != k || unsafe.StringData(again) != unsafe.StringData(k) {
				t.Errorf("second %q is not the kept copy", again)
			}
		})
	}
}

func TestTexts(t *testing.T) {
	var txt texts
	long := strings.Repeat("x", textBlock/8+1)
	tests := []string{"", "a", "Beylikova", "Eskişehir", long}
	var got, want []string
	// Enough texts to fill several blocks: earlier strings must not change
	// as later ones are written.
	for i := range textBlock / 4 {
		s := tests[i%len(tests)] + strconv.Itoa(i)
		got, want = append(got, txt.of([]byte(s))), append(want, s)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("text %d is %.20q, want %.20q", i, got[i], want[i])
		}
	}
	if s := txt.of(nil); s != "" {
		t.Errorf("no bytes give %q", s)
	}
}
