package tiles

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"strconv"
	"sync"

	"github.com/protomaps/go-pmtiles/pmtiles"
	"golang.org/x/sync/singleflight"
)

// PMTiles reads a PMTiles (version 3) package's raster tiles from a local
// file. The format's header, directories and tile ids are go-pmtiles';
// what is here is reading them from the file: the root directory kept,
// leaf directories cached (a bounded number), and every length checked
// against the file so a damaged package is an error, never a crash.
type PMTiles struct {
	f    *os.File
	path string
	size int64
	hdr  pmtiles.HeaderV3
	root []pmtiles.EntryV3
	PackageInfo

	reading     singleflight.Group // of leaf directories, by offset
	mu          sync.Mutex
	leaves      map[uint64][]pmtiles.EntryV3 // by offset in the leaf section
	leafEntries int                          // in leaves
}

// Bounds on what a package may make Lodemap read and keep: the format's
// writers stay far below them (a leaf directory of a planet's tiles holds
// some tens of thousands of entries, under a megabyte).
const (
	maxDirectory   = 8 << 20  // a directory or the metadata, decompressed
	maxTile        = 16 << 20 // a tile, decompressed
	maxLeafEntries = 1 << 20  // the leaf directories' entries kept (24 MB)
)

// OpenPMTiles opens a PMTiles package, refusing one of vector tiles.
func OpenPMTiles(path string) (*PMTiles, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("tiles: %w", err)
	}
	p, err := readPMTiles(f, path)
	if err != nil {
		f.Close()
		return nil, err
	}
	return p, nil
}

// readPMTiles reads the header, the metadata's attribution and the root
// directory.
func readPMTiles(f *os.File, path string) (*PMTiles, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("tiles: %w", err)
	}
	p := &PMTiles{f: f, path: path, size: st.Size(), leaves: map[uint64][]pmtiles.EntryV3{}}
	head := make([]byte, pmtiles.HeaderV3LenBytes)
	if _, err := f.ReadAt(head, 0); err != nil || !bytes.HasPrefix(head, []byte("PMTiles")) {
		return nil, fmt.Errorf("tiles: %s is not a PMTiles package", path)
	}
	if head[7] != 3 {
		return nil, fmt.Errorf("tiles: %s is a PMTiles package of version %d: Lodemap reads version 3 (convert it with `pmtiles convert`)", path, head[7])
	}
	if p.hdr, err = pmtiles.DeserializeHeader(head); err != nil {
		return nil, fmt.Errorf("tiles: %s: %w", path, err)
	}
	format := tileFormat(p.hdr.TileType)
	if err := checkFormat(path, format); err != nil {
		return nil, err
	}
	for _, c := range []pmtiles.Compression{p.hdr.InternalCompression, p.hdr.TileCompression} {
		if err := checkCompression(path, c); err != nil {
			return nil, err
		}
	}
	// Entries are checked against these sections, which must lie in the
	// file: then no offset added to theirs can wrap around.
	if !within(p.hdr.TileDataOffset, p.hdr.TileDataLength, uint64(p.size)) || !within(p.hdr.LeafDirectoryOffset, p.hdr.LeafDirectoryLength, uint64(p.size)) {
		return nil, p.damaged("its header places the tiles or the leaf directories beyond the file's end")
	}
	p.PackageInfo = PackageInfo{Format: format, MaxZoom: int(p.hdr.MaxZoom)}
	if p.root, err = p.directory(p.hdr.RootOffset, p.hdr.RootLength); err != nil {
		return nil, err
	}
	p.Attribution = p.attribution()
	return p, nil
}

// tileFormat is MBTiles' name of a PMTiles tile type.
func tileFormat(t pmtiles.TileType) string {
	switch t {
	case pmtiles.Png:
		return "png"
	case pmtiles.Jpeg:
		return "jpg"
	case pmtiles.Webp:
		return "webp"
	case pmtiles.Mvt:
		return "mvt"
	case pmtiles.Mlt:
		return "mlt"
	case pmtiles.Avif:
		return "avif"
	}
	return "unknown"
}

// attribution is the metadata's "attribution", or "" when there is none
// or it cannot be read: the layer then credits the file.
func (p *PMTiles) attribution() string {
	b, err := p.section(p.hdr.MetadataOffset, p.hdr.MetadataLength, p.hdr.InternalCompression, maxDirectory, "the metadata")
	if err != nil || len(b) == 0 {
		return ""
	}
	meta, err := pmtiles.DeserializeMetadata(bytes.NewReader(b), pmtiles.NoCompression)
	if err != nil {
		return ""
	}
	s, _ := meta["attribution"].(string)
	return s
}

