package emulator

import (
	"strings"
	"testing"
)

// TestEveryRoute asks every documented endpoint in both versions and both modes and checks
// the shape: single entities are wrapped in {"value": {...}} only where the documentation's
// examples do it, and only in DocsLiteral mode.
func TestEveryRoute(t *testing.T) {
	for _, literal := range []bool{false, true} {
		t.Run(map[bool]string{false: "default", true: "literal"}[literal], func(t *testing.T) {
			testEveryRoute(t, literal)
		})
	}
}

func testEveryRoute(t *testing.T, literal bool) {
	_, srv := newTestServer(t, Options{DocsLiteral: literal})
	cases := everyRoute()
	for _, version := range []string{"v1.0", "beta"} {
		for _, c := range cases {
			t.Run(version+"/"+c.path, func(t *testing.T) {
				r := get(t, srv, "/"+version+ti+c.path)
				if r.status != 200 {
					t.Fatalf("status %d: %s", r.status, r.body)
				}
				m := r.json(t)
				ctx, _ := m["@odata.context"].(string)
				if !strings.HasPrefix(ctx, "https://graph.microsoft.com/"+version+"/$metadata#security/threatIntelligence/") {
					t.Errorf("@odata.context = %q", ctx)
				}
				var ent map[string]any
				switch wrap := literal && ((version == "beta" && c.wrapBeta) || (version == "v1.0" && c.wrapV1)); {
				case c.list:
					items := values(t, m)
					if len(items) == 0 {
						t.Fatal("empty collection")
					}
					ent = items[0]
				case wrap:
					v, ok := m["value"].(map[string]any)
					if !ok {
						t.Fatalf("want {\"value\": {...}} wrapping, got %s", r.body)
					}
					ent = v
				default:
					if _, ok := m["value"].(map[string]any); ok {
						t.Fatalf("unexpected value wrapping: %s", r.body)
					}
					if !strings.HasSuffix(ctx, "/$entity") {
						t.Errorf("single entity context %q lacks /$entity", ctx)
					}
					ent = m
				}
				if got := ent["@odata.type"]; got != "#microsoft.graph.security."+c.odata {
					t.Errorf("@odata.type = %v, want %s", got, c.odata)
				}
				if ent["id"] == nil || ent["id"] == "" {
					t.Errorf("no id in %v", ent)
				}
			})
		}
	}
}

func TestDocumentedExampleValues(t *testing.T) {
	_, srv := newTestServer(t, Options{})
	host := get(t, srv, "/v1.0"+ti+"hosts/contoso.com").json(t)
	if host["registrar"] != "MarkMonitor Inc." || host["registrant"] != "Microsoft Corporation" || host["firstSeenDateTime"] != "2009-09-02T03:29:10.000Z" {
		t.Errorf("contoso.com = %v", host)
	}
	rep := get(t, srv, "/v1.0"+ti+"hosts/fake-malicious.site/reputation").json(t)
	if rep["id"] != "1e3b9ded-abb6-1828-c4ef-a5ca48b287a0" || rep["classification"] != "malicious" || rep["score"] != 100.0 || len(rep["rules"].([]any)) != 4 {
		t.Errorf("reputation = %v", rep)
	}
	art := get(t, srv, "/v1.0"+ti+"articles/a272d5ab").json(t)
	if !strings.HasPrefix(art["title"].(string), "Batloader Malware") || art["isFeatured"] != false {
		t.Errorf("article = %v", art)
	}
	port := values(t, get(t, srv, "/v1.0"+ti+"hosts/8.8.8.8/ports").json(t))[0]
	if port["id"] != "tKhoxnUMGirrHqYiMpsdaQRDZKBnXrao" || port["timesObserved"] != 15590.0 {
		t.Errorf("port = %v", port)
	}
	stub := port["mostRecentSslCertificate"].(map[string]any)
	if len(stub) != 1 || stub["id"] != "ZmI5NjU1MTUwNWYxZWRiMjRkZDNiMzZmY2ZmZGI3NjU4MzNiODExOA==" {
		t.Errorf("mostRecentSslCertificate stub = %v", stub)
	}
}

