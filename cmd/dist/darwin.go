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
	work, err := os.MkdirTemp("", "lodemap-dist-")
	if err != nil {
		return nil, fmt.Errorf("dist: %w", err)
	}
	defer os.RemoveAll(work)
	bin := filepath.Join(work, m.Exe())
	if err := goBuild(m, bin, nil, ""); err != nil {
		return nil, err
	}
	icon, err := filepath.Abs(m.Icon)
	if err != nil {
		return nil, fmt.Errorf("dist: %w", err)
	}
	src, err := filepath.Abs("cmd/lodemap")
	if err != nil {
		return nil, fmt.Errorf("dist: %w", err)
	}
	if err := runIn(work, "go", "run", "fyne.io/tools/cmd/fyne@v1.7.4", "package", "-os", "darwin", "--release",
		"--exe", bin, "--name", m.Name, "--app-id", m.ID, "--app-version", m.Version,
		"--app-build", fmt.Sprint(m.Build), "--icon", icon, "--src", src); err != nil {
		return nil, err
	}
	app := filepath.Join(out, m.Name+".app")
	os.RemoveAll(app)
	for _, dir := range []string{src, work} {
		if err := os.Rename(filepath.Join(dir, m.Name+".app"), app); err == nil {
			break
		}
	}
	if _, err := os.Stat(app); err != nil {
		return nil, fmt.Errorf("dist: fyne package made no %s.app: %w", m.Name, err)
	}
	dmg := filepath.Join(out, fmt.Sprintf("%s-%s-macos-%s.dmg", m.Exe(), m.Version, runtime.GOARCH))
	os.Remove(dmg)
	if err := runCmd(nil, "hdiutil", "create", "-volname", m.Name, "-srcfolder", app, "-ov", "-format", "UDZO", dmg); err != nil {
		return nil, err
	}
	return []string{app, dmg}, nil
}
