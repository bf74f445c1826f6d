package tiles

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"io"
	"net/http"
	"strings"
	"time"
)

// Source gives the encoded image of tile z/x/y.
type Source interface {
	Tile(ctx context.Context, z, x, y int) ([]byte, error)
}

// Fetcher gets a Spec's tiles over HTTP through a Cache: a fresh cached
// tile is used as it is, a stale one with an ETag is revalidated, and
// with no network a stale one is better than none. At most Parallel
// requests run at once, each given Timeout, and a failed one is tried
// again after a growing pause. Nothing is fetched unasked: no prefetching.
type Fetcher struct {
	Spec      Spec
	Cache     *Cache // may be nil: no cache
	Client    *http.Client
	UserAgent string // names Lodemap, its version and its project's address
	Retina2x  bool   // ask for @2x tiles ({r})
	Timeout   time.Duration
	Retries   int
	Backoff   time.Duration // the first pause before a retry; it doubles
	slots     chan struct{}
}

// NewFetcher returns a fetcher of spec's tiles: two requests at a time
// for OpenStreetMap's servers, as their policy asks, six for others.
func NewFetcher(spec Spec, cache *Cache, userAgent string) *Fetcher {
	n := 6
	if spec.OSM {
		n = 2
	}
	return &Fetcher{Spec: spec, Cache: cache, Client: http.DefaultClient, UserAgent: userAgent,
		Timeout: 15 * time.Second, Retries: 2, Backoff: 500 * time.Millisecond, slots: make(chan struct{}, n)}
}

// Retina is a fetcher of the same tiles at twice the pixels (the
// template's {r} as "@2x"), sharing the cache and the request limit; it
// has none when the template has no {r}.
func (f *Fetcher) Retina() (Source, bool) {
	if !strings.Contains(f.Spec.Template, "{r}") {
		return nil, false
	}
	r := *f
	r.Retina2x = true
	return &r, true
}

// ErrNotImage is the error of a response whose body is not an image.
var ErrNotImage = errors.New("not an image")

// Tile implements Source.
func (f *Fetcher) Tile(ctx context.Context, z, x, y int) ([]byte, error) {
	url := f.Spec.URL(z, x, y, f.Retina2x)
	var cached *entry
	if f.Cache != nil {
		if e, ok := f.Cache.get(url); ok {
			if e.fresh(time.Now()) {
				return e.body, nil
			}
			cached = e
		}
	}
	var err error
	for try := 0; try <= f.Retries; try++ {
		if try > 0 {
			select {
			case <-time.After(f.Backoff << (try - 1)):
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		var body []byte
		var retry bool
		body, retry, err = f.fetch(ctx, url, cached)
		if err == nil {
			return body, nil
		}
		if !retry || ctx.Err() != nil {
			break
		}
	}
	if cached != nil {
		return cached.body, nil // stale, but the network failed
	}
	return nil, fmt.Errorf("tiles: %s: %w", url, err)
}

// fetch makes one request, and says whether a failure is worth a retry.
func (f *Fetcher) fetch(ctx context.Context, url string, cached *entry) ([]byte, bool, error) {
	select {
	case f.slots <- struct{}{}:
		defer func() { <-f.slots }()
	case <-ctx.Done():
		return nil, false, ctx.Err()
	}
	ctx, cancel := context.WithTimeout(ctx, f.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, false, err
	}
	req.Header.Set("User-Agent", f.UserAgent)
	if cached != nil && cached.ETag != "" {
		req.Header.Set("If-None-Match", cached.ETag)
	}
	resp, err := f.Client.Do(req)
	if err != nil {
		return nil, true, err
	}
	defer resp.Body.Close()
	now := time.Now()
	switch {
	case resp.StatusCode == http.StatusNotModified && cached != nil:
		cached.Expires, _ = expiry(resp.Header, now)
		f.store(cached)
		return cached.body, false, nil
	case resp.StatusCode != http.StatusOK:
		return nil, resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests, fmt.Errorf("the server answered %s", resp.Status)
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, true, err // cut off
	}
	if _, _, err := image.DecodeConfig(bytes.NewReader(body)); err != nil {
		return nil, true, ErrNotImage
	}
	if exp, ok := expiry(resp.Header, now); ok {
		f.store(&entry{URL: url, ETag: resp.Header.Get("ETag"), Expires: exp, body: body})
	}
	return body, false, nil
}

func (f *Fetcher) store(e *entry) {
	if f.Cache != nil {
		_ = f.Cache.put(e) // a full disk costs a fetch next time, nothing more
	}
}
