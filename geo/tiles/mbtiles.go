package tiles

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	_ "modernc.org/sqlite" // MBTiles are SQLite databases
)

// MBTiles reads an MBTiles package's raster tiles.
type MBTiles struct {
	db *sql.DB
	PackageInfo
}

// ErrNoTile is the error of a tile a package does not hold.
var ErrNoTile = errors.New("no such tile")

// OpenMBTiles opens an MBTiles package, refusing one of vector tiles.
func OpenMBTiles(path string) (*MBTiles, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return nil, fmt.Errorf("tiles: %s: %w", path, err)
	}
	m := &MBTiles{db: db, PackageInfo: PackageInfo{Format: "png", MaxZoom: 19}}
	rows, err := db.Query("SELECT name, value FROM metadata")
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("tiles: %s is not an MBTiles package: %w", path, err)
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if rows.Scan(&k, &v) != nil {
			continue
		}
		switch k {
		case "format":
			m.Format = v
		case "attribution":
			m.Attribution = v
		case "maxzoom":
			fmt.Sscan(v, &m.MaxZoom)
		}
	}
	if err := checkFormat(path, m.Format); err != nil {
		db.Close()
		return nil, err
	}
	return m, nil
}

// Tile implements Source; MBTiles count rows from the bottom (TMS).
func (m *MBTiles) Tile(ctx context.Context, z, x, y int) ([]byte, error) {
	var b []byte
	err := m.db.QueryRowContext(ctx, "SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?", z, x, (1<<z)-1-y).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNoTile
	}
	if err != nil {
		return nil, fmt.Errorf("tiles: %w", err)
	}
	return b, nil
}

// Close closes the package.
func (m *MBTiles) Close() error { return m.db.Close() }
