package enrich

import (
	"net/netip"
	"sort"
	"strings"

	"github.com/mdti-cli/mdti/internal/indicator"
)

// HuntColumn is one column of a hunting result's schema (name/type, or Name/Type in beta).
type HuntColumn struct {
	Name string
	Type string
}

// HuntHosts is what `mdti hunt --indicators` prints and what it leaves out.
type HuntHosts struct {
	Hosts   []string      // to look up, in first-seen order (rows in order, columns in schema order)
	Skipped []SkippedHost // never sent (private, own domain…), in first-seen order
}

// SkippedHost is a host found but never sent, and why.
type SkippedHost struct {
	Host   string
	Reason indicator.SkipReason
}

// columnKind says what a column holds, judged by its name.
type columnKind int

const (
	otherColumn columnKind = iota
	ipColumn               // RemoteIP, LocalIP, SenderIPv4, SenderIPv6, FileOriginIP, IPAddress
	urlColumn              // RemoteUrl, Url, FileOriginUrl, FileOriginReferrerUrl, Urls
	hostColumn             // SenderFromDomain, SenderMailFromDomain, UrlDomain, RemoteHost, Fqdn
)

// Column names are judged by their ending, in any case. A cell is read only in such a
// column, and only when the whole cell is an indicator: values elsewhere (file names such
// as "powershell.exe", version strings such as "10.0.0.1", device names of the tenant)
// look like hosts without being any.
var columnSuffixes = []struct {
	suffix string
	kind   columnKind
}{
	{"ipaddress", ipColumn}, {"ipaddresses", ipColumn}, {"ipv4", ipColumn}, {"ipv6", ipColumn},
	{"ip", ipColumn}, {"ips", ipColumn},
	{"url", urlColumn}, {"urls", urlColumn}, {"uri", urlColumn},
	{"domainname", hostColumn}, {"domain", hostColumn}, {"domains", hostColumn}, {"hostname", hostColumn},
	{"host", hostColumn}, {"hosts", hostColumn}, {"fqdn", hostColumn},
}

func kindOfColumn(name string) columnKind {
	lower := strings.ToLower(name)
	for _, s := range columnSuffixes {
		if strings.HasSuffix(lower, s.suffix) {
			return s.kind
		}
	}
	return otherColumn
}

// HostsFromHunt returns the distinct hosts, IP addresses and URL hosts in a hunting
// result's string cells. Free text, GUIDs, hashes, numbers and e-mail addresses are
// ignored: the parser refuses them, or they are single labels, which no public DNS
// answers for. E-mail addresses are not reduced to their domain: Defender's tables give
// the sender's domain a column of its own (SenderFromDomain), and a recipient's domain is
// usually the tenant's own.
func HostsFromHunt(schema []HuntColumn, rows []map[string]any, policy indicator.SendPolicy) HuntHosts {
	var out HuntHosts
	seen := map[string]bool{}
	for _, row := range rows {
		for _, col := range columnsOf(schema, row) {
			kind := kindOfColumn(col)
			if kind == otherColumn {
				continue
			}
			for _, cell := range cellStrings(row[col]) {
				host, ok := huntHost(cell, kind)
				if !ok || seen[host] {
					continue
				}
				seen[host] = true
				if reason := policy.Skip(host); reason != "" {
					out.Skipped = append(out.Skipped, SkippedHost{Host: host, Reason: reason})
					continue
				}
				out.Hosts = append(out.Hosts, host)
			}
		}
	}
	return out
}

// columnsOf is the schema's column order, or the row's keys sorted when there is none.
func columnsOf(schema []HuntColumn, row map[string]any) []string {
	if len(schema) > 0 {
		names := make([]string, len(schema))
		for i, c := range schema {
			names[i] = c.Name
		}
		return names
	}
	names := make([]string, 0, len(row))
	for k := range row {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// cellStrings reads a string cell, or a dynamic cell holding an array of strings.
func cellStrings(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, item := range v {
			if s, ok := item.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// huntHost reads a cell of an indicator column the way evidence is read (hostOf), and keeps
// only what that column can hold: an IP address in an IP column, and no single-label name
// (a GUID, a hash, a NetBIOS domain) anywhere.
func huntHost(cell string, kind columnKind) (string, bool) {
	if strings.TrimSpace(cell) == "" {
		return "", false
	}
	host, err := hostOf(cell, kind == urlColumn)
	if err != nil {
		return "", false
	}
	_, err = netip.ParseAddr(host)
	if isName := err != nil; isName && (kind == ipColumn || !strings.Contains(host, ".")) {
		return "", false
	}
	return host, true
}
