//go:build !unix

package export

import "testing"

// reportPeakRSS is Unix-only.
func reportPeakRSS(*testing.B) {}
