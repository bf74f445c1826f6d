package layer

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

func TestLayer(t *testing.T) {
	l := &Layer{ID: "x"}
	l.Add("a", "A", "mine", "operating", orb.Point{0, 0}, json.RawMessage(`{}`), 2)
	l.Add("b", "B", "deposit", "planned", orb.Point{180, 0}, json.RawMessage(`{}`), 3)
	l.Add("c", "C", "mine", "planned", orb.Point{-180, 85.0511287798}, json.RawMessage(`{}`), 4)
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"len", l.Len(), 3},
		{"index", l.Index("b"), 1},
		{"missing", l.Index("z"), -1},
		{"kinds in first-seen order", l.KindCounts(), []KindCount{{"mine", 2}, {"deposit", 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !equal(tt.got, tt.want) {
				t.Errorf("got %v, want %v", tt.got, tt.want)
			}
		})
	}
	t.Run("projected once at add", func(t *testing.T) {
		if u := l.Unit[0]; math.Abs(u[0]-0.5) > 1e-12 || math.Abs(u[1]-0.5) > 1e-12 {
			t.Errorf("(0,0) projects to %v", u)
		}
		if u := l.Unit[2]; math.Abs(u[0]) > 1e-12 || math.Abs(u[1]) > 1e-9 {
			t.Errorf("(-180, max lat) projects to %v", u)
		}
	})
	t.Run("records come back", func(t *testing.T) {
		if r, err := l.Record(1); err != nil || string(r) != `{}` {
			t.Errorf("record %q, %v", r, err)
		}
		s := l.Snapshot()
		if _, err := s.Record(0); err == nil {
			t.Error("a snapshot's record was readable")
		}
		at := &Layer{}
		at.SetSource(strings.NewReader("xx{\"a\":1}yy"))
		at.AddAt("a", "A", "mine", "operating", orb.Point{1, 2}, 2, 7, 1)
		if r, err := at.Record(0); err != nil || string(r) != `{"a":1}` {
			t.Errorf("record at offset: %q, %v", r, err)
		}
		at.Grow(1000)
		if cap(at.IDs) < 1001 || at.Len() != 1 {
			t.Errorf("grow: cap %d len %d", cap(at.IDs), at.Len())
		}
	})
	t.Run("remove keeps columns aligned", func(t *testing.T) {
		l.Remove(1)
		if l.Len() != 2 || l.IDs[1] != "c" || l.Names[1] != "C" || l.Lines[1] != 4 || l.LonLat[1][0] != -180 || math.Abs(l.Unit[1][0]) > 1e-12 || len(l.recOff) != 2 || len(l.Kinds) != 2 {
			t.Errorf("after remove: %+v", l)
		}
	})
}

func equal(a, b any) bool {
	ab, _ := json.Marshal(a)
	bb, _ := json.Marshal(b)
	return string(ab) == string(bb)
}

func TestRevision(t *testing.T) {
	a, b := &Layer{ID: "a"}, &Layer{ID: "a"}
	a.Add("1", "One", "", "", orb.Point{1, 1}, nil, 1)
	b.Add("1", "One", "", "", orb.Point{1, 1}, nil, 1)
	r1 := a.Revision()
	snap := a.Snapshot()
	a.Add("2", "Two", "", "", orb.Point{2, 2}, nil, 2)
	r2 := a.Revision()
	a.Remove(1)
	a.Add("3", "Three", "", "", orb.Point{3, 3}, nil, 3)
	tests := []struct {
		name string
		same bool
		x, y Revision
	}{
		{"snapshot keeps the revision", true, snap.Revision(), r1},
		{"another layer of the same id differs", false, b.Revision(), r1},
		{"adding changes it", false, r2, r1},
		{"remove then add to the same length changes it", false, a.Revision(), r2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if (tt.x == tt.y) != tt.same {
				t.Errorf("%v vs %v: same = %v, want %v", tt.x, tt.y, tt.x == tt.y, tt.same)
			}
		})
	}
}

// upper is a Decoder that upper-cases a record, to show which one it got.
type upper struct{}

func (upper) Properties(rec []byte) ([]byte, error) { return []byte(strings.ToUpper(string(rec))), nil }

func TestProperties(t *testing.T) {
	tests := []struct {
		name    string
		decoder Decoder
		want    string
		err     string
	}{
		{"decoded by the layer's decoder", upper{}, `{"NAME":"B"}`, ""},
		{"no decoder", nil, "", "layer: x.csv: no decoder for its records"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := &Layer{ID: "x", File: "x.csv", Decoder: tt.decoder}
			l.Add("a", "A", "", "", orb.Point{}, []byte(`{"name":"a"}`), 2)
			l.Add("b", "B", "", "", orb.Point{}, []byte(`{"name":"b"}`), 3)
			got, err := l.Properties(1)
			if string(got) != tt.want || (err == nil) != (tt.err == "") || err != nil && err.Error() != tt.err {
				t.Errorf("Properties(1) = %s, %v; want %s, %q", got, err, tt.want, tt.err)
			}
		})
	}
}
