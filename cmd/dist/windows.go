package main

import (
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/fyne-io/image/ico"
	"github.com/josephspurrier/goversioninfo"
	"golang.org/x/image/draw"
)

// Signing is done when these are set: a PKCS#12 certificate file and its
// password; a timestamp server URL is optional.
const (
	envSignCert      = "LODEMAP_SIGN_CERT"
	envSignPass      = "LODEMAP_SIGN_PASS"
	envSignTimestamp = "LODEMAP_SIGN_TIMESTAMP"
)

// windows cross-builds lodemap.exe with mingw-w64, embedding the icon,
// version information and manifest, and wraps it in an NSIS installer.
func windows(m Meta, out string) ([]string, error) {
	for tool, pkg := range map[string]string{"x86_64-w64-mingw32-gcc": "gcc-mingw-w64-x86-64", "makensis": "nsis"} {
		if err := need(tool, pkg); err != nil {
			return nil, err
		}
	}
	work, err := os.MkdirTemp("", "lodemap-dist-")
	if err != nil {
		return nil, fmt.Errorf("dist: %w", err)
	}
	defer os.RemoveAll(work)
	icoPath := filepath.Join(work, "lodemap.ico")
	if err := writeICO(m.Icon, icoPath); err != nil {
		return nil, err
	}
	// The _windows_amd64 suffix keeps the resource out of every other build,
	// even if a failed run leaves it behind.
	syso := filepath.Join("cmd", "lodemap", "zz_resources_windows_amd64.syso")
	if err := writeSyso(m, icoPath, filepath.Join(work, "lodemap.exe.manifest"), syso); err != nil {
		return nil, err
	}
	defer os.Remove(syso)
	exe := filepath.Join(out, m.Exe()+".exe")
	env := []string{"CC=x86_64-w64-mingw32-gcc", "CGO_ENABLED=1", "GOOS=windows", "GOARCH=amd64"}
	if err := goBuild(m, exe, env, "-H=windowsgui", "noproj"); err != nil {
		return nil, err
	}
	signed, err := sign(exe)
	if err != nil {
		return nil, err
	}
	st, err := os.Stat(exe)
	if err != nil {
		return nil, fmt.Errorf("dist: %w", err)
	}
	nsi := filepath.Join(work, "installer.nsi")
	if err := os.WriteFile(nsi, []byte(nsisScript), 0o644); err != nil {
		return nil, fmt.Errorf("dist: %w", err)
	}
	setup := filepath.Join(out, fmt.Sprintf("%s-%s-windows-amd64-setup.exe", m.Exe(), m.Version))
	if err := runCmd(nil, "makensis", "-V2",
		"-DAPPNAME="+m.Name, "-DAPPID="+m.ID, "-DVERSION="+m.Version, "-DVERSION4="+version4(m.Version, m.Build),
		"-DEXE="+exe, "-DICON="+icoPath, "-DOUTFILE="+setup, "-DSIZEKB="+strconv.FormatInt(st.Size()/1024, 10), nsi); err != nil {
		return nil, err
	}
	if _, err := sign(setup); err != nil {
		return nil, err
	}
	if !signed {
		fmt.Fprintf(os.Stderr, "dist: the program and installer are NOT signed: set %s (a PKCS#12 file) and %s to sign them with osslsigncode\n", envSignCert, envSignPass)
	}
	return []string{exe, setup}, nil
}

// writeICO writes the icon as a 256x256 .ico.
func writeICO(src, dst string) error {
	f, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("dist: %w", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return fmt.Errorf("dist: %s: %w", src, err)
	}
	small := image.NewNRGBA(image.Rect(0, 0, 256, 256))
	draw.CatmullRom.Scale(small, small.Bounds(), img, img.Bounds(), draw.Src, nil)
	w, err := os.Create(dst)
	if err != nil {
		return fmt.Errorf("dist: %w", err)
	}
	if err := ico.Encode(w, small); err != nil {
		w.Close()
		return fmt.Errorf("dist: ico: %w", err)
	}
	return w.Close()
}

// writeSyso writes the Windows resources (icon, version info, manifest) as
// an object file that go build links in.
func writeSyso(m Meta, icoPath, manifest, dst string) error {
	if err := os.WriteFile(manifest, []byte(strings.ReplaceAll(windowsManifest, "{{NAME}}", m.Name)), 0o644); err != nil {
		return fmt.Errorf("dist: %w", err)
	}
	v := fileVersion(m.Version, m.Build)
	vi := &goversioninfo.VersionInfo{IconPath: icoPath, ManifestPath: manifest}
	vi.FixedFileInfo.FileVersion = v
	vi.FixedFileInfo.ProductVersion = v
	vi.StringFileInfo = goversioninfo.StringFileInfo{
		CompanyName: "Lodemap developers", FileDescription: m.Name + ": " + summary, FileVersion: version4(m.Version, m.Build),
		InternalName: m.Exe(), LegalCopyright: "MIT licence, the Lodemap authors", OriginalFilename: m.Exe() + ".exe",
		ProductName: m.Name, ProductVersion: version4(m.Version, m.Build),
	}
	vi.VarFileInfo.Translation = goversioninfo.Translation{LangID: goversioninfo.LngUSEnglish, CharsetID: goversioninfo.CsUnicode}
	vi.Build()
	vi.Walk()
	if err := vi.WriteSyso(dst, "amd64"); err != nil {
		return fmt.Errorf("dist: syso: %w", err)
	}
	return nil
}

