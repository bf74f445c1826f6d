package main

import (
	"fmt"
	"io"

	"github.com/lodemap/lodemap/data"
)

// runValidate loads a dataset (the embedded one without DIR) and prints its
// summary, or each of its problems as file:line: message.
func runValidate(args []string, stdout io.Writer) error {
	fs := newFlagSet("validate")
	pos, err := parseAll(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usagef("validate", "validate takes one dataset folder, not %d", len(pos))
	}
	dir := ""
	if len(pos) == 1 {
		dir = pos[0]
	}
	cat, err := loadCatalog(dir)
	if err != nil {
		return err
	}
	if len(cat.Problems) > 0 {
		for _, p := range cat.Problems {
			fmt.Fprintln(stdout, p)
		}
		return fmt.Errorf("%s in %s", cat.Problems.Count(), cat.Name)
	}
	fmt.Fprint(stdout, cat.Summary())
	return nil
}

// runExcerpts prints a feature and the excerpts that mention it.
func runExcerpts(args []string, stdout io.Writer) error {
	fs := newFlagSet("excerpts")
	asJSON := fs.Bool("json", false, "print JSON")
	dir := fs.String("data", "", "dataset folder (default: the embedded dataset)")
	pos, err := parseAll(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("excerpts", "excerpts needs one feature id")
	}
	cat, err := loadCatalog(*dir)
	if err != nil {
		return err
	}
	return data.WriteExcerpts(stdout, cat, pos[0], *asJSON)
}
