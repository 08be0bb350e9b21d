package auth

import (
	"errors"
	"net/http"
	"testing"
)

// recordingTransport answers 204 to everything and remembers what it was asked.
type recordingTransport struct{ urls []string }

func (r *recordingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r.urls = append(r.urls, req.URL.String())
	return &http.Response{StatusCode: http.StatusNoContent, Body: http.NoBody, Request: req}, nil
}

func TestPinnedClientAllowsOnlyTheAuthorityOrigin(t *testing.T) {
	rec := &recordingTransport{}
	c, err := pinnedClient(&http.Client{Transport: rec}, "https://login.microsoftonline.com", 0)
	if err != nil {
		t.Fatal(err)
	}
	allowed := []string{
		// MSAL's instance discovery for a trusted host asks that host itself.
		"https://login.microsoftonline.com/common/discovery/instance?api-version=1.1",
		"https://LOGIN.microsoftonline.com:443/tenant/v2.0/.well-known/openid-configuration",
	}
	refused := []string{
		"http://login.microsoftonline.com/tenant/oauth2/v2.0/token",
		"https://login.microsoftonline.com:8443/tenant/oauth2/v2.0/token",
		"https://login.microsoftonline.com.evil.example/tenant/oauth2/v2.0/token",
		"https://login.windows.net/common/discovery/instance",
	}
	for _, u := range allowed {
		resp, err := c.Get(u)
		if err != nil {
			t.Errorf("GET %s: %v", u, err)
			continue
		}
		resp.Body.Close()
	}
	for _, u := range refused {
		if _, err := c.Get(u); !errors.Is(err, ErrOffOrigin) {
			t.Errorf("GET %s: err = %v, want ErrOffOrigin", u, err)
		}
	}
	if len(rec.urls) != len(allowed) {
		t.Errorf("requests sent: %v", rec.urls)
	}
}
