package shared

import (
	"strings"

	"github.com/mdti-cli/mdti/internal/cmdutil"
)

// SingleTerm quotes a $search term for articles and intel profiles, which Graph searches
// for one term only: white space inside is a usage error rather than a 400.
func SingleTerm(flag, term string) (string, error) {
	lit, err := cmdutil.SearchLiteral(flag, term)
	if err != nil {
		return "", err
	}
	if strings.ContainsAny(strings.Trim(lit, `"`), " \t") {
		return "", cmdutil.FlagErrorf("%s %q: Graph searches for a single term; drop the spaces", flag, term)
	}
	return lit, nil
}
