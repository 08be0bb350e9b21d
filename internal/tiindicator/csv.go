package tiindicator

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// readCSV reads CSV whose header row names tiIndicator properties. Each later row becomes
// one object with its columns in header order. A cell is typed by its property: text stays
// text; numbers (confidence, severity, fileSize, ports…) and booleans (isActive,
// passiveOnly) are parsed; collections (tags, killChain…) take a JSON array ("[""a"",""b""]")
// or, for convenience, a single value. An empty cell leaves the property out. An unknown
// column is an error, so a misspelt header cannot drop a required field silently.
func readCSV(data []byte) ([]Record, error) {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = 0
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("CSV header: %w", err)
	}
	if err := checkHeader(header); err != nil {
		return nil, err
	}
	var recs []Record
	for {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return recs, nil
		}
		if err != nil {
			return nil, fmt.Errorf("CSV: %w", err)
		}
		line, _ := cr.FieldPos(0)
		rec := Record{N: len(recs) + 1, Line: line}
		if rec.JSON, err = rowObject(header, row); err != nil {
			return nil, fmt.Errorf("%s: %w", rec.Where(), err)
		}
		recs = append(recs, rec)
	}
}

func checkHeader(header []string) error {
	seen := map[string]bool{}
	for i, name := range header {
		if _, ok := properties[name]; !ok {
			return fmt.Errorf("CSV header: column %d %q is not a tiIndicator property", i+1, name)
		}
		if seen[name] {
			return fmt.Errorf("CSV header: column %d %q appears twice", i+1, name)
		}
		seen[name] = true
	}
	return nil
}

// rowObject writes one row as a JSON object, by hand so the properties keep header order.
func rowObject(header, row []string) (json.RawMessage, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	n := 0
	for i, name := range header {
		if row[i] == "" {
			continue
		}
		v, err := cellValue(properties[name].kind, row[i])
		if err != nil {
			return nil, fmt.Errorf("column %q: %w", name, err)
		}
		if n > 0 {
			b.WriteByte(',')
		}
		key, _ := marshal(name)
		b.Write(key)
		b.WriteByte(':')
		b.Write(v)
		n++
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func cellValue(k kind, cell string) ([]byte, error) {
	switch k {
	case kindInt:
		n, err := strconv.ParseInt(strings.TrimSpace(cell), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a whole number", cell)
		}
		return []byte(strconv.FormatInt(n, 10)), nil
	case kindBool:
		b, err := strconv.ParseBool(strings.TrimSpace(cell))
		if err != nil {
			return nil, fmt.Errorf("%q is not true or false", cell)
		}
		return []byte(strconv.FormatBool(b)), nil
	case kindStrings:
		if strings.HasPrefix(strings.TrimSpace(cell), "[") {
			var list []string
			if err := json.Unmarshal([]byte(cell), &list); err != nil {
				return nil, fmt.Errorf("want a JSON array of strings: %w", err)
			}
			return marshal(list)
		}
		return marshal([]string{cell})
	default:
		return marshal(cell)
	}
}

// marshal is json.Marshal without escaping <, > and &, which URLs are full of.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte{'\n'}), nil
}
