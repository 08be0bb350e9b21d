package emulator

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"io"
	"net/http"
	"testing"
)

func TestServeTLS(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s, err := Serve(ctx, "127.0.0.1:0", New(Options{}), true)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(s.CACertPEM()) {
		t.Fatal("CA PEM does not parse")
	}
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}, ForceAttemptHTTP2: true}}
	req, _ := http.NewRequest("GET", s.URL()+"/v1.0"+ti+"hosts/contoso.com", nil)
	req.Header.Set("Authorization", "Bearer x")
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || resp.ProtoMajor != 2 {
		t.Fatalf("status %d proto %s body %s", resp.StatusCode, resp.Proto, body)
	}
}

func TestServePlainAndFallback(t *testing.T) {
	fallback := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "entra") })
	s, err := Serve(context.Background(), "127.0.0.1:0", New(Options{Fallback: fallback}), false)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.CACertPEM() != nil {
		t.Error("plain server has a CA")
	}
	resp, err := http.Get(s.URL() + "/tenant/oauth2/v2.0/token")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if b, _ := io.ReadAll(resp.Body); string(b) != "entra" {
		t.Errorf("fallback body %q", b)
	}
}
