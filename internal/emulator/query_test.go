package emulator

import (
	"net/url"
	"strings"
	"testing"
)

func TestPagingWalksCollectionOnce(t *testing.T) {
	_, srv := newTestServer(t, Options{PageSize: 3})
	link := srv.URL + "/v1.0" + ti + "articles?$count=true"
	seen := map[string]bool{}
	var ids []string
	pages := 0
	for link != "" {
		r := doRequest(t, "GET", link, "tok", "")
		if r.status != 200 {
			t.Fatalf("%s: %d %s", link, r.status, r.body)
		}
		m := r.json(t)
		if m["@odata.count"] != 10.0 {
			t.Errorf("page %d @odata.count = %v", pages, m["@odata.count"])
		}
		for _, it := range values(t, m) {
			id := it["id"].(string)
			if seen[id] {
				t.Fatalf("id %s served twice", id)
			}
			seen[id] = true
			ids = append(ids, id)
		}
		link, _ = m["@odata.nextLink"].(string)
		if link != "" && !strings.HasPrefix(link, srv.URL+"/v1.0/security/threatIntelligence/articles?") {
			t.Fatalf("nextLink %q not on the request's host", link)
		}
		pages++
	}
	if len(ids) != 10 || pages != 4 {
		t.Fatalf("got %d items in %d pages, want 10 in 4", len(ids), pages)
	}
	if ids[0] != "a272d5ab" {
		t.Errorf("first article %s", ids[0])
	}
}

func TestTopSkipSelect(t *testing.T) {
	_, srv := newTestServer(t, Options{PageSize: 2})
	m := get(t, srv, "/v1.0"+ti+"articles?$top=5&$skip=1&$select=id,title").json(t)
	items := values(t, m)
	if len(items) != 2 || items[0]["id"] != "831b70a4" {
		t.Fatalf("first page = %v", items)
	}
	if len(items[0]) != 3 || items[0]["title"] == nil || items[0]["@odata.type"] == nil {
		t.Errorf("$select kept %v", items[0])
	}
	if ctx := m["@odata.context"].(string); !strings.HasSuffix(ctx, "#security/threatIntelligence/articles(id,title)") {
		t.Errorf("context = %s", ctx)
	}
	next, err := url.Parse(m["@odata.nextLink"].(string))
	if err != nil {
		t.Fatal(err)
	}
	q := next.Query()
	if q.Get("$skip") != "3" || q.Get("$top") != "3" || q.Get("$select") != "id,title" {
		t.Errorf("nextLink query = %v", q)
	}
	total := len(items)
	for link := m["@odata.nextLink"]; link != nil; {
		page := doRequest(t, "GET", link.(string), "tok", "").json(t)
		total += len(values(t, page))
		link = page["@odata.nextLink"]
	}
	if total != 5 {
		t.Errorf("$top=5 served %d items", total)
	}
	if got := values(t, get(t, srv, "/v1.0"+ti+"articles?$top=0").json(t)); len(got) != 0 {
		t.Errorf("$top=0 served %d", len(got))
	}
}

func TestCountSegment(t *testing.T) {
	_, srv := newTestServer(t, Options{})
	r := get(t, srv, "/v1.0"+ti+"hosts/contoso.com/passiveDns/$count")
	if r.status != 200 || string(r.body) != "3" || !strings.HasPrefix(r.header.Get("Content-Type"), "text/plain") {
		t.Fatalf("/$count: %d %q %s", r.status, r.body, r.header.Get("Content-Type"))
	}
	wantError(t, get(t, srv, "/v1.0"+ti+"hosts/contoso.com/$count"), 400, "BadRequest")
}

