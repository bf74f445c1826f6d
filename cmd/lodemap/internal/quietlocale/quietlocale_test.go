package quietlocale

import (
	"os"
	"testing"
)

func TestIsPlainC(t *testing.T) {
	tests := []struct {
		locale string
		want   bool
	}{
		{"C", true},
		{"POSIX", true},
		{"C.UTF-8", true},
		{"C.utf8", true},
		{"POSIX.UTF-8", true},
		{"C@euro", true},
		{"", false},
		{"en_US.UTF-8", false},
		{"tr_TR.UTF-8", false},
		{"ca_ES@valencia", false},
		{"Cy", false},
	}
	for _, tt := range tests {
		t.Run(tt.locale, func(t *testing.T) {
			if got := isPlainC(tt.locale); got != tt.want {
				t.Errorf("isPlainC(%q) = %v, want %v", tt.locale, got, tt.want)
			}
		})
	}
}

func TestLocaleVar(t *testing.T) {
	tests := []struct {
		name                    string
		lcAll, lcMessages, lang string
		wantKey, wantValue      string
	}{
		{"none", "", "", "", "", ""},
		{"LANG", "", "", "C.UTF-8", "LANG", "C.UTF-8"},
		{"LC_MESSAGES over LANG", "", "tr_TR.UTF-8", "C.UTF-8", "LC_MESSAGES", "tr_TR.UTF-8"},
		{"LC_ALL over all", "C.UTF-8", "tr_TR.UTF-8", "en_US.UTF-8", "LC_ALL", "C.UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("LC_ALL", tt.lcAll)
			t.Setenv("LC_MESSAGES", tt.lcMessages)
			t.Setenv("LANG", tt.lang)
			if k, v := localeVar(); k != tt.wantKey || v != tt.wantValue {
				t.Errorf("localeVar() = %q, %q; want %q, %q", k, v, tt.wantKey, tt.wantValue)
			}
		})
	}
}

func TestRestore(t *testing.T) {
	t.Setenv("LANG", "C")
	changed.key, changed.value = "LANG", "C.UTF-8"
	Restore()
	if got := os.Getenv("LANG"); got != "C.UTF-8" {
		t.Errorf("LANG after Restore = %q, want C.UTF-8", got)
	}
	if changed.key != "" {
		t.Error("Restore did not forget the change")
	}
}
