package cmdutil

import (
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mdti-cli/mdti/internal/indicator"
	"github.com/mdti-cli/mdti/internal/iostreams"
	"github.com/mdti-cli/mdti/internal/lazy"
	"github.com/mdti-cli/mdti/internal/render"
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
// input reported, nothing sent), de-duplicated by key, in input order. noun names the ids
// in messages ("article ID").
func ReadIDs(ios *iostreams.IOStreams, args []string, inputFile, noun string, check IDCheck) ([]ID, error) {
	raws, err := collect(ios, args, inputFile)
	if err != nil {
		return nil, err
	}
	if len(raws) == 0 {
		return nil, FlagErrorf("no %s given: pass one or more as arguments, pipe them on stdin or use -i FILE", noun)
	}
	seen := make(map[string]bool, len(raws))
	ids := make([]ID, 0, len(raws))
	var problems []string
	for _, r := range raws {
		q := strings.TrimSpace(r.text)
		key, err := check(q)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s %q: invalid %s: %v", r.where, r.text, noun, err))
			continue
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		ids = append(ids, ID{Query: q, Key: key})
	}
	if len(problems) > 0 {
		return nil, &InputError{Problems: problems}
	}
	return ids, nil
}

// IDFetchFunc looks up one id and hands each resulting record to emit.
type IDFetchFunc func(ctx context.Context, id ID, emit func(rec []byte) error) error

// LookupIDs runs fetch for every id and prints the records through view, with the same
// accounting as LookupHosts: each record gets "query" first, a failed id gets an error
// record (json, jsonl, yaml) and a line on stderr, and the exit code is the worst
// outcome. single says one id was given and it returns one object (CONTRACT.md §3).
func (f *Factory) LookupIDs(ctx context.Context, ids []ID, view render.View, single bool, fetch IDFetchFunc) error {
	inputs, byKey := idInputs(ids)
	return f.runHostLookup(ctx, inputs, view, single, &HostLookup{Fetch: func(ctx context.Context, h indicator.Host, emit func([]byte) error) error {
		return fetch(ctx, byKey[h.Key], emit)
	}})
}

// LookupIDEntities GETs one entity per id (path gives its version-relative path); many
// ids go out as JSON batches, like LookupEntities does for HOSTs.
func (f *Factory) LookupIDEntities(ctx context.Context, ids []ID, view render.View, single bool, path func(ID) string) error {
	client, err := f.GraphClient()
	if err != nil {
		return err
	}
	inputs, byKey := idInputs(ids)
	return f.runHostLookup(ctx, inputs, view, single, &HostLookup{Client: client, EntityPath: func(h indicator.Host) string {
		return path(byKey[h.Key])
	}})
}

func idInputs(ids []ID) ([]indicator.Host, map[string]ID) {
	inputs := make([]indicator.Host, len(ids))
	byKey := make(map[string]ID, len(ids))
	for i, id := range ids {
		inputs[i] = indicator.Host{Query: id.Query, Key: id.Key}
		byKey[id.Key] = id
	}
	return inputs, byKey
}

// SingleInput reports whether args name exactly one input on the command line, the case
// in which a lookup returning one object prints it bare in json and yaml.
func SingleInput(args []string, inputs int) bool {
	return len(args) == 1 && args[0] != "-" && inputs == 1
}

// LookupIDCollections lists one collection per id (an article's indicators, a
// certificate's hosts…): each record gets "query", json prints an array, --limit and
// --all apply per id.
func (f *Factory) LookupIDCollections(ctx context.Context, ids []ID, view render.View, path func(ID) string) error {
	client, err := f.GraphClient()
	if err != nil {
		return err
	}
	return f.LookupIDs(ctx, ids, view, false, func(ctx context.Context, id ID, emit func([]byte) error) error {
		return Collect(ctx, client, f.CollectionFor(path(id), nil), emit)
	})
}
