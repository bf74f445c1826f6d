package data

import (
	"bytes"
	"context"
	"os"
	"reflect"
	"testing"

	"github.com/lodemap/lodemap/geo/export/kml"
)

// TestKMLRoundTrip writes what the reader read with geo/export/kml's
// writer, as KML and as KMZ, and reads it back: the same layers, ids,
// names, kinds, statuses, geometries and records.
func TestKMLRoundTrip(t *testing.T) {
	b, err := os.ReadFile("testdata/kml/earth.kml")
	if err != nil {
		t.Fatal(err)
	}
	want, probs := readKML(context.Background(), testSource(b, "earth.kml", false))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	for _, tt := range []struct {
		name  string
		write func(context.Context, *bytes.Buffer) error
	}{
		{"earth.kml", func(ctx context.Context, w *bytes.Buffer) error { return kml.Write(ctx, w, want, kml.Options{}, nil) }},
		{"earth.kmz", func(ctx context.Context, w *bytes.Buffer) error {
			return kml.WriteKMZ(ctx, w, want, kml.Options{}, nil)
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			if err := tt.write(context.Background(), &out); err != nil {
				t.Fatal(err)
			}
			got, probs := readKML(context.Background(), testSource(out.Bytes(), tt.name, false))
			if len(probs) > 0 || len(got) != len(want) {
				t.Fatalf("%d layers, want %d; %v", len(got), len(want), probs)
			}
			for k, w := range want {
				g := got[k]
				if g.ID != w.ID || g.Title != w.Title || !reflect.DeepEqual(g.IDs, w.IDs) || !reflect.DeepEqual(g.Names, w.Names) ||
					!reflect.DeepEqual(g.Kinds, w.Kinds) || !reflect.DeepEqual(g.Status, w.Status) {
					t.Errorf("layer %d: %q %q %q %q, want %q %q %q %q", k, g.ID, g.Title, g.IDs, g.Names, w.ID, w.Title, w.IDs, w.Names)
				}
				for i := range w.IDs {
					gr, _ := g.Properties(i)
					wr, _ := w.Properties(i)
					if !bytes.HasPrefix(wr, []byte(`{"name":`)) { // written with its id as its name
						wr = append([]byte(`{"name":"`+w.Names[i]+`",`), wr[1:]...)
					}
					if !bytes.Equal(gr, wr) || !near(flatten(g.Geometry(i)), flatten(w.Geometry(i))) || g.Type(i) != w.Type(i) {
						t.Errorf("%s: %s %s, want %s %s", w.IDs[i], g.Type(i), gr, w.Type(i), wr)
					}
				}
			}
		})
	}
}
