package cmdutil

import (
	"strings"
	"testing"

	"github.com/mdti-cli/mdti/internal/iostreams"
)

func TestValidateID(t *testing.T) {
	for _, ok := range []string{"a272d5ab", "ZmFrZS1tYWxpY2lvdXMuc2l0ZQ==", "a+b=", "actinium", "9b01de37bf66d1760954a16dc2b52fed2a7bd4e093dfc8a4905e108e4843da80", "it's", "..."} {
		if got, err := ValidateID(ok); err != nil || got != ok {
			t.Errorf("ValidateID(%q) = %q, %v", ok, got, err)
		}
	}
	for _, bad := range []string{"", ".", "..", "a/b", "a?b", "a#b", "a%2Fb", `a\b`, "a b", "a\tb", "a\x00b", "a\x7fb", "a\u0085b", "\xff", strings.Repeat("a", 1025), "$count", "$ref", "$value"} {
		if got, err := ValidateID(bad); err == nil {
			t.Errorf("ValidateID(%q) = %q, want an error", bad, got)
		}
	}
}

func TestValidateCVE(t *testing.T) {
	for in, want := range map[string]string{"CVE-2021-44228": "CVE-2021-44228", "cve-2021-44228": "CVE-2021-44228", "Cve-2023-123456": "CVE-2023-123456"} {
		if got, err := ValidateCVE(in); err != nil || got != want {
			t.Errorf("ValidateCVE(%q) = %q, %v", in, got, err)
		}
	}
	for _, bad := range []string{"", "CVE-21-44228", "CVE-2021-442", "CVE-2021-44228/../x", "CVE-2021-44228 ", "2021-44228", "CVE_2021_44228", "xCVE-2021-44228"} {
		if _, err := ValidateCVE(bad); err == nil {
			t.Errorf("ValidateCVE(%q): want an error", bad)
		}
	}
}

func TestReadIDs(t *testing.T) {
	ios, in, _, _ := iostreams.Test()
	ios.SetStdinTTY(false)
	in.WriteString("# ids\n\ncve-2021-44228\nCVE-2021-44228\nCVE-2023-23397\n")
	ids, err := ReadIDs(ios, nil, "", "CVE id", ValidateCVE)
	if err != nil {
		t.Fatal(err)
	}
	// A repeated id stays: it is its own input (the lookup engine asks Graph once).
	if len(ids) != 3 || ids[0] != (ID{Query: "cve-2021-44228", Key: "CVE-2021-44228"}) ||
		ids[1] != (ID{Query: "CVE-2021-44228", Key: "CVE-2021-44228"}) || ids[2].Key != "CVE-2023-23397" {
		t.Fatalf("ids = %+v", ids)
	}

	_, err = ReadIDs(ios, []string{"ok", "a/b", ""}, "", "article ID", ValidateID)
	if ExitCode(err) != ExitUsage || !strings.Contains(err.Error(), `argument 2 "a/b": invalid article ID: contains '/'`) || !strings.Contains(err.Error(), `argument 3 "": invalid article ID: empty`) {
		t.Fatalf("err = %v", err)
	}
	ios.SetStdinTTY(true)
	if _, err := ReadIDs(ios, nil, "", "article ID", ValidateID); ExitCode(err) != ExitUsage || !strings.Contains(err.Error(), "no article ID given") {
		t.Fatalf("err = %v", err)
	}
}

// An empty list read from stdin or a file is no inputs, not an error; on a terminal a
// note says so. No argument on a terminal stays a usage error.
func TestEmptyInputListIsNotAnError(t *testing.T) {
	ios, in, _, errOut := iostreams.Test()
	in.WriteString("# nothing this week\n\n")
	hosts, err := ReadHosts(ios, nil, "")
	if err != nil || len(hosts) != 0 || errOut.Len() != 0 {
		t.Fatalf("ReadHosts = %v, %v; stderr %q", hosts, err, errOut)
	}
	ios.SetStderrTTY(true)
	if hosts, err := ReadHosts(ios, []string{"-"}, ""); err != nil || len(hosts) != 0 {
		t.Fatalf("ReadHosts = %v, %v", hosts, err)
	}
	if got := errOut.String(); got != "no HOSTs in stdin: nothing to look up\n" {
		t.Errorf("stderr %q", got)
	}
	ios.SetStdinTTY(true)
	if _, err := ReadHosts(ios, nil, ""); ExitCode(err) != ExitUsage {
		t.Errorf("no argument on a terminal: %v, want a usage error", err)
	}
}

// A line too long to be an input names its line, not Go's scanner.
func TestTooLongLineIsNamed(t *testing.T) {
	ios, in, _, _ := iostreams.Test()
	in.WriteString("contoso.com\n" + strings.Repeat("a", 70000) + "\n")
	_, err := ReadHosts(ios, nil, "")
	if want := "read stdin: line 2 is longer than 64 KiB: not a list of HOSTs or ids, one per line"; err == nil || err.Error() != want {
		t.Errorf("err = %v, want %q", err, want)
	}
}