func TestVersionQuirks(t *testing.T) {
	_, srv := newTestServer(t, Options{DocsLiteral: true})
	v1 := get(t, srv, "/v1.0"+ti+"articleIndicators/ZmFrZS1tYWxpY2lvdXMuc2l0ZQ==").json(t)
	beta := get(t, srv, "/beta"+ti+"articleIndicators/ZmFrZS1tYWxpY2lvdXMuc2l0ZQ==").json(t)
	if v1["source"] != "microsoft" || beta["source"] != "microsoftDefenderThreatIntelligence" {
		t.Errorf("source v1.0 %v beta %v", v1["source"], beta["source"])
	}
	osint := values(t, get(t, srv, "/beta"+ti+"articles/a272d5ab/indicators").json(t))[0]
	if osint["source"] != "openSourceIntelligence" {
		t.Errorf("beta osint source = %v", osint["source"])
	}
	vb := get(t, srv, "/beta"+ti+"vulnerabilities/CVE-2021-44228").json(t)["value"].(map[string]any)
	if vb["hasChatter"] != "true" || vb["activeExploitsObserved"] != "true" {
		t.Errorf("beta booleans = %v %v", vb["hasChatter"], vb["activeExploitsObserved"])
	}
	vv := get(t, srv, "/v1.0"+ti+"vulnerabilities/CVE-2021-44228").json(t)
	if vv["hasChatter"] != true {
		t.Errorf("v1.0 hasChatter = %v", vv["hasChatter"])
	}
	cert := get(t, srv, "/v1.0"+ti+"sslCertificates/ZmI5NjU1MTUwNWYxZWRiMjRkZDNiMzZmY2ZmZGI3NjU4MzNiODExOA==").json(t)["value"].(map[string]any)
	if _, ok := cert["subject"].(map[string]any)["alternateName"]; !ok {
		t.Errorf("literal certificate subject lacks alternateName: %v", cert["subject"])
	}
	hc := values(t, get(t, srv, "/v1.0"+ti+"hosts/contoso.com/sslCertificates").json(t))[0]
	if got := hc["host"].(map[string]any)["@odata.type"]; got != "#microsoft.graph.security.hostName" {
		t.Errorf("literal hostSslCertificate host type = %v", got)
	}
	if r := get(t, srv, "/beta"+ti+"intelProfiles/actinium"); r.status != 200 {
		t.Errorf("beta actinium: %d", r.status)
	}
	wantError(t, get(t, srv, "/v1.0"+ti+"intelProfiles/actinium"), 404, "NotFound")
}

func TestEscapedKeysAndODataKeys(t *testing.T) {
	_, srv := newTestServer(t, Options{})
	// %2F is part of the key, never a separator: no host has that name.
	wantError(t, get(t, srv, "/v1.0"+ti+"hosts/contoso.com%2Freputation"), 404, "NotFound")
	r := get(t, srv, "/v1.0"+ti+"hosts('contoso.com')/reputation")
	if r.status != 200 || !strings.Contains(string(r.body), `hosts('contoso.com')/reputation/$entity`) {
		t.Fatalf("OData key form: %d %s", r.status, r.body)
	}
	// Doubled quotes are undone: the key o'brien.example is looked up (and not found).
	e := wantError(t, get(t, srv, "/v1.0"+ti+"hosts('o''brien.example')"), 404, "NotFound")
	if !strings.Contains(e["message"].(string), "o'brien.example") {
		t.Errorf("message = %v", e["message"])
	}
	wantError(t, get(t, srv, "/v1.0"+ti+"hosts('bad'quote')"), 400, "BadRequest")
	if r := get(t, srv, "/v1.0"+ti+"hosts/CONTOSO.COM"); r.status != 200 {
		t.Errorf("host keys are case-insensitive: %d", r.status)
	}
}

// routeCase is one documented threat-intelligence endpoint.
type routeCase struct {
	path     string
	odata    string // @odata.type of the entity or of the first item
	list     bool
	wrapBeta bool // the documented example wraps the entity (DocsLiteral)
	wrapV1   bool
}

