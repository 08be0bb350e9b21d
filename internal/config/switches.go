package config

import (
	"fmt"
	"strconv"
)

// switches are the on/off settings that have a flag and an environment variable but no
// config key: a file cannot turn on the demo or a trace.
type switches struct {
	Demo, Debug, NoColor bool
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
	if v, ok := changedFlag(src.Flags, "no-color"); ok {
		sw.NoColor, _ = strconv.ParseBool(v)
	} else {
		sw.NoColor = env(src.Getenv, "NO_COLOR") != ""
	}
	return sw, nil
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
