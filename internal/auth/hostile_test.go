package auth_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/mdti-cli/mdti/internal/auth"
)

// hostileSecret has characters that form encoding changes, so an echo of the request body
// shows it encoded.
const hostileSecret = "Ab+c/d=e~f.SECRET-9&x"

// hostileAuthority is an identity provider under an attacker's control, and elsewhere is the
// host it tries to send the credential to. Both use httptest's certificate, which the
// client trusts: only the pinning can stop the request.
type hostileAuthority struct {
	authority, elsewhere *httptest.Server
	elsewhereHits        atomic.Int32
	tokenHandler         atomic.Value  // http.HandlerFunc: servers read it while tests change it
	tokenEndpoint        func() string // what the OpenID document names; default the authority's own
}

func newHostileAuthority(t *testing.T) *hostileAuthority {
	h := &hostileAuthority{}
	h.elsewhere = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.elsewhereHits.Add(1)
		w.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(h.elsewhere.Close)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{tenant}/v2.0/.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		base := h.authority.URL + "/" + r.PathValue("tenant")
		tokenEndpoint := base + "/oauth2/v2.0/token"
		if h.tokenEndpoint != nil {
			tokenEndpoint = h.tokenEndpoint()
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"issuer":%q,"authorization_endpoint":%q,"token_endpoint":%q,"device_authorization_endpoint":%q}`,
			base+"/v2.0", base+"/oauth2/v2.0/authorize", tokenEndpoint, base+"/oauth2/v2.0/devicecode")
	})
	mux.HandleFunc("POST /{tenant}/oauth2/v2.0/token", func(w http.ResponseWriter, r *http.Request) {
		h.tokenHandler.Load().(http.HandlerFunc)(w, r)
	})
	h.authority = httptest.NewTLSServer(mux)
	t.Cleanup(h.authority.Close)
	return h
}

func (h *hostileAuthority) settings(timeout time.Duration) auth.Settings {
	env := map[string]string{"AZURE_TENANT_ID": tenantID, "AZURE_CLIENT_ID": appID, "AZURE_CLIENT_SECRET": hostileSecret}
	return auth.Settings{
		AuthorityHost: h.authority.URL, HTTPClient: h.authority.Client(), Store: auth.NewMemoryStore(0),
		CacheMode: auth.CacheNone, Getenv: func(k string) string { return env[k] }, Timeout: timeout,
	}
}

func (h *hostileAuthority) token(t *testing.T, s auth.Settings) error {
	t.Helper()
	c, err := auth.Resolve(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Token(t.Context(), "")
	if err == nil {
		t.Fatal("Token succeeded against a hostile authority")
	}
	return err
}

func TestSecretNeverLeavesTheAuthorityOrigin(t *testing.T) {
	for name, setup := range map[string]func(h *hostileAuthority){
		"discovery names another host": func(h *hostileAuthority) {
			h.tokenEndpoint = func() string { return h.elsewhere.URL + "/" + tenantID + "/oauth2/v2.0/token" }
		},
		"307 to another host": func(h *hostileAuthority) {
			h.tokenHandler.Store(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, h.elsewhere.URL+"/steal", http.StatusTemporaryRedirect)
			}))
		},
		"308 downgrade to http": func(h *hostileAuthority) {
			h.tokenHandler.Store(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, "http://"+h.authority.Listener.Addr().String()+r.URL.Path, http.StatusPermanentRedirect)
			}))
		},
	} {
		t.Run(name, func(t *testing.T) {
			h := newHostileAuthority(t)
			h.tokenHandler.Store(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { t.Error("token endpoint reached") }))
			setup(h)
			err := h.token(t, h.settings(0))
			if !errors.Is(err, auth.ErrOffOrigin) || errors.Is(err, auth.ErrSignInFailed) {
				t.Errorf("err = %v, want ErrOffOrigin", err)
			}
			if n := h.elsewhereHits.Load(); n != 0 {
				t.Errorf("the other host got %d requests", n)
			}
			if strings.Contains(err.Error(), hostileSecret) {
				t.Error("error text contains the secret")
			}
		})
	}
}

func TestSignInErrorsNeverShowSecrets(t *testing.T) {
	echo := func(status int, contentType, prefix string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			body, _ := io.ReadAll(r.Body)
			w.Header().Set("Content-Type", contentType)
			w.WriteHeader(status)
			// A WAF page: escape sequences, the echoed request, then a long multibyte tail.
			fmt.Fprintf(w, "%s\x1b[31mBlocked\x1b[0m request %s Authorization: Bearer abc.def-ghi %s", prefix, body, strings.Repeat("é", 400))
		}
	}
	for name, handler := range map[string]http.HandlerFunc{
		"403 html": echo(http.StatusForbidden, "text/html", "<html>"),
		"200 html": echo(http.StatusOK, "text/html", "<html>"),
		"502 text": echo(http.StatusBadGateway, "text/plain", ""),
		"400 json echo": func(w http.ResponseWriter, r *http.Request) {
			body, _ := io.ReadAll(r.Body)
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprintf(w, `{"error":"invalid_request","error_description":"AADSTS9000: bad request %s secret %s token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln"}`, body, hostileSecret)
		},
	} {
		t.Run(name, func(t *testing.T) {
			h := newHostileAuthority(t)
			h.tokenHandler.Store(handler)
			msg := h.token(t, h.settings(0)).Error()
			t.Log(msg)
			for _, leak := range []string{hostileSecret, url.QueryEscape(hostileSecret), "abc.def-ghi", "eyJhbGciOiJIUzI1NiJ9", "\x1b", "[31m"} {
				if strings.Contains(msg, leak) {
					t.Errorf("message shows %q: %s", leak, msg)
				}
			}
			if !utf8.ValidString(msg) || len(msg) > 600 {
				t.Errorf("message is %d bytes (valid UTF-8: %v): %s", len(msg), utf8.ValidString(msg), msg)
			}
			if !strings.Contains(msg, "Blocked") && !strings.Contains(msg, "AADSTS9000") {
				t.Errorf("message lost the server's words: %s", msg)
			}
		})
	}
}

func TestNetworkFailuresAreNotSignInRefusals(t *testing.T) {
	h := newHostileAuthority(t)
	stop := make(chan struct{})
	h.tokenHandler.Store(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body) // lets the server notice the client hanging up
		select {
		case <-r.Context().Done():
		case <-stop:
		}
		// Never answer, not even with the empty 200 a returning handler sends: under a
		// busy -race run that 200 could reach the client and read as a refusal.
		panic(http.ErrAbortHandler)
	}))
	err := h.token(t, h.settings(50*time.Millisecond))
	if !errors.Is(err, auth.ErrAuthorityUnreachable) || errors.Is(err, auth.ErrSignInFailed) {
		t.Errorf("timeout: err = %v, want ErrAuthorityUnreachable only", err)
	}
	// `auth login` honours the timeout too, and stores nothing.
	_, _, err = auth.Login(t.Context(), h.settings(50*time.Millisecond), auth.LoginOptions{Tenant: tenantID, ClientID: appID, ClientSecret: hostileSecret})
	if !errors.Is(err, auth.ErrAuthorityUnreachable) {
		t.Errorf("login timeout: err = %v, want ErrAuthorityUnreachable", err)
	}
	// So does a caller's deadline.
	c, err := auth.Resolve(h.settings(0), nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := contextWithTimeout(t, 50*time.Millisecond)
	defer cancel()
	if _, err := c.Token(ctx, ""); !errors.Is(err, auth.ErrAuthorityUnreachable) || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("deadline: err = %v, want ErrAuthorityUnreachable", err)
	}
	h.tokenHandler.Store(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusServiceUnavailable) }))
	err = h.token(t, h.settings(0))
	if !errors.Is(err, auth.ErrAuthorityUnreachable) || errors.Is(err, auth.ErrSignInFailed) {
		t.Errorf("503: err = %v, want ErrAuthorityUnreachable only", err)
	}
	close(stop)
	h.authority.Close()
	err = h.token(t, h.settings(0))
	if !errors.Is(err, auth.ErrAuthorityUnreachable) || errors.Is(err, auth.ErrSignInFailed) {
		t.Errorf("connection refused: err = %v, want ErrAuthorityUnreachable only", err)
	}
}
