package doctor

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// maxSkew is how far the clock may be off before tokens start to fail: Entra ID allows
// five minutes.
const maxSkew = 5 * time.Minute

// network checks the endpoint and the authority answer over verified TLS, names the proxy
// and compares the clock with the server's.
func (d *doctor) network(ctx context.Context) {
	d.endpoint = strings.TrimRight(d.cfg.GraphEndpoint, "/")
	authority := strings.TrimRight(d.cfg.AuthorityHost, "/")
	if s, err := d.opts.AuthSettings(); err == nil && d.cfg.Demo {
		// The demo emulator serves Graph and Entra ID on one local origin.
		d.endpoint, authority = s.AuthorityHost, s.AuthorityHost
	}
	hc, err := d.opts.HTTPClient()
	if err != nil {
		d.add("network", statusFail, err.Error(), "fix --ca-cert (MDTI_CA_CERT): it must name a readable PEM bundle")
		return
	}
	date, ok := d.reach(ctx, hc, "endpoint", d.endpoint, "--endpoint (MDTI_GRAPH_ENDPOINT)")
	d.endpointOK = ok
	d.reach(ctx, hc, "authority", authority, "--authority-host (MDTI_AUTHORITY_HOST)")
	d.proxy()
	if ok {
		d.clock(date)
	}
}

// reach sends one GET to origin's root without a token. Any HTTP answer proves the host
// is reachable and its certificate verifies; it returns the answer's Date.
func (d *doctor) reach(ctx context.Context, hc *http.Client, check, origin, setting string) (time.Time, bool) {
	ctx, cancel := context.WithTimeout(ctx, d.timeout())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, origin+"/", nil)
	if err != nil {
		d.add(check, statusFail, fmt.Sprintf("%s: %v", origin, err), "fix "+setting)
		return time.Time{}, false
	}
	// A redirect is an answer: it is not followed (login.microsoftonline.com's root sends
	// browsers elsewhere), and nothing is sent to another host.
	noRedirect := *hc
	noRedirect.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := noRedirect.Do(req)
	if err != nil {
		detail, fix := networkFailure(err, setting)
		d.add(check, statusFail, origin+": "+detail, fix)
		return time.Time{}, false
	}
	resp.Body.Close()
	d.add(check, statusOK, fmt.Sprintf("%s answers over verified TLS (HTTP %d)", origin, resp.StatusCode), "")
	date, _ := http.ParseTime(resp.Header.Get("Date"))
	return date, true
}

// networkFailure says what kind of failure err is, and what to do about it.
func networkFailure(err error, setting string) (string, string) {
	var (
		unknownAuthority x509.UnknownAuthorityError
		hostname         x509.HostnameError
		invalid          x509.CertificateInvalidError
		verify           *tls.CertificateVerificationError
		dnsErr           *net.DNSError
	)
	switch {
	case errors.As(err, &unknownAuthority), errors.As(err, &verify), errors.As(err, &invalid):
		return "TLS does not verify: " + rootCause(err),
			"behind a TLS-inspecting proxy, pass its CA bundle with --ca-cert (MDTI_CA_CERT); TLS is never skipped"
	case errors.As(err, &hostname):
		return "TLS certificate is for another host: " + rootCause(err), "check " + setting
	case errors.As(err, &dnsErr):
		return "name does not resolve: " + rootCause(err), "check " + setting + " and DNS"
	case errors.Is(err, context.DeadlineExceeded):
		return "no answer in time", "check the network, HTTPS_PROXY and NO_PROXY, or raise --timeout"
	}
	return "unreachable: " + rootCause(err), "check the network, HTTPS_PROXY and NO_PROXY, and " + setting
}

// rootCause is the innermost message, without Go's "Get \"URL\":" prefix.
func rootCause(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return err.Error()
}

// proxy names the proxy HTTPS traffic goes through, credentials in its URL hidden.
func (d *doctor) proxy() {
	get := func(k string) string {
		if v := strings.TrimSpace(d.opts.Getenv(k)); v != "" {
			return v
		}
		return strings.TrimSpace(d.opts.Getenv(strings.ToLower(k)))
	}
	proxy, noProxy := get("HTTPS_PROXY"), get("NO_PROXY")
	if proxy == "" {
		d.add("proxy", statusOK, "none (HTTPS_PROXY is not set)", "")
		return
	}
	u, err := url.Parse(proxy)
	if err != nil || u.Host == "" {
		d.add("proxy", statusFail, "HTTPS_PROXY is not a URL", "set HTTPS_PROXY to http://host:port")
		return
	}
	u.User = nil // a proxy password stays out of the report
	detail := "HTTPS_PROXY " + u.Redacted()
	if noProxy != "" {
		detail += ", NO_PROXY " + noProxy
	}
	if eu, err := url.Parse(d.endpoint); err == nil && bypasses(noProxy, eu.Hostname()) {
		detail += " (the endpoint bypasses it)"
	}
	d.add("proxy", statusOK, detail, "")
}

// bypasses is NO_PROXY's rule for host: "*", the host itself or a domain suffix.
func bypasses(noProxy, host string) bool {
	for _, e := range strings.Split(noProxy, ",") {
		e = strings.TrimPrefix(strings.ToLower(strings.TrimSpace(e)), ".")
		if h, _, err := net.SplitHostPort(e); err == nil {
			e = h
		}
		if e == "*" || e != "" && (host == e || strings.HasSuffix(host, "."+e)) {
			return true
		}
	}
	return false
}

// clock compares the local clock with the endpoint's Date header.
func (d *doctor) clock(server time.Time) {
	if server.IsZero() {
		d.add("clock", statusWarn, "the endpoint sent no Date header; skew unknown", "")
		return
	}
	skew := d.opts.Now().Sub(server).Round(time.Second)
	detail := fmt.Sprintf("skew %s against the endpoint's Date", skew)
	if skew > maxSkew || skew < -maxSkew {
		d.add("clock", statusFail, detail+": tokens will be refused as not yet valid or expired", "synchronise the clock (NTP)")
		return
	}
	d.add("clock", statusOK, detail, "")
}
