package data

import (
	"testing"

	"github.com/lodemap/lodemap/geo/layer"
)

// TestLabelPriority ranks a site with a priority attribute first, then the
// sites by how many excerpts quote them.
func TestLabelPriority(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	ls, probs := ReadLayers([]byte(`{"type":"FeatureCollection","features":[
{"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[30,39]},"properties":{"name":"A","priority":2}},
{"type":"Feature","id":"b","geometry":{"type":"Point","coordinates":[30,39]},"properties":{"name":"B"}}]}`), "p.geojson", "p.geojson")
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	c.addLayer(ls[0])
	p := c.LabelPriority()
	site := func(id string) layer.Site {
		r, ok := c.Feature(id)
		if !ok {
			t.Fatalf("no %s", id)
		}
		return r.Layer.Site(r.Index)
	}
	tests := []struct {
		name      string
		high, low string
	}{
		{"a priority attribute first", "a", "tr-beylikova-ree-deposit"},
		{"more excerpts before fewer", "tr-beylikova-industrial-plant", "tr-beylikova-pilot-plant"},
		{"any excerpt before none", "tr-beylikova-ree-deposit", "b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if p[site(tt.high)] <= p[site(tt.low)] {
				t.Errorf("%s ranks %d, %s %d", tt.high, p[site(tt.high)], tt.low, p[site(tt.low)])
			}
		})
	}
}
