package indicators

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/iostreams"
	"github.com/mdti-cli/mdti/internal/tiindicator"
)

// IndicatorFlags are the properties submit and export give HOSTs, and records that lack
// them.
type IndicatorFlags struct {
	Action        string
	ThreatType    string
	TLP           string
	Expires       string
	TargetProduct string
	Description   string
}

func (fl *IndicatorFlags) add(c *cobra.Command) {
	c.Flags().StringVar(&fl.Action, "action", "", "what to do on a match: block, alert or allow")
	c.Flags().StringVar(&fl.ThreatType, "threat-type", "", "threatType: Botnet, C2, CryptoMining, Darknet, DDoS, MaliciousUrl, Malware, Phishing, Proxy, PUA or WatchList")
	c.Flags().StringVar(&fl.TLP, "tlp", "", "tlpLevel: unknown, white, green, amber or red")
	c.Flags().StringVar(&fl.Expires, "expires", "", "expirationDateTime: a duration from now (30d, 12h, 2w), a date (2026-12-31) or an RFC 3339 time")
	c.Flags().StringVar(&fl.TargetProduct, "target-product", "", `targetProduct: "Azure Sentinel" or "Microsoft Defender ATP"`)
	c.Flags().StringVar(&fl.Description, "description", "", "description (the documentation asks for 100 characters or less)")
	for flag, values := range map[string][]string{"action": tiindicator.Actions, "threat-type": tiindicator.ThreatTypes,
		"tlp": tiindicator.TLPLevels, "target-product": tiindicator.TargetProducts} {
		_ = c.RegisterFlagCompletionFunc(flag, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
	}
}

// defaults parses the flags that were given; every mistake is listed at once (exit 2).
func (fl IndicatorFlags) defaults(now time.Time) (tiindicator.Defaults, error) {
	var d tiindicator.Defaults
	var problems []string
	parse := func(flag, v string, f func(string) (string, error), dst *string) {
		if v == "" {
			return
		}
		got, err := f(v)
		if err != nil {
			problems = append(problems, "--"+flag+": "+err.Error())
		}
		*dst = got
	}
	parse("action", fl.Action, tiindicator.ParseAction, &d.Action)
	parse("threat-type", fl.ThreatType, tiindicator.ParseThreatType, &d.ThreatType)
	parse("tlp", fl.TLP, tiindicator.ParseTLP, &d.TLPLevel)
	parse("target-product", fl.TargetProduct, tiindicator.ParseTargetProduct, &d.TargetProduct)
	d.Description = fl.Description
	if fl.Expires != "" {
		t, err := tiindicator.ParseExpiry(fl.Expires, now)
		if err != nil {
			problems = append(problems, "--expires: "+err.Error())
		}
		d.Expiration = t
	}
	if len(problems) > 0 {
		return d, cmdutil.FlagErrorf("%s", strings.Join(problems, "; "))
	}
	return d, nil
}

// fill is what the flags set, as tiIndicator properties, for records that lack them.
func fill(d tiindicator.Defaults) map[string]string {
	m := map[string]string{"action": d.Action, "threatType": d.ThreatType, "tlpLevel": d.TLPLevel,
		"targetProduct": d.TargetProduct, "description": d.Description}
	if !d.Expiration.IsZero() {
		m["expirationDateTime"] = tiindicator.FormatTime(d.Expiration)
	}
	for k, v := range m {
		if v == "" {
			delete(m, k)
		}
	}
	return m
}

// candidate is one indicator to send, before validation.
type candidate struct {
	item
	Ind tiindicator.Indicator
	Err error // it could not be read at all
}

// readCandidates reads what submit and export send: HOST arguments, or text from -i FILE or
// stdin that holds tiIndicator objects (a JSON array, JSONL, CSV with a header of
// property names) or HOSTs one per line, as `mdti reputation … --jq` prints them.
func readCandidates(ios *iostreams.IOStreams, args []string, inputFile string, d tiindicator.Defaults) ([]candidate, error) {
	if len(args) > 0 && !(len(args) == 1 && args[0] == "-") {
		if inputFile != "" {
			return nil, cmdutil.FlagErrorf("give HOSTs as arguments or -i FILE, not both")
		}
		return fromHosts(args, d), nil
	}
	text, err := readText(ios, args, inputFile, "HOSTs or tiIndicator objects")
	if err != nil {
		return nil, err
	}
	if !looksLikeObjects(text) {
		return fromHosts(hostLines(text), d), nil
	}
	recs, err := tiindicator.Read(bytes.NewReader(text))
	if err != nil {
		return nil, &cmdutil.InputError{Problems: []string{err.Error()}}
	}
	extra := fill(d)
	out := make([]candidate, len(recs))
	for i, r := range recs {
		raw, err := withDefaults(r.JSON, extra)
		c := candidate{item: item{Query: fmt.Sprintf("record %d", r.N), Body: raw}}
		if err == nil {
			c.Ind, err = tiindicator.Decode(raw)
		}
		c.Err = err
		c.Sent.ExternalID = c.Ind.ExternalID
		out[i] = c
	}
	return out, nil
}

func fromHosts(hosts []string, d tiindicator.Defaults) []candidate {
	out := make([]candidate, len(hosts))
	for i, h := range hosts {
		c := candidate{item: item{Query: h}}
		c.Ind, c.Err = tiindicator.FromHost(h, d)
		if c.Err == nil {
			c.Body, c.Err = marshal(c.Ind)
		}
		out[i] = c
	}
	return out
}

func marshal(ind tiindicator.Indicator) (json.RawMessage, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(ind); err != nil {
		return nil, err
	}
	return bytes.TrimSpace(b.Bytes()), nil
}

// readText reads -i FILE ("-" = stdin) or a piped stdin.
func readText(ios *iostreams.IOStreams, args []string, inputFile, what string) ([]byte, error) {
	var r io.Reader
	switch {
	case inputFile != "" && inputFile != "-":
		f, err := os.Open(inputFile)
		if err != nil {
			return nil, cmdutil.FlagErrorf("read %s: %w", inputFile, err)
		}
		defer f.Close()
		r = f
	case inputFile == "-" || len(args) == 1 || !ios.IsStdinTTY():
		r = ios.In
	default:
		return nil, cmdutil.FlagErrorf("give %s as arguments, -i FILE, or pipe them in", what)
	}
	data, err := io.ReadAll(io.LimitReader(r, tiindicator.MaxInput+1))
	if err != nil {
		return nil, fmt.Errorf("read input: %w", err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &cmdutil.InputError{Problems: []string{"nothing in the input: want " + what}}
	}
	return data, nil
}

// csvHeaderNames are properties that mark a first line as a CSV header rather than a host.
var csvHeaderNames = []string{"action", "description", "expirationdatetime", "targetproduct", "threattype",
	"tlplevel", "domainname", "url", "networkipv4", "networkipv6", "filehashvalue", "externalid"}

// looksLikeObjects tells tiIndicator objects (JSON, or CSV with a header of property
// names) from HOSTs one per line.
func looksLikeObjects(text []byte) bool {
	t := bytes.TrimLeft(bytes.TrimPrefix(text, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(t) > 0 && (t[0] == '{' || t[0] == '[') {
		return true
	}
	first, _, _ := strings.Cut(string(t), "\n")
	for _, f := range strings.Split(first, ",") {
		name := strings.ToLower(strings.Trim(strings.TrimSpace(f), `"`))
		if slices.Contains(csvHeaderNames, name) {
			return true
		}
	}
	return false
}

// hostLines are the non-empty lines of text, "#" comments aside.
func hostLines(text []byte) []string {
	var out []string
	for _, l := range strings.Split(string(text), "\n") {
		l = strings.TrimSpace(l)
		if l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

// withDefaults adds the flags' properties a record lacks (absent or null); a record with
// nothing to add is sent as the user wrote it.
func withDefaults(raw json.RawMessage, extra map[string]string) (json.RawMessage, error) {
	if len(extra) == 0 {
		return raw, nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, errors.New("not a JSON object")
	}
	changed := false
	for k, v := range extra {
		if cur, ok := m[k]; !ok || string(cur) == "null" {
			m[k], _ = json.Marshal(v)
			changed = true
		}
	}
	if !changed {
		return raw, nil
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil {
		return nil, err
	}
	return bytes.TrimSpace(b.Bytes()), nil
}

// validate checks every candidate as Graph would and lists every problem at once (exit 2,
// nothing sent). Warnings go to stderr and send anyway.
func validate(cands []candidate, now time.Time, errOut io.Writer) ([]item, []tiindicator.Indicator, error) {
	var problems []string
	items := make([]item, 0, len(cands))
	inds := make([]tiindicator.Indicator, 0, len(cands))
	for _, c := range cands {
		if c.Err != nil {
			problems = append(problems, c.Query+": "+c.Err.Error())
			continue
		}
		if err := tiindicator.Validate(c.Ind); err != nil {
			problems = append(problems, c.Query+": "+err.Error())
			continue
		}
		for _, w := range tiindicator.Warnings(c.Ind, now) {
			fmt.Fprintf(errOut, "warning: %s: %s\n", c.Query, w)
		}
		if unknown := tiindicator.Unknown(c.Body); len(unknown) > 0 {
			fmt.Fprintf(errOut, "warning: %s: properties the documentation does not name, sent as given: %s\n", c.Query, strings.Join(unknown, ", "))
		}
		items, inds = append(items, c.item), append(inds, c.Ind)
	}
	if len(problems) > 0 {
		return nil, nil, &cmdutil.InputError{Problems: problems}
	}
	return items, inds, nil
}
