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
