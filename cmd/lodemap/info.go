package main

import (
	"context"
	"fmt"
	"io"

	"github.com/lodemap/lodemap/data"
)

// runInfo prints, for each layer of a file, its format, coordinate
// system, extent, features by geometry type and fields.
func runInfo(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("info")
	pos, err := parseAll(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("info", "info needs one layer file")
	}
	infos, probs, err := data.Info(context.Background(), pos[0])
	if err != nil {
		return err
	}
	for k, in := range infos {
		if k > 0 {
			fmt.Fprintln(stdout)
		}
		fmt.Fprint(stdout, in)
	}
	if len(probs) > 0 {
		fmt.Fprintf(stderr, "%s in %s; \"lodemap validate %s\" lists them\n", probs.Count(), pos[0], pos[0])
	}
	return nil
}
