package main

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"text/template"
	"time"

	"github.com/goreleaser/nfpm/v2"
	_ "github.com/goreleaser/nfpm/v2/deb" // registers the deb packager
	"github.com/goreleaser/nfpm/v2/files"
	"golang.org/x/image/draw"
)

// iconSizes are the hicolor theme sizes installed.
var iconSizes = []int{16, 24, 32, 48, 64, 128, 256, 512}

// debDepends are the runtime libraries of a Fyne (GLFW, OpenGL, X11)
// program, and PROJ, which reprojects layers (geo/crs).
var debDepends = []string{"libc6", "libgl1", "libx11-6", "libxcursor1", "libxrandr2", "libxinerama1", "libxi6", "libxxf86vm1", "libproj25"}

// linux builds the binary, then the .deb and, with tarxz, fyne package's
// tar.xz.
func linux(m Meta, out string, tarxz bool) ([]string, error) {
	work, bin, err := buildInWork(m)
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)
	deb, err := buildDeb(m, bin, work, out)
	if err != nil {
		return nil, err
	}
	arts := []string{deb}
	if tarxz {
		t, err := fynePackageLinux(m, bin, out)
		if err != nil {
			return nil, err
		}
		arts = append(arts, t)
	}
	return arts, nil
}

// fynePackageLinux runs `fyne package` on the built binary and moves its
// tar.xz to out.
func fynePackageLinux(m Meta, bin, out string) (string, error) {
	made, err := fynePackage(m, "linux", bin, ".tar.xz")
	if err != nil {
		return "", err
	}
	dst := filepath.Join(out, fmt.Sprintf("%s-%s-linux-%s.tar.xz", m.Exe(), m.Version, runtime.GOARCH))
	if err := os.Rename(made, dst); err != nil {
		return "", fmt.Errorf("dist: %w", err)
	}
	return dst, nil
}

// buildInWork builds the program for this machine into a new work folder,
// which the caller removes; tags are build tags (noproj for a package
// that cannot carry libproj).
func buildInWork(m Meta, tags ...string) (work, bin string, err error) {
	work, err = os.MkdirTemp("", "lodemap-dist-")
	if err != nil {
		return "", "", fmt.Errorf("dist: %w", err)
	}
	bin = filepath.Join(work, m.Exe())
	if err := goBuild(m, bin, nil, "", tags...); err != nil {
		os.RemoveAll(work)
		return "", "", err
	}
	return work, bin, nil
}

