package data

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
)

// Problem is one thing wrong in a dataset, at a file and line.
type Problem struct {
	File string
	Line int // 0 when not known
	Msg  string
}

// String formats the problem as file:line: message.
func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Msg)
}

// Problems is a list of problems; as an error it lists them all.
type Problems []Problem

// Error joins the problems one per line.
func (ps Problems) Error() string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = p.String()
	}
	return strings.Join(s, "\n")
}

func (ps Problems) sorted() Problems {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].File != ps[j].File {
			return ps[i].File < ps[j].File
		}
		return ps[i].Line < ps[j].Line
	})
	return ps
}

// lines maps byte offsets of a file to 1-based line numbers.
type lines []int

func newLines(b []byte) lines {
	ls := lines{0}
	for i, c := range b {
		if c == '\n' {
			ls = append(ls, i+1)
		}
	}
	return ls
}

func (ls lines) at(off int) int {
	return sort.Search(len(ls), func(i int) bool { return ls[i] > off })
}

func joinPath(dir, name string) string {
	if dir == "" {
		return name
	}
	return filepath.Join(dir, name)
}

// Count says how many problems there are, in words: "1 problem",
// "13 problems".
func (ps Problems) Count() string {
	if len(ps) == 1 {
		return "1 problem"
	}
	return fmt.Sprintf("%d problems", len(ps))
}
