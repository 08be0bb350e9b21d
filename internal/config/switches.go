package config

import (
	"fmt"
	"strconv"
	"strings"
)

// switches are the on/off settings that have a flag and an environment variable but no
// config key: a file cannot turn on the demo or a trace.
type switches struct {
	Demo, Debug, NoColor bool
	// ForceColor colours output that is not a terminal: --color always, CLICOLOR_FORCE.
	ForceColor bool
}

// loadSwitches decides each switch by flag > environment > off. MDTI_DEMO and MDTI_DEBUG
// take what strconv.ParseBool takes (1 t T TRUE true True, 0 f F FALSE false False); any
// other value is refused like any invalid setting, so a typo never silently reads the
// user's config in what was meant to be a demo. NO_COLOR follows no-color.org: any
// non-empty value turns colour off.
func loadSwitches(src Sources) (switches, error) {
	var sw switches
	var err error
	if sw.Demo, err = boolSwitch(src, "demo", "MDTI_DEMO"); err != nil {
		return sw, err
	}
	if sw.Debug, err = boolSwitch(src, "debug", "MDTI_DEBUG"); err != nil {
		return sw, err
	}
	mode, err := colorMode(src)
	if err != nil {
		return sw, err
	}
	sw.NoColor, sw.ForceColor = mode == "never", mode == "always"
	return sw, nil
}

// colorMode decides colour in one place, the first of these that speaks: --color
// always|never|auto; --no-color; NO_COLOR (any value: no-color.org); CLICOLOR_FORCE
// (any value but 0: always); TERM=dumb (never: the terminal shows escapes as text);
// else auto, colour on a terminal.
func colorMode(src Sources) (string, error) {
	if v, ok := changedFlag(src.Flags, "color"); ok {
		switch v = strings.ToLower(v); v {
		case "always", "never", "auto":
			return v, nil
		}
		return "", fmt.Errorf("invalid --color %q: want always, never or auto", v)
	}
	if v, ok := changedFlag(src.Flags, "no-color"); ok {
		if off, _ := strconv.ParseBool(v); off {
			return "never", nil
		}
		return "auto", nil
	}
	switch {
	case env(src.Getenv, "NO_COLOR") != "":
		return "never", nil
	case env(src.Getenv, "CLICOLOR_FORCE") != "" && env(src.Getenv, "CLICOLOR_FORCE") != "0":
		return "always", nil
	case env(src.Getenv, "TERM") == "dumb":
		return "never", nil
	}
	return "auto", nil
}

// boolSwitch reads one switch: a flag the user set wins, then the variable, else off.
func boolSwitch(src Sources, flag, envName string) (bool, error) {
	if v, ok := changedFlag(src.Flags, flag); ok {
		b, _ := strconv.ParseBool(v) // pflag has already validated a bool flag
		return b, nil
	}
	v := env(src.Getenv, envName)
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, fmt.Errorf("invalid %s %q: want 1, t, true, 0, f or false (from env %s)", flag, v, envName)
	}
	return b, nil
}
