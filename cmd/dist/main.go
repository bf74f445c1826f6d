// Command dist builds Lodemap's installers, one command per platform:
//
//	go run ./cmd/dist linux     # fyne package tar.xz and a .deb (nfpm)
//	go run ./cmd/dist deb       # the .deb alone
//	go run ./cmd/dist windows   # lodemap.exe and an NSIS installer (mingw-w64 cross build)
//	go run ./cmd/dist darwin    # Lodemap.app and a .dmg, on macOS only
//
// Artifacts go to dist/ (-out). The version comes from FyneApp.toml unless
// -version is given (a release tag such as v1.2.3).
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"
)

const usage = `usage: go run ./cmd/dist [-version V] [-out DIR] linux|deb|windows|darwin`

func main() {
	version := flag.String("version", "", "version to stamp (default: FyneApp.toml's)")
	out := flag.String("out", filepath.Join("cmd", "dist", "out"), "output folder")
	flag.Usage = func() { fmt.Fprintln(os.Stderr, usage) }
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *version, *out); err != nil {
		fmt.Fprintln(os.Stderr, "dist:", err)
		os.Exit(1)
	}
}

func run(target, version, out string) error {
	meta, err := readMeta("FyneApp.toml")
	if err != nil {
		return err
	}
	if version != "" {
		meta.Version = trimV(version)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("dist: %w", err)
	}
	out, err = filepath.Abs(out)
	if err != nil {
		return fmt.Errorf("dist: %w", err)
	}
	start := time.Now()
	var arts []string
	switch target {
	case "linux":
		arts, err = linux(meta, out, true)
	case "deb":
		arts, err = linux(meta, out, false)
	case "windows":
		arts, err = windows(meta, out)
	case "darwin":
		if runtime.GOOS != "darwin" {
			return fmt.Errorf("darwin packages must be built on macOS: the .app needs Apple's clang and SDK, which do not exist for %s. Run `go run ./cmd/dist darwin` on a Mac, or push a version tag and let the release workflow's macOS runner build it", runtime.GOOS)
		}
		arts, err = darwin(meta, out)
	default:
		return fmt.Errorf("unknown target %q\n%s", target, usage)
	}
	if err != nil {
		return err
	}
	for _, a := range arts {
		st, err := os.Stat(a)
		if err != nil {
			return fmt.Errorf("dist: %w", err)
		}
		if st.IsDir() {
			fmt.Printf("%-60s   folder\n", a)
			continue
		}
		fmt.Printf("%-60s %8.1f MB\n", a, float64(st.Size())/1e6)
	}
	fmt.Printf("%s built in %s\n", target, time.Since(start).Round(time.Second))
	return nil
}
