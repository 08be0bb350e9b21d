package cmdutil

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mdti-cli/mdti/internal/iostreams"
	"github.com/mdti-cli/mdti/internal/lazy"
)

// ID is one non-HOST identifier: an article, intel profile, certificate or CVE id.
type ID struct {
	Query string // as the user gave it (trimmed)
	Key   string // what goes into the URL path, escaped later by graph.Segment
}

// IDCheck validates one id and returns its key.
type IDCheck func(s string) (string, error)

// maxIDBytes bounds an id: Graph's ids are short base64 or hex strings.
const maxIDBytes = 1024

// ValidateID accepts an opaque Graph id. Base64 ids with "=" and "+" are fine; "/", "?",
// "#", "%", white space and control characters are refused: no id Graph hands out has
// them, and they are how a path gets changed.
func ValidateID(s string) (string, error) {
	switch {
	case s == "":
		return "", fmt.Errorf("empty")
	case len(s) > maxIDBytes:
		return "", fmt.Errorf("longer than %d bytes", maxIDBytes)
	case !utf8.ValidString(s):
		return "", fmt.Errorf("not valid UTF-8")
	case s == "." || s == "..":
		return "", fmt.Errorf("not an id")
	case strings.HasPrefix(s, "$"):
		// $count, $ref, $value: OData segments that would turn a lookup into another call.
		return "", fmt.Errorf("starts with '$': no Graph id does; OData segments such as $count are not ids")
	}
	for _, r := range s {
		switch {
		case unicode.IsControl(r):
			return "", fmt.Errorf("contains a control character")
		case unicode.IsSpace(r):
			return "", fmt.Errorf("contains white space")
		case strings.ContainsRune(`/?#%\`, r):
			return "", fmt.Errorf("contains %q", r)
		}
	}
	return s, nil
}

var cvePattern = lazy.Regexp(`(?i)^CVE-\d{4}-\d{4,}$`)

// ValidateCVE accepts CVE-YYYY-NNNN… in any case and returns it upper-cased, the form
// Graph's vulnerability ids use.
func ValidateCVE(s string) (string, error) {
	if !cvePattern().MatchString(s) {
		return "", fmt.Errorf("not a CVE id (want CVE-2021-44228)")
	}
	return strings.ToUpper(s), nil
}

// ReadIDs collects ids from arguments, stdin ("-", or no argument with stdin not a
// terminal) or -i FILE like ReadHosts does for HOSTs: validated up front (every invalid
// input reported, nothing sent), in input order, repeats kept. noun names the ids
// in messages ("article ID").
func ReadIDs(ios *iostreams.IOStreams, args []string, inputFile, noun string, check IDCheck) ([]ID, error) {
	var ids []ID
	var problems InputError
	err := collect(ios, args, inputFile, noun, func(r rawInput) {
		q := strings.TrimSpace(r.text)
		key, err := check(q)
		if err != nil {
			problems.AddProblem(fmt.Sprintf("%s %+q: invalid %s: %v", r.where(), r.text, noun, err))
			return
		}
		if problems.count() == 0 {
			ids = append(ids, ID{Query: q, Key: key})
		}
	})
	if err != nil {
		return nil, err
	}
	if err := problems.Err(); err != nil {
		return nil, err
	}
	return ids, nil
}

// SingleInput reports whether args name exactly one input on the command line, the case
// in which a lookup returning one object prints it bare in json and yaml.
func SingleInput(args []string, inputs int) bool {
	return len(args) == 1 && args[0] != "-" && inputs == 1
}
