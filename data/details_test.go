package data

import (
	"reflect"
	"testing"

	"github.com/lodemap/lodemap/geo/layer"
)

// TestSpecialProperties reads key figures, dates and facts in the forms
// the details show them in, and keeps any other form as text in Other.
func TestSpecialProperties(t *testing.T) {
	tests := []struct {
		name, key, raw string
		want           Details
	}{
		{"key figures", "key_figures", `{"investment":"US$1 billion","jobs":5000}`,
			Details{KeyFigures: []Field{{"investment", "US$1 billion"}, {"jobs", "5000"}}}},
		{"dates", "dates", `{"signed":"2024-07"}`, Details{Dates: []Field{{"signed", "2024-07"}}}},
		{"key figures as text", "key_figures", `"US$1 billion"`, Details{Other: []Field{{"key_figures", "US$1 billion"}}}},
		{"facts", "facts", `[{"fact":"Signed.","source":" https://a.example/1 "},"Paused in 2025.",{"fact":"Restarted."}]`,
			Details{Facts: []Fact{{"Signed.", "https://a.example/1"}, {"Paused in 2025.", ""}, {"Restarted.", ""}}}},
		{"fact with another member", "facts", `[{"fact":"Signed.","date":"2024"}]`,
			Details{Other: []Field{{"facts", "fact: Signed.; date: 2024"}}}},
		{"fact without text", "facts", `[{"source":"https://a.example/1"}]`,
			Details{Other: []Field{{"facts", "source: https://a.example/1"}}}},
		{"facts as text", "facts", `"Signed."`, Details{Other: []Field{{"facts", "Signed."}}}},
		{"no facts", "facts", `[]`, Details{Facts: []Fact{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d Details
			d.special(layer.Member{Key: tt.key, Raw: []byte(tt.raw)})
			if !reflect.DeepEqual(d, tt.want) {
				t.Errorf("got %+v, want %+v", d, tt.want)
			}
		})
	}
}