// everyRoute lists every documented threat-intelligence endpoint with sample keys.
func everyRoute() []routeCase {
	const aqua = "9b01de37bf66d1760954a16dc2b52fed2a7bd4e093dfc8a4905e108e4843da80"
	const cert = "ZmI5NjU1MTUwNWYxZWRiMjRkZDNiMzZmY2ZmZGI3NjU4MzNiODExOA=="
	const whois = "Y29udG9zby5jb20kJDY5NjQ3ODEyMDc3NDY1NzI0MzM="
	return []routeCase{
		{path: "hosts/contoso.com", odata: "hostname", wrapBeta: true},
		{path: "hosts('8.8.8.8')", odata: "ipAddress", wrapBeta: true},
		{path: "hosts/fake-malicious.site/reputation", odata: "hostReputation"},
		{path: "hosts/contoso.com/whois", odata: "whoisRecord"},
		{path: "hosts/contoso.com/whois/history", odata: "whoisHistoryRecord", list: true},
		{path: "hosts/contoso.com/childHostPairs", odata: "hostPair", list: true},
		{path: "hosts/contoso.com/parentHostPairs", odata: "hostPair", list: true},
		{path: "hosts/contoso.com/hostPairs", odata: "hostPair", list: true},
		{path: "hosts/contoso.com/components", odata: "hostComponent", list: true},
		{path: "hosts/contoso.com/cookies", odata: "hostCookie", list: true},
		{path: "hosts/contoso.com/trackers", odata: "hostTracker", list: true},
		{path: "hosts/contoso.com/passiveDns", odata: "passiveDnsRecord", list: true},
		{path: "hosts/20.103.85.33/passiveDnsReverse", odata: "passiveDnsRecord", list: true},
		{path: "hosts/8.8.8.8/ports", odata: "hostPort", list: true},
		{path: "hosts/contoso.com/sslCertificates", odata: "hostSslCertificate", list: true},
		{path: "hosts/contoso.com/subdomains", odata: "subdomain", list: true},
		{path: "hostComponents/TWljcm9zb2Z0LUlJUyQkMTAuMCQkU2VydmVyJCRjMS5taWNyb3NvZnQuY29t", odata: "hostComponent"},
		{path: "hostCookies/c2VjdXJlbWFpbC5jb250b3NvLmNvbSQkT0lEQyQkc2VjdXJlbWFpbC5jb250b3NvLmNvbQ==", odata: "hostCookie"},
		{path: "hostPairs/ZmluYWxSZWRpcmVjdCQkY29udG9zby5jb20kJGNvbnRvc28uY29tJCRjb250b3NvLmNvbQ==", odata: "hostPair"},
		{path: "hostPorts/tKhoxnUMGirrHqYiMpsdaQRDZKBnXrao", odata: "hostPort", wrapV1: true, wrapBeta: true},
		{path: "hostSslCertificates/Y29udG9zby5jb20xNTUwMGZiOTY1NTE1MDVmMWVkYjI0ZGQzYjM2ZmNmZmRiNzY1ODMzYjgxMTg=", odata: "hostSslCertificate", wrapV1: true, wrapBeta: true},
		{path: "hostTrackers/Y29udG9zby1hZHZlcnRpc2luZzkyNDEwQ29udG9zb0lkOTI0MTBhYm91dC5hZHMuY29udG9zby5jb20=", odata: "hostTracker"},
		{path: "articles", odata: "article", list: true},
		{path: "articles/a272d5ab", odata: "article"},
		{path: "articles/a272d5ab/indicators", odata: "articleIndicator", list: true},
		{path: "articleIndicators/ZmFrZS1tYWxpY2lvdXMuc2l0ZQ==", odata: "articleIndicator"},
		{path: "intelProfiles", odata: "intelligenceProfile", list: true},
		{path: "intelProfiles/" + aqua, odata: "intelligenceProfile"},
		{path: "intelProfiles/" + aqua + "/indicators", odata: "intelligenceProfileIndicator", list: true},
		{path: "intelligenceProfileIndicators/ff3eecd2-a2be-27c2-8dc0-40d1c0eada55", odata: "intelligenceProfileIndicator"},
		{path: "passiveDnsRecords/Y29udG9zby5jb20kJDIwLjEwMy44NS4zMyQkZmFsc2U=", odata: "passiveDnsRecord", wrapV1: true},
		{path: "passiveDnsRecord/Y29udG9zby5jb20kJDIwLjEwMy44NS4zMyQkZmFsc2U=", odata: "passiveDnsRecord", wrapV1: true},
		{path: "sslCertificates?$search=\"sha1:fb96551505f1edb24dd3b36fcffdb765833b8118\"", odata: "sslCertificate", list: true},
		{path: "sslCertificates/" + cert, odata: "sslCertificate", wrapV1: true, wrapBeta: true},
		{path: "sslCertificates/" + cert + "/relatedHosts", odata: "hostname", list: true},
		{path: "subdomains/8e03a695-67c8-c371-d901-f6f88dbcc2f4", odata: "subdomain", wrapV1: true, wrapBeta: true},
		{path: "vulnerabilities/CVE-2021-44228", odata: "vulnerability", wrapBeta: true},
		{path: "vulnerabilities/CVE-2021-44228/components", odata: "vulnerabilityComponent", list: true},
		{path: "vulnerabilities/cve-2021-44228/components/Y3ZlLTIwMjEtNDQyMjgkJEFwYWNoZSBMb2c0aiAyLjE0LjE=", odata: "vulnerabilityComponent"},
		{path: "vulnerabilities/CVE-2021-44228/articles", odata: "article", list: true},
		{path: "whoisHistoryRecord/Y29udG9zby5jb20kJGhpc3RvcnkkJDA=", odata: "whoisHistoryRecord"},
		{path: "whoisRecords?$search=\"admin/address/state:WA\"", odata: "whoisRecord", list: true},
		{path: "whoisRecords/" + whois, odata: "whoisRecord"},
		{path: "whoisRecords/" + whois + "/history", odata: "whoisHistoryRecord", list: true},
		{path: "whoisRecord/" + whois + "/history", odata: "whoisHistoryRecord", list: true},
	}
}