func fileVersion(v string, build int) goversioninfo.FileVersion {
	var f goversioninfo.FileVersion
	parts := strings.SplitN(strings.SplitN(v, "-", 2)[0], ".", 3)
	for i, p := range parts {
		n, _ := strconv.Atoi(p)
		switch i {
		case 0:
			f.Major = n
		case 1:
			f.Minor = n
		case 2:
			f.Patch = n
		}
	}
	f.Build = build
	return f
}

func version4(v string, build int) string {
	f := fileVersion(v, build)
	return fmt.Sprintf("%d.%d.%d.%d", f.Major, f.Minor, f.Patch, f.Build)
}

// sign signs a Windows binary in place with osslsigncode when a certificate
// is given, and says whether it did.
func sign(path string) (bool, error) {
	cert, pass := os.Getenv(envSignCert), os.Getenv(envSignPass)
	if cert == "" {
		return false, nil
	}
	if err := need("osslsigncode", "osslsigncode"); err != nil {
		return false, err
	}
	args := []string{"sign", "-pkcs12", cert, "-pass", pass, "-n", "Lodemap", "-h", "sha256", "-in", path, "-out", path + ".signed"}
	if ts := os.Getenv(envSignTimestamp); ts != "" {
		args = append(args, "-ts", ts)
	}
	if err := runCmd(nil, "osslsigncode", args...); err != nil {
		return false, err
	}
	return true, os.Rename(path+".signed", path)
}

const windowsManifest = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<assembly xmlns="urn:schemas-microsoft-com:asm.v1" manifestVersion="1.0" xmlns:asmv3="urn:schemas-microsoft-com:asm.v3">
  <assemblyIdentity type="win32" name="{{NAME}}" version="1.0.0.0" processorArchitecture="*"/>
  <asmv3:application>
    <asmv3:windowsSettings>
      <dpiAware xmlns="http://schemas.microsoft.com/SMI/2005/WindowsSettings">true</dpiAware>
      <dpiAwareness xmlns="http://schemas.microsoft.com/SMI/2016/WindowsSettings">PerMonitorV2</dpiAwareness>
    </asmv3:windowsSettings>
  </asmv3:application>
  <trustInfo xmlns="urn:schemas-microsoft-com:asm.v3">
    <security><requestedPrivileges><requestedExecutionLevel level="asInvoker" uiAccess="false"/></requestedPrivileges></security>
  </trustInfo>
</assembly>
`

// nsisScript installs for the current user or for all users (the user
// chooses; /AllUsers or /CurrentUser on the command line), adds a Start-menu
// shortcut and registers the uninstaller in Apps & Features. Lodemap has no
// project files yet, so no file type is associated.
const nsisScript = `Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPID}"
!define MULTIUSER_EXECUTIONLEVEL Highest
!define MULTIUSER_MUI
!define MULTIUSER_INSTALLMODE_COMMANDLINE
!define MULTIUSER_INSTALLMODE_INSTDIR "${APPNAME}"
!define MULTIUSER_USE_PROGRAMFILES64
!include MultiUser.nsh
!include MUI2.nsh

Name "${APPNAME}"
OutFile "${OUTFILE}"
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_FINISHPAGE_RUN "$INSTDIR\lodemap.exe"

!insertmacro MULTIUSER_PAGE_INSTALLMODE
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

VIProductVersion "${VERSION4}"
VIAddVersionKey "ProductName" "${APPNAME}"
VIAddVersionKey "FileDescription" "${APPNAME} installer"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "CompanyName" "Lodemap developers"
VIAddVersionKey "LegalCopyright" "MIT licence, the Lodemap authors"

Function .onInit
  !insertmacro MULTIUSER_INIT
FunctionEnd

Function un.onInit
  !insertmacro MULTIUSER_UNINIT
FunctionEnd

Section "Lodemap"
  SetOutPath "$INSTDIR"
  File "/oname=lodemap.exe" "${EXE}"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\lodemap.exe"
  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINSTKEY}" "Publisher" "Lodemap developers"
  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\lodemap.exe"
  WriteRegStr SHCTX "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe" /$MultiUser.InstallMode'
  WriteRegStr SHCTX "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /$MultiUser.InstallMode /S'
  WriteRegDWORD SHCTX "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINSTKEY}" "NoRepair" 1
  WriteRegDWORD SHCTX "${UNINSTKEY}" "EstimatedSize" ${SIZEKB}
SectionEnd

Section "Uninstall"
  Delete "$INSTDIR\lodemap.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  DeleteRegKey SHCTX "${UNINSTKEY}"
SectionEnd
`
