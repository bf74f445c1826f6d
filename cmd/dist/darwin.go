package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// darwin builds Lodemap.app with fyne package and a .dmg with hdiutil; it
// runs on macOS only (main checks). The app is built without PROJ (the
// noproj tag): it does not carry libproj yet, so it reads layers in
// WGS 84 and says of others that they must be converted.
func darwin(m Meta, out string) ([]string, error) {
	work, bin, err := buildInWork(m, "noproj")
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
