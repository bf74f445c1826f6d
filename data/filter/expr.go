// Package filter narrows what the map shows: conditions on a feature's
// layer, kind, status, country, operator, commodity, dates or any
// attribute, as the filter panel sets them and `lodemap export --filter`
// takes them ("kind=refinery", "status=planned,announced", "country=TR",
// "commodity=REE", "date=2022-01-01..2024-12-31", "ATTR=VALUE",
// "ATTR>=N"). A filter keeps the features that meet every condition, a
// condition being met by any of its values; it is evaluated into a
// layer.Mask per layer, the field of render.Input that the map, the
// exports and hit testing read.
package filter

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Cond is one condition of a filter.
type Cond struct {
	// Field is "layer", "kind", "status", "country", "operator",
	// "commodity", "date", or the name of an attribute.
	Field string
	// Op is "=" (any of Values), "..", (a date range From..To, either
	// end open), or a comparison of a number: ">=", "<=", ">", "<".
	Op       string
	Values   []string
	Num      float64
	From, To string
}

// Filter is the conditions a feature must all meet to be shown.
type Filter []Cond

var (
	condRE = regexp.MustCompile(`^\s*([^=<>!]+?)\s*(>=|<=|=|>|<)\s*(.*?)\s*$`)
	dateRE = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)
)

// CheckDate says what is wrong with a date, if anything: dates are
// 2024, 2024-09 or 2024-09-04.
func CheckDate(d string) error {
	if !dateRE.MatchString(d) || DateText(d) == d && len(d) > 4 {
		return fmt.Errorf("%q is not a date (want 2024, 2024-09 or 2024-09-04)", d)
	}
	return nil
}

// Parse reads one condition: FIELD=V1,V2 (any of the values),
// date=FROM..TO (dates as 2024, 2024-09 or 2024-09-04; either end may be
// left out), or FIELD>=N, <=, >, < for numbers.
func Parse(expr string) (Cond, error) {
	m := condRE.FindStringSubmatch(expr)
	if m == nil || m[3] == "" {
		return Cond{}, fmt.Errorf("filter %q: want FIELD=VALUE[,VALUE...], date=FROM..TO or FIELD>=NUMBER", expr)
	}
	c := Cond{Field: strings.ToLower(m[1]), Op: m[2]}
	switch {
	case c.Op != "=":
		n, err := strconv.ParseFloat(m[3], 64)
		if err != nil {
			return Cond{}, fmt.Errorf("filter %q: %q is not a number", expr, m[3])
		}
		c.Num = n
	case c.Field == "date":
		from, to, ok := strings.Cut(m[3], "..")
		if !ok {
			from, to = m[3], m[3]
		}
		from, to = strings.TrimSpace(from), strings.TrimSpace(to)
		for _, d := range []string{from, to} {
			if d != "" && !dateRE.MatchString(d) {
				return Cond{}, fmt.Errorf("filter %q: %q is not a date (want 2024, 2024-09 or 2024-09-04)", expr, d)
			}
		}
		if from == "" && to == "" {
			return Cond{}, fmt.Errorf("filter %q: a date range needs at least one end", expr)
		}
		c.Op, c.From, c.To = "..", from, to
	default:
		for _, v := range strings.Split(m[3], ",") {
			if v = strings.TrimSpace(v); v != "" {
				c.Values = append(c.Values, v)
			}
		}
	}
	return c, nil
}

// String is the condition as Parse reads it, and as its chip shows it.
func (c Cond) String() string {
	switch c.Op {
	case "=":
		return c.Field + "=" + strings.Join(c.Values, ",")
	case "..":
		if c.From == c.To {
			return c.Field + "=" + c.From
		}
		return c.Field + "=" + c.From + ".." + c.To
	}
	return c.Field + c.Op + strconv.FormatFloat(c.Num, 'g', -1, 64)
}
