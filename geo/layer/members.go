package layer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// Member is one of a feature's properties: its name and its JSON value.
type Member struct {
	Key string
	Raw json.RawMessage
}

// Members splits a JSON object (a feature's properties, as a Decoder
// gives them) into its members, in order. At what is not an object, or an
// object that breaks off, it returns the members read so far and an
// error.
func Members(obj []byte) ([]Member, error) {
	dec := json.NewDecoder(bytes.NewReader(obj))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, errors.New("layer: properties are not a JSON object")
	}
	var out []Member
	for {
		t, err := dec.Token()
		if t == json.Delim('}') {
			return out, nil
		}
		var raw json.RawMessage
		if err == nil {
			err = dec.Decode(&raw)
		}
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		if err != nil {
			return out, fmt.Errorf("layer: properties: %w", err)
		}
		out = append(out, Member{Key: fmt.Sprint(t), Raw: raw})
	}
}
