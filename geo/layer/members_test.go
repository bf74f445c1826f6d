package layer

import (
	"strings"
	"testing"
)

func TestMembers(t *testing.T) {
	tests := []struct {
		name, in string
		keys     []string
		err      bool
	}{
		{"in order", `{"b":1,"a":{"x":[1,2]},"c":null}`, []string{"b", "a", "c"}, false},
		{"empty", `{}`, nil, false},
		{"not an object", `[1,2]`, nil, true},
		{"broken off", `{"a":1,"b":`, []string{"a"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Members([]byte(tt.in))
			var keys []string
			for _, f := range m {
				keys = append(keys, f.Key)
			}
			if strings.Join(keys, ",") != strings.Join(tt.keys, ",") || (err != nil) != tt.err {
				t.Errorf("keys %q, error %v; want %q, error %v", keys, err, tt.keys, tt.err)
			}
		})
	}
	if m, _ := Members([]byte(`{"a":{"x":[1,2]}}`)); string(m[0].Raw) != `{"x":[1,2]}` {
		t.Errorf("raw value %s", m[0].Raw)
	}
}
