package cmdutil

// GlobalFlags are the flags of CONTRACT.md §2 that are not settings: they only make sense
// for one invocation, so they are not in the config file.
type GlobalFlags struct {
	Fields    []string
	JQ        string
	Limit     int
	All       bool
	InputFile string
	CSVRaw    bool
	Debug     bool
	NoColor   bool
	Demo      bool
}
