package cmdutil

import (
	"errors"
	"strings"
	"testing"

	"github.com/mdti-cli/mdti/internal/iostreams"
)

// A flood of invalid lines reports the first MaxProblems and how many more there were.
func TestInvalidInputListIsCapped(t *testing.T) {
	ios, in, _, _ := iostreams.Test()
	ios.SetStdinTTY(false)
	in.WriteString(strings.Repeat("not a host!\n", 5000))
	_, err := ReadHosts(ios, nil, "")
	var inputErr *InputError
	if !errors.As(err, &inputErr) {
		t.Fatalf("err = %v", err)
	}
	msg := err.Error()
	if len(inputErr.Problems) != MaxProblems || !strings.HasPrefix(msg, "5000 invalid inputs") ||
		!strings.HasSuffix(msg, "… and 4980 more") || strings.Count(msg, "\n") != MaxProblems+1 {
		t.Fatalf("%d problems, message:\n%s", len(inputErr.Problems), msg)
	}
}

// A line over 64 KiB is named by its number.
func TestOverlongLineIsNamedByNumber(t *testing.T) {
	ios, in, _, _ := iostreams.Test()
	ios.SetStdinTTY(false)
	in.WriteString("contoso.com\n# comment\n" + strings.Repeat("a", 70*1024) + "\n")
	_, err := ReadHosts(ios, nil, "")
	if err == nil || !strings.Contains(err.Error(), "line 3 is longer than 64 KiB") {
		t.Fatalf("err = %v", err)
	}
}

// Commas inside a URL's query belong to it: "x.com?next=a,b" is one input, not a lookup of b.
func TestCommasInAQueryDoNotSplit(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	_, err := ReadHosts(ios, []string{"contoso.com?next=a,fabrikam.com"}, "")
	var inputErr *InputError
	if !errors.As(err, &inputErr) || inputErr.count() != 1 || strings.Contains(err.Error(), `"fabrikam.com"`) {
		t.Fatalf("err = %v", err)
	}
	hosts, err := ReadHosts(ios, []string{"contoso.com, fabrikam.com"}, "")
	if err != nil || len(hosts) != 2 {
		t.Fatalf("a plain list: %v %v", hosts, err)
	}
}
