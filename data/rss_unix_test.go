//go:build unix

package data

import (
	"syscall"
	"testing"
)

// reportPeakRSS reports the process's peak resident memory so far.
func reportPeakRSS(b *testing.B) {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "peak-RSS-MB")
	}
}
