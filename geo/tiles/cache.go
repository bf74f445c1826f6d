package tiles

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Cache keeps fetched tiles on disk, each with when it goes stale and its
// ETag, up to a size cap: past it, the tiles used least lately go first.
// It is safe for concurrent use.
type Cache struct {
	dir   string
	limit int64
	mu    sync.Mutex
	size  int64 // of the files, counted when opened and kept up to date
}

// entry is a cached tile: its body and what the server said of it.
type entry struct {
	URL     string    `json:"url"`
	ETag    string    `json:"etag,omitempty"`
	Expires time.Time `json:"expires"`
	body    []byte
}

// fresh reports whether the tile may be used without asking the server.
func (e *entry) fresh(now time.Time) bool { return now.Before(e.Expires) }

// OpenCache opens (making it) a cache in dir holding at most limit bytes.
func OpenCache(dir string, limit int64) (*Cache, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("tiles: cache: %w", err)
	}
	c := &Cache{dir: dir, limit: limit}
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				c.size += info.Size()
			}
		}
		return nil
	})
	return c, err
}

// Size is the bytes the cache's files take.
func (c *Cache) Size() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.size
}

func (c *Cache) path(url string) string {
	h := sha256.Sum256([]byte(url))
	name := hex.EncodeToString(h[:16])
	return filepath.Join(c.dir, name[:2], name)
}

// get reads a tile, fresh or not, and marks it used now.
func (c *Cache) get(url string) (*entry, bool) {
	p := c.path(url)
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, false
	}
	head, body, ok := bytes.Cut(b, []byte("\n"))
	var e entry
	if !ok || json.Unmarshal(head, &e) != nil || e.URL != url {
		return nil, false
	}
	e.body = body
	now := time.Now()
	_ = os.Chtimes(p, now, now) // the least recently used go first
	return &e, true
}

// put stores a tile, replacing any, then trims the cache to its cap.
func (c *Cache) put(e *entry) error {
	head, err := json.Marshal(e)
	if err != nil {
		return err
	}
	p := c.path(e.URL)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	var old int64
	if info, err := os.Stat(p); err == nil {
		old = info.Size()
	}
	tmp := p + ".tmp"
	data := append(append(head, '\n'), e.body...)
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, p); err != nil {
		return err
	}
	c.mu.Lock()
	c.size += int64(len(data)) - old
	over := c.size > c.limit
	c.mu.Unlock()
	if over {
		c.trim(p)
	}
	return nil
}

// trim removes the tiles used least lately until the cache is under its
// cap, keeping keep (the one just stored).
func (c *Cache) trim(keep string) {
	type file struct {
		path string
		size int64
		used time.Time
	}
	var files []file
	_ = filepath.WalkDir(c.dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && p != keep {
			if info, err := d.Info(); err == nil {
				files = append(files, file{p, info.Size(), info.ModTime()})
			}
		}
		return nil
	})
	slices.SortFunc(files, func(a, b file) int { return a.used.Compare(b.used) })
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, f := range files {
		if c.size <= c.limit {
			return
		}
		if os.Remove(f.path) == nil {
			c.size -= f.size
		}
	}
}

// defaultFresh is how long a tile is fresh when the server says nothing.
const defaultFresh = 7 * 24 * time.Hour

// expiry reads when a response goes stale, and whether it may be stored
// at all: Cache-Control's no-store, no-cache and max-age, then Expires.
func expiry(h http.Header, now time.Time) (time.Time, bool) {
	for _, d := range strings.Split(h.Get("Cache-Control"), ",") {
		d = strings.ToLower(strings.TrimSpace(d))
		switch {
		case d == "no-store":
			return now, false
		case d == "no-cache":
			return now, true
		case strings.HasPrefix(d, "max-age="):
			if n, err := strconv.Atoi(strings.TrimPrefix(d, "max-age=")); err == nil {
				return now.Add(time.Duration(n) * time.Second), true
			}
		}
	}
	if t, err := http.ParseTime(h.Get("Expires")); err == nil {
		return t, true
	}
	return now.Add(defaultFresh), true
}
