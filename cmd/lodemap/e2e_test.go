package main

import (
	"bufio"
	"fmt"
	"image"
	"image/color"
	_ "image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/lodemap/lodemap/app"
	"github.com/lodemap/lodemap/geo/view"
)

// TestEndToEnd starts the built program in a real X window, clicks the
// Beylikova deposit with a real pointer event, and checks the selection in
// the trace and the details panel in a screenshot. It needs an X display
// (CI starts Xvfb) with xdotool and ImageMagick's import; without them it is
// skipped, except under CI, where that is a failure.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped with -short")
	}
	for _, tool := range []string{"xdotool", "import"} {
		if _, err := exec.LookPath(tool); err != nil || os.Getenv("DISPLAY") == "" {
			if os.Getenv("CI") != "" {
				t.Fatalf("CI must provide DISPLAY and %s", tool)
			}
			t.Skipf("needs DISPLAY and %s", tool)
		}
	}
	dir := t.TempDir()
	bin := buildProgram(t)
	trace := filepath.Join(dir, "trace.log")
	cmd := exec.Command(bin)
	// Preferences and caches of its own: what a user chose last (a basemap,
	// panels) must not change what the test sees.
	cmd.Env = append(os.Environ(), app.TraceEnv+"="+trace, "FYNE_SCALE=1", "LANG=en_US.UTF-8",
		"XDG_CONFIG_HOME="+filepath.Join(dir, "config"), "XDG_CACHE_HOME="+filepath.Join(dir, "cache"))
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })

	// Wait for the laid-out window's frames to settle: the same view for a
	// second (a slow machine may draw a frame or two of the window being
	// laid out first).
	var f frameLine
	var since time.Time
	waitFor(t, 60*time.Second, "a settled frame of the laid-out window", func() bool {
		last := f
		for _, l := range readLines(trace) {
			if fr, ok := parseFrame(l); ok && fr.w > 400 {
				last = fr
			}
		}
		if last != f {
			f, since = last, time.Now()
		}
		return f.w > 400 && time.Since(since) > time.Second
	})
	win := strings.TrimSpace(xdo(t, "search", "--sync", "--onlyvisible", "--name", "^Lodemap$"))
	win = strings.Fields(win)[0]
	var wx, wy, ww int
	for _, kv := range strings.Fields(xdo(t, "getwindowgeometry", "--shell", win)) {
		fmt.Sscanf(kv, "X=%d", &wx)
		fmt.Sscanf(kv, "Y=%d", &wy)
		fmt.Sscanf(kv, "WIDTH=%d", &ww)
	}
	v := view.New(f.center, f.zoom, f.w, f.h)
	px, py := v.ToPixel(orb.Point{31.35083, 39.61944}) // the Beylikova deposit
	sx, sy := wx+int((f.x+px)*f.scale), wy+int((f.y+py)*f.scale)
	// The details panel opens at the window's right once a site is picked.
	panel := image.Rect(wx+ww-int(280*f.scale), wy+int(f.y*f.scale), wx+ww-int(12*f.scale), wy+int((f.y+f.h*0.6)*f.scale))

	before := inkIn(t, screenshot(t, dir, "before.png"), panel)
	xdo(t, "mousemove", fmt.Sprint(sx), fmt.Sprint(sy))
	time.Sleep(300 * time.Millisecond)
	xdo(t, "click", "1")
	waitFor(t, 20*time.Second, "the selection in the trace", func() bool {
		for _, l := range readLines(trace) {
			if l == `select "tr-beylikova-ree-deposit"` {
				return true
			}
		}
		return false
	})
	var after int
	waitFor(t, 10*time.Second, "the details panel on screen", func() bool {
		after = inkIn(t, screenshot(t, dir, "after.png"), panel)
		return after > 3*before+500
	})
}

type frameLine struct {
	center                  orb.Point
	zoom, x, y, w, h, scale float64
}

func parseFrame(l string) (frameLine, bool) {
	var f frameLine
	n, _ := fmt.Sscanf(l, "frame center=%f,%f zoom=%f map=%f,%f,%f,%f scale=%f",
		&f.center[0], &f.center[1], &f.zoom, &f.x, &f.y, &f.w, &f.h, &f.scale)
	return f, n == 8
}

func readLines(path string) []string {
	fh, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer fh.Close()
	var out []string
	s := bufio.NewScanner(fh)
	for s.Scan() {
		out = append(out, s.Text())
	}
	return out
}

func waitFor(t *testing.T, d time.Duration, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func xdo(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command("xdotool", args...).Output()
	if err != nil {
		t.Fatalf("xdotool %v: %v", args, err)
	}
	return string(out)
}

func screenshot(t *testing.T, dir, name string) image.Image {
	t.Helper()
	p := filepath.Join(dir, name)
	if out, err := exec.Command("import", "-window", "root", p).CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	fh, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	img, _, err := image.Decode(fh)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// inkIn counts the pixels of r that differ clearly from its most common
// colour: text and widgets on the panel's background.
func inkIn(t *testing.T, img image.Image, r image.Rectangle) int {
	t.Helper()
	r = r.Intersect(img.Bounds())
	counts := map[color.RGBA]int{}
	rgba := func(x, y int) color.RGBA {
		c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
		return c
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			counts[rgba(x, y)]++
		}
	}
	var bg color.RGBA
	for c, n := range counts {
		if n > counts[bg] {
			bg = c
		}
	}
	ink := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := rgba(x, y)
			if absDiff(c.R, bg.R)+absDiff(c.G, bg.G)+absDiff(c.B, bg.B) > 60 {
				ink++
			}
		}
	}
	return ink
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}
