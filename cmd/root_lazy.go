package cmd

import (
	"strings"

	"github.com/spf13/pflag"
)

// topCommandsFor is the part of the command tree a run with args needs. Building every
// command's flags and subcommands is most of what mdti does before a command runs (a few
// hundred microseconds, cold), so a run whose first word names one command builds that
// command alone: `mdti version` builds version, `mdti -o json reputation X` reputation.
// Everything is built (nil args, too) when the first word is not one command's name: no
// command (`mdti`, `mdti --help`), help and completion (they read the whole tree), shell
// completion requests (__complete), a typo (cobra suggests the nearest names), or global
// flags this function cannot read past.
func topCommandsFor(all []topCommand, args []string, global *pflag.FlagSet) []topCommand {
	if args == nil {
		return all
	}
	word, ok := firstWord(args, global)
	if !ok || word == "help" || word == "completion" {
		return all
	}
	for _, t := range all {
		if t.name == word {
			return []topCommand{t}
		}
	}
	return all
}

// firstWord is the first argument that is not a global flag or a global flag's value;
// false when there is none or a flag is not one of global's.
func firstWord(args []string, global *pflag.FlagSet) (string, bool) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		var fl *pflag.Flag
		attached := false
		switch {
		case a == "--" || a == "-":
			return "", false
		case strings.HasPrefix(a, "--"):
			name, _, hasValue := strings.Cut(a[2:], "=")
			fl, attached = global.Lookup(name), hasValue
		case strings.HasPrefix(a, "-"):
			fl, attached = global.ShorthandLookup(a[1:2]), len(a) > 2
		default:
			return a, true
		}
		if fl == nil {
			return "", false
		}
		if !attached && fl.NoOptDefVal == "" {
			i++ // the flag's value
		}
	}
	return "", false
}
