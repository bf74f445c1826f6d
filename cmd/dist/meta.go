package main

import (
	"fmt"
	"os"
	"os/exec"
	"strings"

	"github.com/BurntSushi/toml"
)

// Meta is the application's identity, read from FyneApp.toml.
type Meta struct {
	Name    string
	ID      string
	Version string
	Build   int
	Icon    string
}

// Fixed texts of the packages.
const (
	summary     = "Desktop map explorer of mineral deposits, refineries and factories"
	description = "Lodemap shows deposits and mines, refineries and processing plants, and automaker plants as map layers over an offline world basemap. Click a site to read its facts and the news excerpts that mention it, and export print-ready PNG, SVG and PDF maps."
	homepage    = "https://github.com/lodemap/lodemap"
	maintainer  = "Lodemap developers <dev@lodemap.io>"
	licence     = "MIT"
)

func readMeta(path string) (Meta, error) {
	var f struct {
		Details struct {
			Icon    string
			Name    string
			ID      string
			Version string
			Build   int
		}
	}
	if _, err := toml.DecodeFile(path, &f); err != nil {
		return Meta{}, fmt.Errorf("dist: %s: %w (run from the repository's top folder)", path, err)
	}
	d := f.Details
	if d.Name == "" || d.ID == "" || d.Version == "" || d.Icon == "" {
		return Meta{}, fmt.Errorf("dist: %s: Name, ID, Version and Icon must be set", path)
	}
	return Meta{Name: d.Name, ID: d.ID, Version: d.Version, Build: max(1, d.Build), Icon: d.Icon}, nil
}

// Exe is the program's file name.
func (m Meta) Exe() string { return strings.ToLower(m.Name) }

func trimV(v string) string { return strings.TrimPrefix(v, "v") }

// goBuild builds cmd/lodemap with the version stamped in. Only the link
// flags (and, for targets whose toolchain has no libproj, the noproj tag:
// see geo/crs) differ from a plain `go build`, so the compile cache is
// reused.
func goBuild(m Meta, out string, env []string, ldflags string, tags ...string) error {
	flags := "-s -w -X main.version=" + m.Version
	if ldflags != "" {
		flags += " " + ldflags
	}
	args := []string{"build", "-ldflags", flags}
	if len(tags) > 0 {
		args = append(args, "-tags", strings.Join(tags, ","))
	}
	return runCmd(env, "go", append(args, "-o", out, "./cmd/lodemap")...)
}

func runCmd(env []string, name string, args ...string) error {
	c := exec.Command(name, args...)
	c.Env = append(os.Environ(), env...)
	c.Stdout, c.Stderr = os.Stderr, os.Stderr
	if err := c.Run(); err != nil {
		return fmt.Errorf("dist: %s %s: %w", name, strings.Join(args, " "), err)
	}
	return nil
}

// need checks that a tool is installed and says which Debian package has it.
func need(tool, pkg string) error {
	if _, err := exec.LookPath(tool); err != nil {
		return fmt.Errorf("dist: %s not found: install it (Debian: apt-get install %s)", tool, pkg)
	}
	return nil
}
