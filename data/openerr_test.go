package data

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOpenErrors checks that a file or folder that cannot be opened is
// said once, in words, and that the cause stays wrapped.
func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "sites.geojson")
	if err := os.WriteFile(file, []byte(`{"type":"FeatureCollection","features":[]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "nope.geojson")
	tests := []struct {
		name     string
		load     func() error
		want     string
		notExist bool
	}{
		{"a missing layer file", func() error { _, _, err := loadOne(context.Background(), missing, nil); return err },
			"cannot open " + missing + ": no such file", true},
		{"a folder as a layer file", func() error { _, _, err := loadOne(context.Background(), dir, nil); return err },
			"cannot open " + dir + ": it is a folder, not a file", false},
		{"a missing dataset folder", func() error { _, err := LoadDir(context.Background(), missing); return err },
			"cannot open " + missing + ": no such folder", true},
		{"a file as a dataset folder", func() error { _, err := LoadDir(context.Background(), file); return err },
			"cannot open " + file + ": it is a file, not a dataset folder", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.load()
			if err == nil || err.Error() != tt.want {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			if errors.Is(err, fs.ErrNotExist) != tt.notExist {
				t.Errorf("errors.Is(err, fs.ErrNotExist) = %v", !tt.notExist)
			}
			if strings.Count(err.Error(), "nope") > 1 || strings.Contains(err.Error(), "stat") {
				t.Errorf("the message repeats the name or speaks Go: %q", err)
			}
		})
	}
}
