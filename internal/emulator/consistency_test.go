package emulator

import (
	"strings"
	"testing"
)

// These tests keep the hand-written data self-consistent, so pivots in the demo and in
// client tests find something.

func v1(t *testing.T) *dataset {
	t.Helper()
	sets, err := loadDatasets(false)
	if err != nil {
		t.Fatal(err)
	}
	return sets["v1.0"]
}

func TestEnoughHostsOfEveryClassification(t *testing.T) {
	d := v1(t)
	if n := len(d.hosts().list); n < 30 {
		t.Errorf("%d hosts, want at least 30", n)
	}
	classes := map[string]int{}
	for _, h := range d.hosts().list {
		reps := d.reputations().of(h.id())
		if len(reps) != 1 {
			t.Errorf("host %s has %d reputations", h.id(), len(reps))
			continue
		}
		classes[reps[0].fields["classification"].(string)]++
	}
	for _, c := range []string{"malicious", "suspicious", "neutral", "unknown"} {
		if classes[c] == 0 {
			t.Errorf("no %s host", c)
		}
	}
	for _, r := range d.reputations().list {
		if _, ok := d.hosts().get(r.metaString("_host")); !ok {
			t.Errorf("reputation for unknown host %s", r.metaString("_host"))
		}
	}
}

func TestPassiveDNSArtifactsAreHosts(t *testing.T) {
	d := v1(t)
	for _, rec := range d.pdnsForward().list {
		parent, art := rec.navID("parentHost"), rec.navID("artifact")
		for _, h := range []string{parent, art} {
			if _, ok := d.hosts().get(h); !ok {
				t.Errorf("record %s names %s, which is not a host", rec.id(), h)
			}
		}
		found := false
		for _, rev := range d.pdnsReverse().of(art) {
			found = found || rev.navID("parentHost") == parent
		}
		if !found {
			t.Errorf("reverse DNS of %s does not lead back to %s", art, parent)
		}
	}
}

func TestCertificatesAndRelatedHosts(t *testing.T) {
	d := v1(t)
	shared := 0
	for _, cert := range d.certs().list {
		related := relatedHosts(d, cert.id())
		if len(related) >= 3 {
			shared++
		}
		for _, h := range related {
			has := false
			for _, hc := range d.hostCerts().of(h.id()) {
				has = has || hc.navID("sslCertificate") == cert.id()
			}
			if !has {
				t.Errorf("related host %s lacks certificate %s", h.id(), cert.id())
			}
		}
	}
	if shared < 2 {
		t.Errorf("%d certificates shared by 3+ hosts, want 2+", shared)
	}
	for _, p := range d.ports().list {
		if id := p.navID("mostRecentSslCertificate"); id != "" {
			if _, ok := d.certs().get(id); !ok {
				t.Errorf("port %s names unknown certificate %s", p.id(), id)
			}
		}
	}
}

func TestTrackersAndCookiesAreShared(t *testing.T) {
	d := v1(t)
	hostsBy := func(list []*entity, key func(*entity) string) map[string]map[string]bool {
		out := map[string]map[string]bool{}
		for _, e := range list {
			k := key(e)
			if out[k] == nil {
				out[k] = map[string]bool{}
			}
			out[k][e.navID("host")] = true
		}
		return out
	}
	trackers := hostsBy(d.trackers().list, func(e *entity) string { return e.fields["kind"].(string) + "=" + e.fields["value"].(string) })
	if len(trackers["GoogleAnalyticsTrackingId=G-PH1SHK1T42"]) != 3 || len(trackers["ContosoId=contoso-advertising"]) != 3 {
		t.Errorf("shared trackers: %v", trackers)
	}
	cookies := hostsBy(d.cookies().list, func(e *entity) string { return e.fields["name"].(string) })
	if len(cookies["pk_sessid"]) != 4 || len(cookies["OIDC"]) != 2 {
		t.Errorf("shared cookies: %v", cookies)
	}
	for _, l := range [][]*entity{d.trackers().list, d.cookies().list, d.components().list, d.ports().list, d.hostCerts().list} {
		for _, e := range l {
			if _, ok := d.hosts().get(strings.ToLower(e.navID("host"))); !ok {
				t.Errorf("%s %s belongs to unknown host %s", e.odataType(), e.id(), e.navID("host"))
			}
		}
	}
}

func TestArticlesProfilesVulnerabilities(t *testing.T) {
	d := v1(t)
	if len(d.articles().list) != 10 || len(d.profiles().list) != 10 || len(d.vulns().list) != 10 {
		t.Fatalf("articles %d profiles %d vulnerabilities %d", len(d.articles().list), len(d.profiles().list), len(d.vulns().list))
	}
	for _, a := range d.articles().list {
		if len(d.articleIndicators().of(a.id())) == 0 {
			t.Errorf("article %s has no indicators", a.id())
		}
	}
	for _, p := range d.profiles().list {
		if len(d.profileIndicators().of(p.id())) == 0 {
			t.Errorf("profile %s has no indicators", p.id())
		}
	}
	for _, v := range d.vulns().list {
		if len(d.vulnComponents().of(v.id())) == 0 {
			t.Errorf("vulnerability %s has no components", v.id())
		}
	}
	for _, l := range [][]*entity{d.articleIndicators().list, d.profileIndicators().list} {
		for _, ind := range l {
			if _, ok := d.hosts().get(ind.navID("artifact")); !ok {
				t.Errorf("indicator %s names unknown host %s", ind.id(), ind.navID("artifact"))
			}
		}
	}
	if len(vulnerabilityArticles(d, d.vulns().byID["CVE-2021-44228"])) != 1 {
		t.Error("CVE-2021-44228 has no article")
	}
}

func TestHostPairsAndSubdomainsNameHosts(t *testing.T) {
	d := v1(t)
	for _, p := range d.pairsByParent().list {
		for _, h := range []string{p.navID("parentHost"), p.navID("childHost")} {
			if _, ok := d.hosts().get(h); !ok {
				t.Errorf("pair %s names unknown host %s", p.id(), h)
			}
		}
	}
	for _, s := range d.subdomains().list {
		if !strings.HasSuffix(s.navID("host"), "."+s.metaString("_parent")) {
			t.Errorf("subdomain %s is not under %s", s.navID("host"), s.metaString("_parent"))
		}
	}
}
