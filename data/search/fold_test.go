package search

import (
	"slices"
	"testing"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Eskişehir", "eskisehir"},
		{"ESKİŞEHİR", "eskisehir"},
		{"ISPARTA", "isparta"},
		{"Isparta", "isparta"},
		{"İstanbul", "istanbul"},
		{"ıspanak", "ispanak"},
		{"Kızılcaören", "kizilcaoren"},
		{"Çanakkale Boğazı", "canakkale bogazi"},
		{"Türkiye", "turkiye"},
		{"Ålesund Øst", "alesund ost"},
		{"Straße", "strasse"},
		{"BYD", "byd"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"tr-beylikova-ree-deposit", []string{"tr", "beylikova", "ree", "deposit"}},
		{"BYD Turkiye EV/PHEV plant, Manisa OSB (7th section)", []string{"byd", "turkiye", "ev", "phev", "plant", "manisa", "osb", "7th", "section"}},
		{"  ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Words(Fold(tt.in)); !slices.Equal(got, tt.want) {
				t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
