package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// buildProgram builds lodemap into a temporary folder and returns its path.
func buildProgram(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "lodemap")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// localeEnv is the environment without any locale variable, plus vars.
func localeEnv(vars ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if k != "LANG" && k != "LANGUAGE" && !strings.HasPrefix(k, "LC_") {
			env = append(env, kv)
		}
	}
	return append(env, vars...)
}

// TestCommandsWhateverTheLocale runs the built program, as a user does, with
// each command under each kind of locale setting: nothing may mention Fyne
// or the locale, and every output ends with a newline.
func TestCommandsWhateverTheLocale(t *testing.T) {
	bin := buildProgram(t)
	out := filepath.Join(t.TempDir(), "map.png")
	locales := []struct {
		name string
		vars []string
	}{
		{"unset", nil},
		{"C", []string{"LANG=C"}},
		{"POSIX", []string{"LANG=POSIX"}},
		{"C.UTF-8", []string{"LANG=C.UTF-8"}},
		{"LC_ALL C.UTF-8", []string{"LC_ALL=C.UTF-8", "LANG=en_US.UTF-8"}},
		{"en_US.UTF-8", []string{"LANG=en_US.UTF-8"}},
		{"tr_TR.UTF-8", []string{"LANG=tr_TR.UTF-8"}},
	}
	commands := [][]string{
		{"version"},
		{"help"},
		{"--help"},
		{"export", "-h"},
		{"validate"},
		{"validate", "../../data/testdata/broken"},
		{"excerpts", "tr-manisa-byd"},
		{"excerpts", "--json", "tr-manisa-byd"},
		{"excerpts", "nope"},
		{"export", "--size", "64x40", out},
		{"export"},
		{"frobnicate"},
	}
	for _, loc := range locales {
		for _, args := range commands {
			t.Run(loc.name+"/"+strings.Join(args, " "), func(t *testing.T) {
				cmd := exec.Command(bin, args...)
				cmd.Env = localeEnv(loc.vars...)
				var so, se bytes.Buffer
				cmd.Stdout, cmd.Stderr = &so, &se
				_ = cmd.Run() // some commands fail on purpose; their output is checked
				low := strings.ToLower(se.String())
				if strings.Contains(low, "fyne") || strings.Contains(low, "locale") {
					t.Errorf("stderr mentions Fyne or the locale:\n%s", se.String())
				}
				if so.Len()+se.Len() == 0 {
					t.Error("no output")
				}
				checkEndsWithNewline(t, "stdout", so.String())
				checkEndsWithNewline(t, "stderr", se.String())
			})
		}
	}
}

func checkEndsWithNewline(t *testing.T, name, s string) {
	t.Helper()
	if s != "" && !strings.HasSuffix(s, "\n") {
		t.Errorf("%s does not end with a newline: %q", name, s[max(0, len(s)-60):])
	}
}