func TestFilterOrderBy(t *testing.T) {
	_, srv := newTestServer(t, Options{})
	ids := func(path string) []string {
		t.Helper()
		r := get(t, srv, "/v1.0"+ti+path)
		if r.status != 200 {
			t.Fatalf("%s: %d %s", path, r.status, r.body)
		}
		var out []string
		for _, it := range values(t, r.json(t)) {
			out = append(out, it["id"].(string))
		}
		return out
	}
	cases := []struct {
		path string
		want int
	}{
		{"hosts/contoso.com/passiveDns?$filter=" + url.QueryEscape("recordType eq 'AAAA'"), 1},
		{"hosts/contoso.com/passiveDns?$filter=" + url.QueryEscape("recordType ne 'AAAA' and lastSeenDateTime ge 2023-07-01T00:00:00Z"), 1},
		{"hosts/contoso.com/hostPairs?$filter=" + url.QueryEscape("childHost/id in ('contoso.com','downstream.contoso.com')"), 3},
		{"hosts/contoso.com/hostPairs?$filter=" + url.QueryEscape("not (linkKind eq 'redirect') or parentHost/id eq 'www.contoso.com'"), 4},
		{"intelProfiles?$filter=" + url.QueryEscape("kind eq 'tool'"), 4},
		{"articles?$filter=" + url.QueryEscape("isFeatured eq true"), 3},
		{"articles?$filter=" + url.QueryEscape("contains(title,'phishing')"), 3},
	}
	for _, c := range cases {
		if got := ids(c.path); len(got) != c.want {
			t.Errorf("%s: %d items %v, want %d", c.path, len(got), got, c.want)
		}
	}
	asc := ids("hosts/contoso.com/passiveDns?$orderby=firstSeenDateTime")
	desc := ids("hosts/contoso.com/passiveDns?$orderby=" + url.QueryEscape("firstSeenDateTime desc"))
	if len(asc) != 3 || asc[0] != desc[2] || asc[2] != desc[0] || asc[0] != "Y29udG9zby5jb20kJDI2MDM6MTAzMDoyMGU6Mzo6MjNjJCRmYWxzZQ==" {
		t.Errorf("orderby asc %v desc %v", asc, desc)
	}
}

func TestSearch(t *testing.T) {
	_, srv := newTestServer(t, Options{})
	count := func(path string) int {
		t.Helper()
		r := get(t, srv, "/v1.0"+ti+path)
		if r.status != 200 {
			t.Fatalf("%s: %d %s", path, r.status, r.body)
		}
		return len(values(t, r.json(t)))
	}
	q := url.QueryEscape
	cases := []struct {
		path string
		want int
	}{
		{"whoisRecords?$search=" + q(`"admin/address/state:WA"`), 4},
		{"whoisRecords?$search=" + q(`"registrant/email:woodgrove.secure.team@mail.example"`), 4},
		{"whoisRecords?$search=" + q(`"nameservers:ns1.bulletdns.example"`), 6},
		{"whoisRecords?$search=" + q(`"Fabrikam, Inc."`), 1},
		{"sslCertificates?$search=" + q(`"fingerprint:fb96551505f1edb24dd3b36fcffdb765833b8118"`), 1},
		{"sslCertificates?$search=" + q(`"issuer/organizationName:Let's Encrypt"`), 1},
		{"sslCertificates?$search=" + q(`"subject/commonName:MICROSOFT.COM"`), 1},
		{"articles?$search=" + q("batloader"), 1},
		{"articles?$search=" + q("Phishing"), 4},
		{"intelProfiles?$search=" + q("gamaredon"), 1},
	}
	for _, c := range cases {
		if got := count(c.path); got != c.want {
			t.Errorf("%s: %d items, want %d", c.path, got, c.want)
		}
	}
}

func TestBadOptions(t *testing.T) {
	_, srv := newTestServer(t, Options{})
	q := url.QueryEscape
	for _, p := range []string{
		"articles?$top=-1",
		"articles?$top=abc",
		"articles?$bogus=1",
		"articles?$count=maybe",
		"articles?$select=nope",
		"articles?$select=summary/content",
		"articles?$orderby=nope",
		"articles?$orderby=" + q("title sideways"),
		"articles?$filter=" + q("nope eq 1"),
		"articles?$filter=" + q("title eq"),
		"articles?$filter=" + q("(title eq 'x'"),
		"articles?$filter=" + q("title eq 'unterminated"),
		"hosts/contoso.com/hostPairs?$filter=" + q("childHost/id in ('a',"),
		"whoisRecords",
		"sslCertificates",
		"whoisRecords?$search=" + q(`"password:x"`),
		"hosts/contoso.com/passiveDns?$search=x",
		"hosts/contoso.com/cookies?$expand=host",
		"hosts",
	} {
		t.Run(p, func(t *testing.T) { wantError(t, get(t, srv, "/v1.0"+ti+p), 400, "BadRequest") })
	}
}

func TestExpandMostRecentSslCertificate(t *testing.T) {
	_, srv := newTestServer(t, Options{})
	port := values(t, get(t, srv, "/v1.0"+ti+"hosts/8.8.8.8/ports?$expand=mostRecentSslCertificate").json(t))[0]
	cert := port["mostRecentSslCertificate"].(map[string]any)
	if cert["sha1"] != "fb96551505f1edb24dd3b36fcffdb765833b8118" || cert["@odata.type"] != "#microsoft.graph.security.sslCertificate" {
		t.Errorf("expanded certificate = %v", cert)
	}
}
