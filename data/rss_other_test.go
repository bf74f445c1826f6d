//go:build !unix

package data

import "testing"

// reportPeakRSS is Unix-only.
func reportPeakRSS(*testing.B) {}
