package data

import "testing"

func TestCheckLink(t *testing.T) {
	tests := []struct {
		raw string
		ok  bool
	}{
		{"https://www.reuters.com/a/b", true},
		{"http://example.org", true},
		{"  https://example.org/x?y=1  ", true},
		{"mailto:press@example.org", true},
		{"HTTPS://EXAMPLE.ORG", true},
		{"javascript:alert(1)", false},
		{"JavaScript:alert(1)", false},
		{"file:///etc/passwd", false},
		{"data:text/html,<b>x</b>", false},
		{"lodemap://open", false},
		{"/relative/path", false},
		{"www.example.org", false},
		{"https://", false},
		{"mailto:", false},
		{"http://[::1", false},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			u, err := CheckLink(tt.raw)
			if (err == nil) != tt.ok {
				t.Fatalf("CheckLink(%q) = %v, %v; want ok %v", tt.raw, u, err, tt.ok)
			}
		})
	}
}

func TestLinkOf(t *testing.T) {
	tests := []struct{ value, want string }{
		{"https://www.reuters.com/a/b", "https://www.reuters.com/a/b"},
		{" http://example.org/x?y=1 ", "http://example.org/x?y=1"},
		{"10.1016/j.oregeorev.2020.103745", "https://doi.org/10.1016/j.oregeorev.2020.103745"},
		{"doi:10.3133/ofr20041049", "https://doi.org/10.3133/ofr20041049"},
		{"DOI: 10.3133/ofr20041049", "https://doi.org/10.3133/ofr20041049"},
		{"10.1002/(SICI)1097-4571#x", "https://doi.org/10.1002/%28SICI%291097-4571%23x"},
		{"https://doi.org/10.3133/ofr20041049", "https://doi.org/10.3133/ofr20041049"},
		{"mailto:press@example.org", ""},
		{"javascript:alert(1)", ""},
		{"www.example.org", ""},
		{"see https://example.org", ""},
		{"10.5 km", ""},
		{"10.12/ab cd", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			if got := LinkOf(tt.value); got != tt.want {
				t.Errorf("LinkOf(%q) = %q, want %q", tt.value, got, tt.want)
			}
		})
	}
}
