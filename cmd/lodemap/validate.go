package main

import (
	"fmt"
	"io"

	"github.com/lodemap/lodemap/data"
)

func runValidate(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("validate", stderr)
	pos, err := parseAll(fs, args)
	if err != nil || len(pos) > 1 {
		fmt.Fprint(stderr, usage)
		return 1
	}
	dir := ""
	if len(pos) == 1 {
		dir = pos[0]
	}
	cat, err := loadCatalog(dir)
	if err != nil {
		fmt.Fprintln(stderr, "lodemap:", err)
		return 1
	}
	if len(cat.Problems) > 0 {
		for _, p := range cat.Problems {
			fmt.Fprintln(stdout, p)
		}
		fmt.Fprintf(stderr, "%d problems\n", len(cat.Problems))
		return 1
	}
	fmt.Fprint(stdout, cat.Summary())
	return 0
}

func runExcerpts(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("excerpts", stderr)
	asJSON := fs.Bool("json", false, "print JSON")
	dir := fs.String("data", "", "dataset folder (default: the embedded dataset)")
	pos, err := parseAll(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("excerpts needs one feature id\n%s", usage)
	}
	cat, err := loadCatalog(*dir)
	if err != nil {
		return err
	}
	return data.WriteExcerpts(stdout, cat, pos[0], *asJSON)
}
