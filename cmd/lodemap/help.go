package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// command is one line of the help: how a command is called and what it does.
type command struct {
	name, args, does string
}

// commands are the subcommands, the map window ("") first.
var commands = []command{
	{"", "[flags]", "open the map window"},
	{"validate", "[DIR|FILE]", "check a dataset, or one layer file of any format, and list its problems by file and line"},
	{"info", "FILE", "describe a layer file: its layers' format, coordinate system, extent, geometry types and fields"},
	{"search", "[flags] TEXT", "find sites and articles by name, id, kind, attribute, title or quote, as the window's search box does"},
	{"excerpts", "[flags] ID", "print a site and what the articles say about it"},
	{"export", "[flags] OUT.png|OUT.svg|OUT.pdf|OUT.kml|OUT.kmz", "export the map to a picture or a PDF, or its shown layers to KML for Google Earth"},
	{"tiles pack", "--url TEMPLATE --bbox W,S,E,N --zoom MIN-MAX OUT.mbtiles", "make an offline tile package for field work, from a tile server that allows bulk downloads"},
	{"version", "", "print the version"},
	{"help", "", "print this help"},
}

// synopsis is how the command name is called, such as
// "lodemap validate [DIR]".
func synopsis(name string) string {
	for _, c := range commands {
		if c.name == name {
			return join("lodemap", c.name, c.args)
		}
	}
	return "lodemap " + name
}

// join joins the words that are not empty with spaces.
func join(words ...string) string {
	return strings.Join(strings.Fields(strings.Join(words, " ")), " ")
}

// printHelp writes the list of commands, one line each, and the flags of
// the map window.
func printHelp(w io.Writer) {
	fmt.Fprintln(w, "Lodemap is a map explorer of mineral deposits, refineries and factories.")
	fmt.Fprintln(w, "\nUsage:")
	tw := tabwriter.NewWriter(w, 0, 0, 3, ' ', 0)
	for _, c := range commands {
		fmt.Fprintf(tw, "  %s\t%s\n", join("lodemap", c.name, c.args), c.does)
	}
	tw.Flush()
	fmt.Fprintln(w, "\nRun \"lodemap COMMAND -h\" for the flags of a command.")
	fmt.Fprintln(w, "\nFlags of the map window:")
	fs, _, _ := guiFlags()
	fs.SetOutput(w)
	fs.PrintDefaults()
}

// helpRequest is what parsing flags returns for -h or --help: the flags of
// the command whose help was asked for.
type helpRequest struct {
	fs *flag.FlagSet
}

func (h *helpRequest) Error() string { return "help requested" }
func (h *helpRequest) Unwrap() error { return flag.ErrHelp }

// print writes the command's synopsis and its flags.
func (h *helpRequest) print(w io.Writer) {
	if h.fs.Name() == "" {
		printHelp(w)
		return
	}
	fmt.Fprintln(w, "Usage:", synopsis(h.fs.Name()))
	n := 0
	h.fs.VisitAll(func(*flag.Flag) { n++ })
	if n > 0 {
		fmt.Fprintln(w, "\nFlags:")
		h.fs.SetOutput(w)
		h.fs.PrintDefaults()
	}
}

// usageError is a command called the wrong way: unknown flags, missing or
// extra arguments.
type usageError struct {
	cmd string
	err error
}

func (u *usageError) Error() string { return u.err.Error() }
func (u *usageError) Unwrap() error { return u.err }

// hint is the line printed after a usage error.
func (u *usageError) hint() string {
	if u.cmd == "" || u.cmd == "help" {
		return `Run "lodemap help" for the commands and their flags.`
	}
	use := synopsis(u.cmd)
	if strings.Contains(use, "[flags]") {
		return fmt.Sprintf("Usage: %s\nRun \"lodemap %s -h\" for its flags.", use, u.cmd)
	}
	return "Usage: " + use
}

// usagef returns a usageError of the command cmd.
func usagef(cmd, format string, args ...any) error {
	return &usageError{cmd: cmd, err: fmt.Errorf(format, args...)}
}

// report writes what run prints for an error and returns the exit code:
// 0 after help asked for, 1 otherwise.
func report(err error, stdout, stderr io.Writer) int {
	var h *helpRequest
	if errors.As(err, &h) {
		h.print(stdout)
		return 0
	}
	fmt.Fprintln(stderr, "lodemap:", err)
	var u *usageError
	if errors.As(err, &u) {
		fmt.Fprintln(stderr, u.hint())
	}
	return 1
}
