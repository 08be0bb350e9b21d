package cmd

import (
	"slices"
	"strings"
	"testing"

	"github.com/mdti-cli/mdti/internal/iostreams"
)

// Each row of topCommands names the command it builds.
func TestTopCommandNamesMatchTheCommands(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	root, f, cleanup := NewRoot(ios, func(string) string { return "" })
	defer cleanup()
	for _, tc := range topCommands() {
		if got := tc.build(f).Name(); got != tc.name {
			t.Errorf("row %q builds command %q", tc.name, got)
		}
	}
	var built []string
	for _, c := range root.Commands() {
		if c.Name() != "help" {
			built = append(built, c.Name())
		}
	}
	if len(built) != len(topCommands()) {
		t.Errorf("the full tree has %v, the table %d rows", built, len(topCommands()))
	}
}

func TestTopCommandsForBuildsWhatTheArgumentsRun(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	root, _, cleanup := NewRoot(ios, func(string) string { return "" })
	defer cleanup()
	all := len(topCommands())
	for _, tc := range []struct {
		args string
		want string // the one command built; "" for all
	}{
		{"version", "version"},
		{"reputation contoso.com", "reputation"},
		{"-o json reputation contoso.com", "reputation"},
		{"-ojson --limit=3 --demo pdns x", "pdns"},
		{"--output json --all --fields a,b host x", "host"},
		{"--debug --no-color -i hosts.txt reputation", "reputation"},
		{"--demo=true whois x", "whois"},
		{"", ""},
		{"--help", ""},
		{"-h", ""},
		{"help reputation", ""},
		{"completion bash", ""},
		{"__complete reputation ''", ""},
		{"reputaton x", ""},
		{"--no-such-flag version", ""},
		{"-- version", ""},
		{"-o", ""},
	} {
		got := topCommandsFor(topCommands(), strings.Fields(tc.args), root.PersistentFlags())
		var names []string
		for _, c := range got {
			names = append(names, c.name)
		}
		switch {
		case tc.want == "" && len(got) != all:
			t.Errorf("%q builds %v, want every command", tc.args, names)
		case tc.want != "" && !slices.Equal(names, []string{tc.want}):
			t.Errorf("%q builds %v, want only %s", tc.args, names, tc.want)
		}
	}
	if got := topCommandsFor(topCommands(), nil, root.PersistentFlags()); len(got) != all {
		t.Errorf("nil args build %d commands, want all %d", len(got), all)
	}
}

// A run builds only the command it runs: `mdti version` has no other command in its tree.
func TestRunBuildsOnlyTheCommandItRuns(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	root, _, cleanup := newRoot(ios, func(string) string { return "" }, []string{"version"})
	defer cleanup()
	var names []string
	for _, c := range root.Commands() {
		if c.Name() != "help" {
			names = append(names, c.Name())
		}
	}
	if !slices.Equal(names, []string{"version"}) {
		t.Fatalf("the tree of `mdti version` holds %v", names)
	}
}
