package config

import (
	"path/filepath"
	"testing"
)

// A missing config file is read without building a viper instance; setting a key in it
// still writes the file.
func TestMissingFileBuildsNothingUntilWritten(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mdti", "config.yaml")
	f, err := readFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if f.v != nil {
		t.Fatal("reading a missing file built a viper instance")
	}
	if v, ok := f.get("output"); ok || v != "" {
		t.Fatalf("get(output) = %q, %v on a missing file", v, ok)
	}
	if len(f.profiles()) != 0 || len(f.warnings()) != 0 {
		t.Fatal("a missing file has profiles or warnings")
	}
	if err := Set(path, "output", "json"); err != nil {
		t.Fatal(err)
	}
	f, err = readFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := f.get("output"); !ok || v != "json" {
		t.Fatalf("after Set, get(output) = %q, %v", v, ok)
	}
}
