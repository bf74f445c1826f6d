package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/lodemap/lodemap/data"
)

// runValidate loads a dataset (the embedded one without DIR), or one layer
// file, and prints its summary, or each of its problems as file:line:
// message. A file is held to its format alone (RFC 7946 for GeoJSON);
// the site schema applies in a dataset.
func runValidate(args []string, stdout io.Writer) error {
	fs := newFlagSet("validate")
	pos, err := parseAll(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usagef("validate", "validate takes one dataset folder or layer file, not %d", len(pos))
	}
	dir := ""
	if len(pos) == 1 {
		dir = pos[0]
		if st, err := os.Stat(dir); err == nil && !st.IsDir() {
			return validateFile(dir, stdout)
		}
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

// validateFile checks one layer file: its problems, or its layers'
// feature counts by geometry type.
func validateFile(path string, stdout io.Writer) error {
	infos, probs, err := data.Info(context.Background(), path)
	if err != nil {
		return err
	}
	if len(probs) > 0 {
		for _, p := range probs {
			fmt.Fprintln(stdout, p)
		}
		return fmt.Errorf("%s in %s", probs.Count(), path)
	}
	for _, in := range infos {
		var types []string
		for _, tc := range in.Types {
			types = append(types, fmt.Sprintf("%d %s", tc.Count, tc.Type))
		}
		fmt.Fprintf(stdout, "%s: %s, %d features: %s\n", path, in.Title, in.Features, strings.Join(types, ", "))
	}
	return nil
}
