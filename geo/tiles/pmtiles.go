package tiles

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/protomaps/go-pmtiles/pmtiles"
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

	mu     sync.Mutex
	leaves map[uint64][]pmtiles.EntryV3 // by offset in the leaf section
}

// maxLeaves bounds the leaf directories kept (up to some 100 KB each).
const maxLeaves = 64

// maxSection bounds a section read whole (a directory, the metadata, a
// tile), compressed or not: the format's writers keep them far smaller.
const maxSection = 64 << 20

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
	if err := checkFormat(path, tileFormat(p.hdr.TileType)); err != nil {
		return nil, err
	}
	p.PackageInfo = PackageInfo{Format: tileFormat(p.hdr.TileType), MaxZoom: int(p.hdr.MaxZoom)}
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
	b, err := p.section(p.hdr.MetadataOffset, p.hdr.MetadataLength, p.hdr.InternalCompression)
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
		if !ok {
			return nil, ErrNoTile
		}
		if e.RunLength > 0 {
			return p.section(p.hdr.TileDataOffset+e.Offset, uint64(e.Length), p.hdr.TileCompression)
		}
		var err error
		if dir, err = p.leaf(e.Offset, e.Length); err != nil {
			return nil, err
		}
	}
	return nil, p.damaged(errors.New("leaf directories nest too deep"))
}

// leaf is the leaf directory at offset in the leaf section, cached.
func (p *PMTiles) leaf(offset uint64, length uint32) ([]pmtiles.EntryV3, error) {
	p.mu.Lock()
	d, ok := p.leaves[offset]
	p.mu.Unlock()
	if ok {
		return d, nil
	}
	d, err := p.directory(p.hdr.LeafDirectoryOffset+offset, uint64(length))
	if err != nil {
		return nil, err
	}
	p.mu.Lock()
	if len(p.leaves) >= maxLeaves {
		clear(p.leaves)
	}
	p.leaves[offset] = d
	p.mu.Unlock()
	return d, nil
}

// directory reads and decodes the directory at offset.
func (p *PMTiles) directory(offset, length uint64) ([]pmtiles.EntryV3, error) {
	b, err := p.section(offset, length, p.hdr.InternalCompression)
	if err != nil {
		return nil, err
	}
	// go-pmtiles trusts the entry count: check it against the bytes
	// first (each entry takes at least four).
	if n, k := binary.Uvarint(b); k <= 0 || n > uint64(len(b))/4 {
		return nil, p.damaged(errors.New("a directory's entry count is wrong"))
	}
	return pmtiles.DeserializeEntries(bytes.NewBuffer(b), pmtiles.NoCompression), nil
}

// section reads length bytes at offset, uncompressed.
func (p *PMTiles) section(offset, length uint64, c pmtiles.Compression) ([]byte, error) {
	if offset > uint64(p.size) || length > uint64(p.size)-offset || length > maxSection {
		return nil, p.damaged(fmt.Errorf("a section (%d bytes at %d) lies beyond the file's end", length, offset))
	}
	b := make([]byte, length)
	if _, err := p.f.ReadAt(b, int64(offset)); err != nil {
		return nil, fmt.Errorf("tiles: %s: %w", p.path, err)
	}
	switch c {
	case pmtiles.NoCompression, pmtiles.UnknownCompression:
		return b, nil
	case pmtiles.Gzip:
		r, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, p.damaged(err)
		}
		out, err := io.ReadAll(io.LimitReader(r, maxSection))
		if err != nil {
			return nil, p.damaged(err)
		}
		return out, nil
	}
	return nil, fmt.Errorf("tiles: %s is compressed with brotli or zstd, which Lodemap cannot read: repack it with gzip or no compression", p.path)
}

// damaged is the error of a package whose bytes are not what its header
// says.
func (p *PMTiles) damaged(err error) error {
	return fmt.Errorf("tiles: %s is damaged: %w", p.path, err)
}

// Close closes the file.
func (p *PMTiles) Close() error { return p.f.Close() }