// fynePackage runs `fyne package` (pinned) for a target OS on a built
// binary and returns the path of what it made, NAME+suffix.
func fynePackage(m Meta, target, bin, suffix string) (string, error) {
	icon, err := filepath.Abs(m.Icon)
	if err != nil {
		return "", fmt.Errorf("dist: %w", err)
	}
	src, err := filepath.Abs("cmd/lodemap")
	if err != nil {
		return "", fmt.Errorf("dist: %w", err)
	}
	dir := filepath.Dir(bin)
	if err := runIn(dir, "go", "run", "fyne.io/tools/cmd/fyne@v1.7.4", "package", "-os", target, "--release",
		"--exe", bin, "--name", m.Name, "--app-id", m.ID, "--app-version", m.Version,
		"--app-build", fmt.Sprint(m.Build), "--icon", icon, "--src", src); err != nil {
		return "", err
	}
	// fyne package writes into the source folder or the folder it was
	// started in, depending on the target.
	for _, d := range []string{src, dir} {
		p := filepath.Join(d, m.Name+suffix)
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("dist: fyne package made no %s%s", m.Name, suffix)
}

// buildDeb packs the binary, desktop entry, icons, AppStream metainfo and
// copyright into a .deb with nfpm.
func buildDeb(m Meta, bin, work, out string) (string, error) {
	desktop := filepath.Join(work, m.ID+".desktop")
	metainfo := filepath.Join(work, m.ID+".metainfo.xml")
	copyright := filepath.Join(work, "copyright")
	if err := writeTemplate(desktop, desktopTmpl, m); err != nil {
		return "", err
	}
	if err := writeTemplate(metainfo, metainfoTmpl, m); err != nil {
		return "", err
	}
	lic, err := os.ReadFile("LICENSE")
	if err != nil {
		return "", fmt.Errorf("dist: %w", err)
	}
	atlas, err := os.ReadFile("assets/LICENSE.world-atlas")
	if err != nil {
		return "", fmt.Errorf("dist: %w", err)
	}
	if err := os.WriteFile(copyright, append(append(lic, "\n--- assets/LICENSE.world-atlas ---\n"...), atlas...), 0o644); err != nil {
		return "", fmt.Errorf("dist: %w", err)
	}
	contents := files.Contents{
		{Source: bin, Destination: "/usr/bin/" + m.Exe(), FileInfo: &files.ContentFileInfo{Mode: 0o755}},
		{Source: desktop, Destination: "/usr/share/applications/" + m.ID + ".desktop", FileInfo: &files.ContentFileInfo{Mode: 0o644}},
		{Source: metainfo, Destination: "/usr/share/metainfo/" + m.ID + ".metainfo.xml", FileInfo: &files.ContentFileInfo{Mode: 0o644}},
		{Source: copyright, Destination: "/usr/share/doc/" + m.Exe() + "/copyright", FileInfo: &files.ContentFileInfo{Mode: 0o644}},
	}
	icons, err := resizeIcon(m.Icon, work)
	if err != nil {
		return "", err
	}
	for i, p := range icons {
		s := iconSizes[i]
		contents = append(contents, &files.Content{Source: p,
			Destination: fmt.Sprintf("/usr/share/icons/hicolor/%dx%d/apps/%s.png", s, s, m.ID), FileInfo: &files.ContentFileInfo{Mode: 0o644}})
	}
	info := nfpm.WithDefaults(&nfpm.Info{
		Name: m.Exe(), Arch: runtime.GOARCH, Platform: "linux", Version: m.Version, Release: fmt.Sprint(m.Build),
		Section: "science", Priority: "optional", Maintainer: maintainer, Homepage: homepage, License: licence,
		Description:  summary + "\n" + wrap(description, 72),
		Overridables: nfpm.Overridables{Depends: debDepends, Contents: contents},
	})
	if err := nfpm.PrepareForPackager(info, "deb"); err != nil {
		return "", fmt.Errorf("dist: deb: %w", err)
	}
	pkg, err := nfpm.Get("deb")
	if err != nil {
		return "", fmt.Errorf("dist: deb: %w", err)
	}
	dst := filepath.Join(out, pkg.ConventionalFileName(info))
	var buf bytes.Buffer
	if err := pkg.Package(info, &buf); err != nil {
		return "", fmt.Errorf("dist: deb: %w", err)
	}
	return dst, writeAtomic(dst, buf.Bytes(), 0o644)
}

// resizeIcon writes the icon at every hicolor size.
func resizeIcon(src, work string) ([]string, error) {
	f, err := os.Open(src)
	if err != nil {
		return nil, fmt.Errorf("dist: %w", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("dist: %s: %w", src, err)
	}
	var out []string
	for _, s := range iconSizes {
		dst := image.NewNRGBA(image.Rect(0, 0, s, s))
		draw.CatmullRom.Scale(dst, dst.Bounds(), img, img.Bounds(), draw.Src, nil)
		var buf bytes.Buffer
		if err := png.Encode(&buf, dst); err != nil {
			return nil, fmt.Errorf("dist: %w", err)
		}
		p := filepath.Join(work, fmt.Sprintf("icon-%d.png", s))
		if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
			return nil, fmt.Errorf("dist: %w", err)
		}
		out = append(out, p)
	}
	return out, nil
}

// wrap breaks text into lines of at most n characters at spaces, as a
// Debian long description wants.
func wrap(text string, n int) string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && len(line)+1+len(w) > n {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return strings.Join(append(lines, line), "\n")
}

func writeTemplate(path, text string, m Meta) error {
	t, err := template.New(filepath.Base(path)).Parse(text)
	if err != nil {
		return fmt.Errorf("dist: %w", err)
	}
	var buf bytes.Buffer
	data := struct {
		Meta
		Exe, Summary, Description, Homepage, Licence, Date string
	}{m, m.Exe(), summary, description, homepage, licence, time.Now().UTC().Format("2006-01-02")}
	if err := t.Execute(&buf, data); err != nil {
		return fmt.Errorf("dist: %w", err)
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// writeAtomic writes a file through a temporary file and a rename.
func writeAtomic(path string, b []byte, mode os.FileMode) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, mode); err != nil {
		return fmt.Errorf("dist: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("dist: %w", err)
	}
	return nil
}

func runIn(dir, name string, args ...string) error {
	wd, err := os.Getwd()
	if err != nil {
		return fmt.Errorf("dist: %w", err)
	}
	if err := os.Chdir(dir); err != nil {
		return fmt.Errorf("dist: %w", err)
	}
	defer os.Chdir(wd)
	return runCmd(nil, name, args...)
}

const desktopTmpl = `[Desktop Entry]
Type=Application
Name={{.Name}}
GenericName=Map explorer
Comment={{.Summary}}
Exec={{.Exe}}
Icon={{.ID}}
Terminal=false
Categories=Education;Geography;
Keywords=map;mining;minerals;rare earths;GIS;refinery;
StartupNotify=true
`

var metainfoTmpl = strings.TrimSpace(`
<?xml version="1.0" encoding="UTF-8"?>
<component type="desktop-application">
  <id>{{.ID}}</id>
  <metadata_license>CC0-1.0</metadata_license>
  <project_license>{{.Licence}}</project_license>
  <name>{{.Name}}</name>
  <summary>Explore mineral deposits, refineries and factories</summary>
  <description>
    <p>{{.Description}}</p>
    <p>The built-in dataset follows Turkey's Beylikova rare-earth deposit, the refinery planned there, BYD's plant in Manisa and the rare-earth mines, refiners and magnet plants worldwide. Any folder of GeoJSON layers and Markdown articles can be opened instead.</p>
  </description>
  <launchable type="desktop-id">{{.ID}}.desktop</launchable>
  <url type="homepage">{{.Homepage}}</url>
  <developer id="io.lodemap">
    <name>Lodemap developers</name>
  </developer>
  <categories>
    <category>Education</category>
    <category>Science</category>
    <category>Geography</category>
  </categories>
  <provides>
    <binary>{{.Exe}}</binary>
  </provides>
  <content_rating type="oars-1.1"/>
  <releases>
    <release version="{{.Version}}" date="{{.Date}}"/>
  </releases>
</component>
`) + "\n"
