package cmdutil

// GlobalFlags are the global flags (docs/reference.md §2) that are not settings: they only
// make sense for one invocation, so they are not in the config file. The settings flags
// (--demo, --debug, --no-color, --output…) are read by internal/config from the flag set.
type GlobalFlags struct {
	Fields    []string
	JQ        string
	Limit     int
	All       bool
	InputFile string
	CSVRaw    bool
}
