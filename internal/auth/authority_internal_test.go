package auth

import (
	"strings"
	"testing"
)

func TestNormalizeHost(t *testing.T) {
	for in, want := range map[string]string{
		"":                                  DefaultAuthorityHost,
		"login.microsoftonline.us":          "https://login.microsoftonline.us",
		"https://127.0.0.1:8443/":           "https://127.0.0.1:8443",
		"https://LOGIN.microsoftonline.com": "https://login.microsoftonline.com",
		" https://login.chinacloudapi.cn  ": "https://login.chinacloudapi.cn",
	} {
		if got, err := normalizeHost(in); err != nil || got != want {
			t.Errorf("normalizeHost(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"http://127.0.0.1:8443", "https://host/tenant", "https://host?x=1", "https://user@host"} {
		if _, err := normalizeHost(bad); err == nil {
			t.Errorf("normalizeHost(%q) accepted", bad)
		}
	}
}

func TestInstanceDiscoveryOnlyForMicrosoftHosts(t *testing.T) {
	for host, want := range map[string]bool{
		"https://login.microsoftonline.com":      true,
		"https://login.microsoftonline.us":       true,
		"https://127.0.0.1:8443":                 false,
		"https://login.microsoftonline.com.evil": false,
	} {
		if got := instanceDiscovery(host); got != want {
			t.Errorf("instanceDiscovery(%s) = %v", host, got)
		}
	}
}

func TestProfileResolveTouchesNoKeyring(t *testing.T) {
	store := NewMemoryStore(0)
	s := Settings{Store: store, CacheDir: t.TempDir(), Getenv: func(string) string { return "" }}
	for _, p := range []*Profile{
		{Name: "a", Method: MethodSecret, Tenant: "contoso.onmicrosoft.com", ClientID: "c"},
		{Name: "b", Method: MethodDevice, ClientID: "c", Username: "u@contoso"},
		{Name: "c", Method: MethodCertificate, Tenant: "contoso.onmicrosoft.com", ClientID: "c", CertificatePath: "/nonexistent.pem"},
	} {
		c, err := Resolve(s, p)
		if err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
		if c.Source != "profile "+p.Name || !strings.HasSuffix(c.CacheLocation, p.Name+".msal.bin") {
			t.Errorf("%s: %+v", p.Name, c)
		}
	}
	if store.Calls() != 0 {
		t.Errorf("Resolve made %d keyring calls", store.Calls())
	}
	if _, err := Resolve(s, &Profile{Name: "x", Method: "magic", ClientID: "c"}); err == nil {
		t.Error("unknown method accepted")
	}
	if _, err := Resolve(s, &Profile{Name: "../x", Method: MethodDevice, ClientID: "c"}); err == nil {
		t.Error("path-like profile name accepted")
	}
}
