package enrich

import (
	"sort"

	"github.com/mdti-cli/mdti/internal/indicator"
)

// Entry is one (incident, host) pair with everything the evidence said about it.
type Entry struct {
	IncidentID string // empty for alerts read on their own
	Indicator  string // as first seen in the evidence
	Host       string
	Evidence   []string // evidence kinds, sorted, unique
	AlertIDs   []string // sorted, unique
	Skipped    indicator.SkipReason
}

// Joined is the de-duplicated view of an extraction.
type Joined struct {
	Entries []Entry  // in the order each (incident, host) was first seen
	Lookup  []string // distinct hosts to send to MDTI, first-seen order, the skipped left out
}

type entryKey struct{ incident, host string }

// Join merges what several alerts and incidents found: one entry per (incident, host), so
// a host seen in two incidents is reported in both but looked up once.
func Join(found []Extracted, policy indicator.SendPolicy) Joined {
	var j Joined
	index := make(map[entryKey]int, len(found))
	looked := make(map[string]bool, len(found))
	for _, x := range found {
		k := entryKey{x.IncidentID, x.Host}
		i, seen := index[k]
		if !seen {
			i = len(j.Entries)
			index[k] = i
			j.Entries = append(j.Entries, Entry{
				IncidentID: x.IncidentID, Indicator: x.Indicator, Host: x.Host,
				Skipped: policy.Skip(x.Host),
			})
		}
		e := &j.Entries[i]
		e.Evidence = insertSorted(e.Evidence, x.Kind)
		e.AlertIDs = insertSorted(e.AlertIDs, x.AlertID)
		if e.Skipped == "" && !looked[x.Host] {
			looked[x.Host] = true
			j.Lookup = append(j.Lookup, x.Host)
		}
	}
	return j
}

// insertSorted adds s to a sorted set; empty strings are not members.
func insertSorted(set []string, s string) []string {
	if s == "" {
		return set
	}
	i := sort.SearchStrings(set, s)
	if i < len(set) && set[i] == s {
		return set
	}
	set = append(set, "")
	copy(set[i+1:], set[i:])
	set[i] = s
	return set
}
