package filter

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in, want string // want: String() of the condition, or the error's text
		err      bool
	}{
		{"kind=refinery", "kind=refinery", false},
		{"status=planned, announced", "status=planned,announced", false},
		{"Country = TR", "country=TR", false},
		{"commodity=REE", "commodity=REE", false},
		{"date=2022-01-01..2024-12-31", "date=2022-01-01..2024-12-31", false},
		{"date=2024", "date=2024", false},
		{"date=..2023-06", "date=..2023-06", false},
		{"reserves_mt>=100", "reserves_mt>=100", false},
		{"depth<2.5", "depth<2.5", false},
		{"kind", "want FIELD=VALUE", true},
		{"kind=", "want FIELD=VALUE", true},
		{"depth>=deep", `"deep" is not a number`, true},
		{"date=yesterday", `"yesterday" is not a date`, true},
		{"date=..", "needs at least one end", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			c, err := Parse(tt.in)
			switch {
			case tt.err && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("error %v, want one saying %q", err, tt.want)
			case !tt.err && err != nil:
				t.Errorf("error %v", err)
			case !tt.err && c.String() != tt.want:
				t.Errorf("read as %q, want %q", c.String(), tt.want)
			}
		})
	}
}
