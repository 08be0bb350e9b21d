package secops

import (
	"net/netip"
	"strings"
)

// HostClass says how the threat-intelligence side of the emulator treats a host that the
// synthetic evidence carries, so enrichment (issue 11) meets every case.
type HostClass string

const (
	Malicious  HostClass = "malicious"  // reputations.json: classification malicious
	Suspicious HostClass = "suspicious" // reputations.json: classification suspicious
	Neutral    HostClass = "neutral"    // reputations.json: classification neutral (clean)
	Unknown    HostClass = "unknown"    // in hosts.json, reputation classification unknown
	NotFound   HostClass = "notFound"   // absent from the TI data: hosts/{id} answers 404
	Private    HostClass = "private"    // private, loopback, link-local or CGNAT: never sent
	OwnDomain  HostClass = "ownDomain"  // the demo tenant's own domains: never sent
	Bulk       HostClass = "bulk"       // *.bulk.test: any name resolves, score from its hash
)

// OwnDomains are the demo tenant's domains: contoso.com (its public domain) and
// contoso.onmicrosoft.com (its initial domain, as in the docs' UPNs). Every host under them is
// the tenant's own and must be skipped by enrichment (--skip-domain / own_domains).
var OwnDomains = []string{"contoso.com", "contoso.onmicrosoft.com"}

// Host pools by class. The TI ones are taken from internal/emulator/data/reputations.json
// (the test checks each against that file). A table rather than a map: static data, so the
// package does no work at start-up.
var hostPools = []struct {
	class HostClass
	hosts []string
}{
	{Malicious, []string{"fake-malicious.site", "login.fake-malicious.site", "woodgrove-bank-login.com",
		"invoice-portal.click", "secure-docs-share.top", "batloader-cdn.xyz", "203.0.113.10"}},
	{Suspicious, []string{"cdn.fake-malicious.site", "tailspintoys.com", "update-northwind.net",
		"203.0.113.11", "198.51.100.23", "198.51.100.7", "104.21.50.7"}},
	{Neutral, []string{"fabrikam.com", "www.fabrikam.com", "mail.fabrikam.com", "northwindtraders.com",
		"adatum.com", "woodgrovebank.com", "wingtiptoys.com", "proseware.com", "relecloud.com",
		"fourthcoffee.com", "dns.google", "8.8.8.8", "20.103.85.33", "20.112.52.29", "40.76.4.15",
		"13.107.246.10", "2603:1030:20e:3::23c"}},
	{Unknown, []string{"unknown-new-domain.net", "2001:db8:85a3::8a2e:370:7334"}},
	{NotFound, []string{"cdn-sync-7731.net", "parcel-track-notice.info", "login-verify-account.online",
		"45.77.152.9", "185.220.101.33", "files-share-secure.co"}},
	{Private, []string{"10.1.4.22", "10.20.0.15", "192.168.1.50", "192.168.10.7", "127.0.0.1",
		"fe80::1c2a:3bff:fe4d:9e01", "172.16.8.9", "100.64.3.5", "10.0.0.53"}},
	{OwnDomain, []string{"contoso.com", "www.contoso.com", "securemail.contoso.com", "intranet.contoso.com",
		"vpn.contoso.com", "sharepoint.contoso.com", "mail.contoso.onmicrosoft.com"}},
}

// hostPool returns the hosts of one class (nil for a class without a pool).
func hostPool(c HostClass) []string {
	for _, p := range hostPools {
		if p.class == c {
			return p.hosts
		}
	}
	return nil
}

// hostClasses lists the pool classes in a fixed order.
var hostClasses = []HostClass{Malicious, Suspicious, Neutral, Unknown, NotFound, Private, OwnDomain}

// HostPool returns the hosts of one class that the synthetic evidence and hunting rows use.
func HostPool(c HostClass) []string { return append([]string(nil), hostPool(c)...) }

// ClassOf returns the class of a host the synthetic data uses ("" for others).
func ClassOf(host string) HostClass {
	h := strings.ToLower(host)
	if strings.HasSuffix(h, ".bulk.test") {
		return Bulk
	}
	for _, c := range hostClasses {
		if contains(hostPool(c), h) {
			return c
		}
	}
	return ""
}

func isIP(h string) bool {
	_, err := netip.ParseAddr(h)
	return err == nil
}
