package data

import (
	"bufio"
	"fmt"
	"io"
	"math/rand"
)

// WriteSynthetic writes a FeatureCollection of n generated point sites with
// the schema's eight properties, spread over the inhabited latitudes, for
// load and render benchmarks. The same seed gives the same file.
func WriteSynthetic(w io.Writer, n int, seed int64) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	rng := rand.New(rand.NewSource(seed))
	kinds := []string{"deposit", "mine", "refinery", "automaker_plant"}
	status := []string{"operating", "planned", "under_construction", "exploration"}
	fmt.Fprint(bw, `{"type":"FeatureCollection","name":"Generated sites","features":[`+"\n")
	for i := 0; i < n; i++ {
		if i > 0 {
			bw.WriteString(",\n")
		}
		lon := -180 + 360*rng.Float64()
		lat := -60 + 135*rng.Float64()
		fmt.Fprintf(bw, `{"type":"Feature","geometry":{"type":"Point","coordinates":[%.5f,%.5f]},"properties":{"id":"gen-%07d","name":"Generated site %d","kind":"%s","status":"%s","operator":"Operator %d","country":"XX","commodities":["copper","gold"],"coord_precision":"site"}}`,
			lon, lat, i, i, kinds[i%4], status[i%4], i%997)
	}
	fmt.Fprint(bw, "\n]}\n")
	return bw.Flush()
}
