package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// darwin builds Lodemap.app with fyne package and a .dmg with hdiutil; it
// runs on macOS only (main checks).
func darwin(m Meta, out string) ([]string, error) {
	work, bin, err := buildInWork(m)
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)
	made, err := fynePackage(m, "darwin", bin, ".app")
	if err != nil {
		return nil, err
	}
	app := filepath.Join(out, m.Name+".app")
	os.RemoveAll(app)
	if err := os.Rename(made, app); err != nil {
		return nil, fmt.Errorf("dist: %w", err)
	}
	dmg := filepath.Join(out, fmt.Sprintf("%s-%s-macos-%s.dmg", m.Exe(), m.Version, runtime.GOARCH))
	os.Remove(dmg)
	if err := runCmd(nil, "hdiutil", "create", "-volname", m.Name, "-srcfolder", app, "-ov", "-format", "UDZO", dmg); err != nil {
		return nil, err
	}
	return []string{app, dmg}, nil
}
