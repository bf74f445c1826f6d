package layer

// Statuses replaces a layer's statuses, as the time slider does with each
// feature's status at a date. A nil Statuses keeps the layer's own.
type Statuses struct {
	of     []string
	serial uint64
}

// NewStatuses makes the statuses of a layer's features, one per feature.
func NewStatuses(of []string) *Statuses {
	return &Statuses{of: of, serial: serials.Add(1)}
}

// Of is feature i's status: the replacement, or the layer's own.
func (s *Statuses) Of(l *Layer, i int) string {
	if s == nil || i >= len(s.of) {
		return l.Status[i]
	}
	return s.of[i]
}

// Serial tells Statuses apart, as a Mask's does; a nil one's is 0.
func (s *Statuses) Serial() uint64 {
	if s == nil {
		return 0
	}
	return s.serial
}
