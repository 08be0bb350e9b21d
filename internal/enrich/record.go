package enrich

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/mdti-cli/mdti/internal/indicator"
)

// Record is the verdict for one (incident, indicator): the output of enrich.
type Record struct {
	IncidentID     string // omitted from JSON when empty (alerts enrich)
	Indicator      string
	Host           string
	Evidence       []string
	AlertIDs       []string
	Classification string                     // "" when skipped
	Score          *int                       // nil when skipped or when MDTI has no reputation
	Rules          json.RawMessage            // the reputation's rules as Graph sent them
	Datasets       map[string]json.RawMessage // by record key (DatasetKey)
	Skipped        indicator.SkipReason

	topRule string // "name (severity)" of the most severe rule, for the comment
}

// Unknown is the classification of a host MDTI has no reputation for (a 404).
const Unknown = "unknown"

var fixedKeys = map[string]bool{
	"incidentId": true, "indicator": true, "host": true, "evidence": true, "alertIds": true,
	"classification": true, "score": true, "rules": true, "skipped": true,
}

// DatasetKey is the record key of an added dataset: its name, unless the name is already a
// record key. `--with host` would overwrite "host", the host looked up, so it becomes
// "hostDataset".
func DatasetKey(name string) string {
	if fixedKeys[name] {
		return name + "Dataset"
	}
	return name
}

// reputation is the part of a microsoft.graph.security.hostReputation a record needs.
type reputation struct {
	Classification string          `json:"classification"`
	Score          *int            `json:"score"`
	Rules          json.RawMessage `json:"rules"`
}

type rule struct {
	Name     string `json:"name"`
	Severity string `json:"severity"`
}

// NewRecord builds the record of a joined entry. rep is the host's reputation record, nil
// when MDTI has none (the record is then "unknown"); datasets are the added datasets'
// summaries by name (--with). Both are ignored for a skipped entry: nothing was sent.
func NewRecord(e Entry, rep json.RawMessage, datasets map[string]json.RawMessage) (Record, error) {
	r := Record{
		IncidentID: e.IncidentID, Indicator: e.Indicator, Host: e.Host,
		Evidence: nonNil(e.Evidence), AlertIDs: nonNil(e.AlertIDs), Skipped: e.Skipped,
	}
	if e.Skipped != "" {
		return r, nil
	}
	if err := r.setDatasets(datasets); err != nil {
		return Record{}, err
	}
	if err := r.setReputation(rep); err != nil {
		return Record{}, fmt.Errorf("decode reputation of %q: %w", e.Host, err)
	}
	return r, nil
}

func (r *Record) setDatasets(datasets map[string]json.RawMessage) error {
	if len(datasets) == 0 {
		return nil
	}
	r.Datasets = make(map[string]json.RawMessage, len(datasets))
	for name, v := range datasets {
		key := DatasetKey(name)
		if _, taken := r.Datasets[key]; taken {
			return fmt.Errorf("dataset %q: its key %q is taken by another dataset", name, key)
		}
		r.Datasets[key] = v
	}
	return nil
}

// setReputation reads the verdict; without a reputation the host is unknown to MDTI.
func (r *Record) setReputation(rep json.RawMessage) error {
	r.Classification, r.Rules = Unknown, json.RawMessage("[]")
	if rep == nil {
		return nil
	}
	var v reputation
	if err := json.Unmarshal(rep, &v); err != nil {
		return err
	}
	if v.Classification != "" {
		r.Classification = v.Classification
	}
	r.Score = v.Score
	if len(v.Rules) == 0 || string(v.Rules) == "null" {
		return nil
	}
	var rules []rule
	if err := json.Unmarshal(v.Rules, &rules); err != nil {
		return fmt.Errorf("rules: %w", err)
	}
	r.Rules, r.topRule = v.Rules, topRule(rules)
	return nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// topRule is the most severe rule, the first of equals: what an analyst reads first.
func topRule(rules []rule) string {
	best := -1
	for i, r := range rules {
		if best < 0 || severityRank(r.Severity) > severityRank(rules[best].Severity) {
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	r := rules[best]
	if r.Severity == "" {
		return r.Name
	}
	return r.Name + " (" + r.Severity + ")"
}

func severityRank(s string) int {
	switch strings.ToLower(s) {
	case "high":
		return 3
	case "medium":
		return 2
	case "low":
		return 1
	}
	return 0
}

// MarshalJSON writes the keys in the documented order: incidentId, indicator, host,
// evidence, alertIds, classification, score, rules, one key per dataset (sorted), skipped.
func (r Record) MarshalJSON() ([]byte, error) {
	w := objectWriter{}
	if r.IncidentID != "" {
		w.field("incidentId", r.IncidentID)
	}
	w.field("indicator", r.Indicator)
	w.field("host", r.Host)
	w.field("evidence", nonNil(r.Evidence))
	w.field("alertIds", nonNil(r.AlertIDs))
	if r.Skipped != "" {
		w.field("skipped", r.Skipped)
		return w.close()
	}
	w.field("classification", r.Classification)
	w.field("score", r.Score)
	rules := r.Rules
	if len(rules) == 0 {
		rules = json.RawMessage("[]")
	}
	w.field("rules", rules)
	names := make([]string, 0, len(r.Datasets))
	for name := range r.Datasets {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		w.field(name, r.Datasets[name])
	}
	return w.close()
}

// objectWriter writes a JSON object whose keys keep the order they are written in.
type objectWriter struct {
	buf bytes.Buffer
	err error
}

func (w *objectWriter) field(key string, value any) {
	if w.err != nil {
		return
	}
	k, _ := json.Marshal(key)
	v, err := json.Marshal(value)
	if err != nil {
		w.err = fmt.Errorf("encode %s: %w", key, err)
		return
	}
	if w.buf.Len() == 0 {
		w.buf.WriteByte('{')
	} else {
		w.buf.WriteByte(',')
	}
	w.buf.Write(k)
	w.buf.WriteByte(':')
	w.buf.Write(v)
}

func (w *objectWriter) close() ([]byte, error) {
	if w.err != nil {
		return nil, w.err
	}
	w.buf.WriteByte('}')
	return w.buf.Bytes(), nil
}

// tableRank orders verdicts for the terminal: malicious first, skipped last.
func tableRank(r Record) int {
	if r.Skipped != "" {
		return 4
	}
	switch strings.ToLower(r.Classification) {
	case "malicious":
		return 0
	case "suspicious":
		return 1
	case "neutral":
		return 2
	}
	return 3
}

// SortForTable orders records malicious, suspicious, neutral, unknown, skipped, keeping
// the input order among equals.
func SortForTable(records []Record) {
	sort.SliceStable(records, func(i, j int) bool { return tableRank(records[i]) < tableRank(records[j]) })
}
