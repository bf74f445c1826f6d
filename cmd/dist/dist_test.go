package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// toRepoRoot runs the test from the repository's top folder, where dist runs.
func toRepoRoot(t *testing.T) {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(filepath.Join(wd, "..", "..")); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chdir(wd) })
}

func requireTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("CI must provide %s", tool)
			}
			t.Skipf("needs %s", tool)
		}
	}
}

func output(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// TestDeb builds the .deb and checks it as a user's system would.
func TestDeb(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program")
	}
	requireTools(t, "dpkg-deb", "desktop-file-validate", "appstreamcli")
	toRepoRoot(t)
	m, err := readMeta("FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	arts, err := linux(m, out, false)
	if err != nil {
		t.Fatal(err)
	}
	deb := arts[0]
	if filepath.Base(deb) != "lodemap_"+m.Version+"-1_"+runtime.GOARCH+".deb" {
		t.Errorf("deb named %s", deb)
	}
	info := output(t, "dpkg-deb", "--info", deb)
	for _, want := range []string{"Package: lodemap", "Version: " + m.Version, "Depends: libc6, libgl1, libx11-6, libxcursor1, libxrandr2, libxinerama1, libxi6, libxxf86vm1, libproj25"} {
		if !strings.Contains(info, want) {
			t.Errorf("dpkg-deb --info lacks %q:\n%s", want, info)
		}
	}
	contents := output(t, "dpkg-deb", "--contents", deb)
	for _, want := range []string{"./usr/bin/lodemap", "./usr/share/applications/io.lodemap.lodemap.desktop",
		"./usr/share/icons/hicolor/16x16/apps/io.lodemap.lodemap.png", "./usr/share/icons/hicolor/512x512/apps/io.lodemap.lodemap.png",
		"./usr/share/metainfo/io.lodemap.lodemap.metainfo.xml", "./usr/share/doc/lodemap/copyright"} {
		if !strings.Contains(contents, want) {
			t.Errorf("dpkg-deb --contents lacks %s", want)
		}
	}
	root := t.TempDir()
	output(t, "dpkg-deb", "-x", deb, root)
	if out := output(t, "desktop-file-validate", filepath.Join(root, "usr/share/applications/io.lodemap.lodemap.desktop")); strings.Contains(out, "error") {
		t.Errorf("desktop-file-validate: %s", out)
	}
	output(t, "appstreamcli", "validate", "--no-net", filepath.Join(root, "usr/share/metainfo/io.lodemap.lodemap.metainfo.xml"))
	bin := filepath.Join(root, "usr/bin/lodemap")
	if v := output(t, bin, "version"); !strings.Contains(v, "lodemap "+m.Version) {
		t.Errorf("packaged lodemap version: %s", v)
	}
	if v := output(t, bin, "validate"); !strings.Contains(v, "28 features") {
		t.Errorf("packaged lodemap validate: %s", v)
	}
}

// TestWindows cross-builds the program and the installer. It takes about
// ten minutes on a cold cache, so it runs only with LODEMAP_DIST_WINDOWS=1
// (make dist-windows-check).
func TestWindows(t *testing.T) {
	if os.Getenv("LODEMAP_DIST_WINDOWS") == "" {
		t.Skip("set LODEMAP_DIST_WINDOWS=1 (make dist-windows-check) to cross-build for Windows")
	}
	requireTools(t, "x86_64-w64-mingw32-gcc", "makensis", "file")
	toRepoRoot(t)
	m, err := readMeta("FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	arts, err := windows(m, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range arts {
		if f := output(t, "file", a); !strings.Contains(f, "PE32+ executable") || !strings.Contains(f, "x86-64") {
			t.Errorf("%s", f)
		}
	}
	if _, err := os.Stat(filepath.Join("cmd", "lodemap", "zz_resources_windows_amd64.syso")); err == nil {
		t.Error("the resource object was left in cmd/lodemap")
	}
}

func TestDarwinOffMacSaysWhy(t *testing.T) {
	if runtime.GOOS == "darwin" {
		t.Skip("on macOS the darwin target builds")
	}
	toRepoRoot(t)
	if err := run("darwin", "", t.TempDir()); err == nil || !strings.Contains(err.Error(), "must be built on macOS") {
		t.Errorf("err = %v", err)
	}
}

func TestMetaAndVersions(t *testing.T) {
	toRepoRoot(t)
	m, err := readMeta("FyneApp.toml")
	if err != nil || m.Name != "Lodemap" || m.ID != "io.lodemap.lodemap" || m.Exe() != "lodemap" {
		t.Fatalf("meta %+v, %v", m, err)
	}
	tests := []struct {
		v     string
		build int
		want  string
	}{{"1.2.3", 4, "1.2.3.4"}, {"0.1.0-rc1", 1, "0.1.0.1"}, {"2", 7, "2.0.0.7"}}
	for _, tt := range tests {
		if got := version4(tt.v, tt.build); got != tt.want {
			t.Errorf("version4(%q, %d) = %s, want %s", tt.v, tt.build, got, tt.want)
		}
	}
	if got := trimV("v1.0.0"); got != "1.0.0" {
		t.Errorf("trimV = %s", got)
	}
	if got := wrap("aa bb cc dd", 5); got != "aa bb\ncc dd" {
		t.Errorf("wrap = %q", got)
	}
	if _, err := readMeta("no-such.toml"); err == nil {
		t.Error("no error for a missing FyneApp.toml")
	}
}
