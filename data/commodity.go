package data

import "strings"

// commodityNames are the chemical symbols and short forms that mineral
// site records use for commodities, by the name the same records use
// elsewhere, so that "Au" and "Gold" are one category.
var commodityNames = map[string]string{
	"ag": "Silver", "al": "Aluminum", "as": "Arsenic", "au": "Gold", "b": "Boron", "ba": "Barium",
	"be": "Beryllium", "bi": "Bismuth", "co": "Cobalt", "cr": "Chromium", "cu": "Copper", "f": "Fluorine",
	"fe": "Iron", "hg": "Mercury", "k": "Potassium", "li": "Lithium", "mn": "Manganese", "mo": "Molybdenum",
	"nb": "Niobium", "ni": "Nickel", "p": "Phosphorus", "pb": "Lead", "pd": "Palladium", "pge": "Platinum Group Elements",
	"pt": "Platinum", "ree": "Rare Earth Elements", "sb": "Antimony", "sn": "Tin", "ta": "Tantalum", "th": "Thorium",
	"ti": "Titanium", "u": "Uranium", "v": "Vanadium", "w": "Tungsten", "zn": "Zinc", "zr": "Zirconium",
}

// Commodity names a commodity as one category: a symbol by its name
// ("Cu" is "Copper"), any other value with its first letter capital.
func Commodity(s string) string {
	s = strings.TrimSpace(s)
	if n, ok := commodityNames[strings.ToLower(s)]; ok {
		return n
	}
	if s == "" {
		return ""
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
