// Package sharedtest helps command packages test their flags through the runF hook.
package sharedtest

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/iostreams"
	"github.com/mdti-cli/mdti/internal/render"
)

// Factory is a factory with test streams and empty global flags; nothing else is set,
// so a command that gets past its runF hook fails loudly.
func Factory() *cmdutil.Factory {
	ios, _, _, _ := iostreams.Test()
	return &cmdutil.Factory{IOStreams: ios, Flags: &cmdutil.GlobalFlags{}}
}

// Execute runs c with args under a bare root command, as in the real tree (Cobra takes
// a root's first argument for a subcommand), its usage and help text discarded.
func Execute(c *cobra.Command, args ...string) error {
	root := &cobra.Command{Use: "mdti", SilenceErrors: true, SilenceUsage: true}
	root.AddCommand(c)
	root.SetArgs(append([]string{c.Name()}, args...))
	root.SetOut(io.Discard)
	root.SetErr(io.Discard)
	return root.Execute()
}

// update rewrites the golden files of the package under test: go test ./cmd/x -update.
var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// RenderTable renders recs (a JSON array) through view as a terminal table of width
// columns, without colour; single renders one record as a card.
func RenderTable(t *testing.T, view render.View, recs []byte, width int, single bool) string {
	t.Helper()
	var items []json.RawMessage
	if err := json.Unmarshal(recs, &items); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	p, err := render.NewPrinter(&out, view, render.Options{Format: render.Table, TTY: true, Width: width, Single: single})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if err := p.Add(it); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// Golden compares got with testdata/name.golden, or rewrites it with -update.
func Golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test with -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}