// Tile implements Source: the tile's bytes, found through the root and
// at most three levels of leaf directories.
func (p *PMTiles) Tile(ctx context.Context, z, x, y int) ([]byte, error) {
	if z < 0 || z > 31 || x < 0 || y < 0 || x >= 1<<z || y >= 1<<z {
		return nil, ErrNoTile
	}
	id := pmtiles.ZxyToID(uint8(z), uint32(x), uint32(y))
	dir := p.root
	for range 4 {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		e, ok := pmtiles.FindTile(dir, id)
		if !ok || e.Length == 0 {
			return nil, ErrNoTile
		}
		if e.RunLength > 0 {
			if !within(e.Offset, uint64(e.Length), p.hdr.TileDataLength) {
				return nil, p.damaged("a tile lies outside the tile data")
			}
			return p.section(p.hdr.TileDataOffset+e.Offset, uint64(e.Length), p.hdr.TileCompression, maxTile, "a tile")
		}
		var err error
		if dir, err = p.leaf(e.Offset, e.Length); err != nil {
			return nil, err
		}
	}
	return nil, p.damaged("its leaf directories nest too deep")
}

// leaf is the leaf directory at offset in the leaf section, cached; the
// goroutines that want one not yet read wait for one of them to read it.
func (p *PMTiles) leaf(offset uint64, length uint32) ([]pmtiles.EntryV3, error) {
	if !within(offset, uint64(length), p.hdr.LeafDirectoryLength) {
		return nil, p.damaged("a leaf directory lies outside the leaf directories")
	}
	p.mu.Lock()
	d, ok := p.leaves[offset]
	p.mu.Unlock()
	if ok {
		return d, nil
	}
	v, err, _ := p.reading.Do(strconv.FormatUint(offset, 10), func() (any, error) {
		p.mu.Lock()
		d, ok := p.leaves[offset] // read while this call waited
		p.mu.Unlock()
		if ok {
			return d, nil
		}
		d, err := p.directory(p.hdr.LeafDirectoryOffset+offset, uint64(length))
		if err != nil {
			return nil, err
		}
		p.mu.Lock()
		if p.leafEntries+len(d) > maxLeafEntries {
			clear(p.leaves)
			p.leafEntries = 0
		}
		p.leaves[offset] = d
		p.leafEntries += len(d)
		p.mu.Unlock()
		return d, nil
	})
	if err != nil {
		return nil, err
	}
	return v.([]pmtiles.EntryV3), nil
}

// within reports whether length bytes at offset lie within size.
func within(offset, length, size uint64) bool {
	return offset <= size && length <= size-offset
}

// directory reads and decodes the directory at offset.
func (p *PMTiles) directory(offset, length uint64) ([]pmtiles.EntryV3, error) {
	b, err := p.section(offset, length, p.hdr.InternalCompression, maxDirectory, "a directory")
	if err != nil {
		return nil, err
	}
	// go-pmtiles trusts the entry count: check it against the bytes
	// first (each entry takes at least four).
	if n, k := binary.Uvarint(b); k <= 0 || n > uint64(len(b))/4 {
		return nil, p.damaged("a directory's entry count is wrong")
	}
	return pmtiles.DeserializeEntries(bytes.NewBuffer(b), pmtiles.NoCompression), nil
}

// section reads what (a directory, a tile) of length bytes at offset,
// uncompressed, refusing one of over limit bytes.
func (p *PMTiles) section(offset, length uint64, c pmtiles.Compression, limit int64, what string) ([]byte, error) {
	if !within(offset, length, uint64(p.size)) {
		return nil, p.damaged(what + " lies beyond the file's end")
	}
	if length > uint64(limit) {
		return nil, p.damaged(fmt.Sprintf("%s of %d bytes is larger than any Lodemap reads (%d)", what, length, limit))
	}
	b := make([]byte, length)
	if _, err := p.f.ReadAt(b, int64(offset)); err != nil {
		return nil, fmt.Errorf("tiles: %s: %w", p.path, err)
	}
	if c != pmtiles.Gzip {
		return b, nil // checked at opening: none
	}
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err == nil {
		b, err = io.ReadAll(io.LimitReader(r, limit+1))
	}
	if err != nil {
		return nil, p.damaged(what + " cannot be decompressed")
	}
	if int64(len(b)) > limit {
		return nil, p.damaged(fmt.Sprintf("%s is larger, decompressed, than any Lodemap reads (%d bytes)", what, limit))
	}
	return b, nil
}

// checkCompression refuses a package compressed in a way Lodemap cannot
// read.
func checkCompression(path string, c pmtiles.Compression) error {
	switch c {
	case pmtiles.UnknownCompression, pmtiles.NoCompression, pmtiles.Gzip:
		return nil
	case pmtiles.Brotli, pmtiles.Zstd:
		name := map[pmtiles.Compression]string{pmtiles.Brotli: "brotli", pmtiles.Zstd: "zstd"}[c]
		return fmt.Errorf("tiles: %s is compressed with %s, which Lodemap cannot read: repack it with gzip or no compression (`pmtiles convert`)", path, name)
	}
	return fmt.Errorf("tiles: %s is damaged: its header names an unknown compression (%d)", path, c)
}

// damaged is the error of a package whose bytes are not what its header
// says, saying what is wrong.
func (p *PMTiles) damaged(what string) error {
	return fmt.Errorf("tiles: %s is damaged: %s", p.path, what)
}

// Close closes the file.
func (p *PMTiles) Close() error { return p.f.Close() }
