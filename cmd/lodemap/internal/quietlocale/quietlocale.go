// Package quietlocale keeps Fyne from logging about the locale while the
// program starts.
//
// Fyne's lang package reads the user's locale from LC_ALL, LC_MESSAGES or
// LANG when it is initialised, before main runs, and logs "Error parsing
// user locale C" for a value such as C.UTF-8. Every command of the program
// printed that, the ones that never open a window too. This package's init
// runs first and sets such a value to plain "C", which Fyne reads quietly as
// "no locale"; Restore puts the user's value back once the program runs.
//
// It must import nothing but syscall. Go initialises a package once its
// imports are, choosing among the ready ones by import path, so a package
// that needs only syscall is initialised before os, and so before every
// package that reads the environment through os, Fyne's lang among them.
package quietlocale

import "syscall"

// changed is the variable set to "C" at start, and the user's value of it.
var changed struct{ key, value string }

func init() {
	key, value := localeVar()
	if key != "" && isPlainC(value) && value != "C" && value != "POSIX" {
		if syscall.Setenv(key, "C") == nil {
			changed.key, changed.value = key, value
		}
	}
}

// Restore gives back the user's value of the variable that was changed at
// start, if any, so that programs Lodemap starts see the environment as it
// was given.
func Restore() {
	if changed.key != "" {
		_ = syscall.Setenv(changed.key, changed.value)
		changed.key = ""
	}
}

// localeVar returns the variable that decides the language of messages,
// as Fyne reads it: the first of LC_ALL, LC_MESSAGES and LANG that is set
// and not empty.
func localeVar() (key, value string) {
	for _, k := range [...]string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v, ok := syscall.Getenv(k); ok && v != "" {
			return k, v
		}
	}
	return "", ""
}

// isPlainC reports whether a locale is the C (POSIX) locale, with or without
// a character set or modifier: C, C.UTF-8, POSIX.UTF-8, C@euro.
func isPlainC(locale string) bool {
	base := locale
	for i := 0; i < len(locale); i++ {
		if locale[i] == '.' || locale[i] == '@' {
			base = locale[:i]
			break
		}
	}
	return base == "C" || base == "POSIX"
}
