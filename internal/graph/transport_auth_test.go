package graph

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// claimsTokens hands out t1, t2… and records the claims asked for.
type claimsTokens struct {
	mu     sync.Mutex
	claims []string
	err    error
}

func (ct *claimsTokens) Token(_ context.Context, claims string) (string, error) {
	ct.mu.Lock()
	defer ct.mu.Unlock()
	ct.claims = append(ct.claims, claims)
	if ct.err != nil {
		return "", ct.err
	}
	return fmt.Sprintf("t%d", len(ct.claims)), nil
}

const claimsJSON = `{"access_token":{"nbf":{"essential":true,"value":"1604106651"}}}`

func challenge(enc *base64.Encoding) string {
	return `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", ` +
		`client_id="00000003-0000-0000-c000-000000000000", error="insufficient_claims", claims="` +
		enc.EncodeToString([]byte(claimsJSON)) + `"`
}

func TestClaimsChallengeRetriesOnce(t *testing.T) {
	for name, enc := range map[string]*base64.Encoding{"std": base64.StdEncoding, "raw url": base64.RawURLEncoding} {
		t.Run(name, func(t *testing.T) {
			ts := &claimsTokens{}
			c, rec, sl, _ := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
				if r.Header.Get("Authorization") == "Bearer t1" {
					w.Header().Set("WWW-Authenticate", challenge(enc))
					w.WriteHeader(401)
					return
				}
				fmt.Fprintf(w, `{"body":%q}`, readAllBody(r))
			}, WithTokenSource(ts))
			resp, err := c.Do(context.Background(), "POST", "/x", []byte(`{"a":1}`), nil)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(ts.claims, []string{"", claimsJSON}) {
				t.Errorf("claims asked = %q", ts.claims)
			}
			if rec.count() != 2 || rec.req(1).Header.Get("Authorization") != "Bearer t2" {
				t.Errorf("requests = %d", rec.count())
			}
			if string(rec.bodies[1]) != `{"a":1}` {
				t.Errorf("replayed body = %q", rec.bodies[1])
			}
			if len(sl.waits()) != 0 || resp.StatusCode != 200 {
				t.Errorf("waits %v status %d", sl.waits(), resp.StatusCode)
			}
		})
	}
}

func TestClaimsChallengeAnsweredOnlyOnce(t *testing.T) {
	ts := &claimsTokens{}
	c, rec, _, _ := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("WWW-Authenticate", challenge(base64.StdEncoding))
		w.WriteHeader(401)
		fmt.Fprint(w, `{"error":{"code":"InvalidAuthenticationToken","message":"claims"}}`)
	}, WithTokenSource(ts))
	_, err := c.Get(context.Background(), "/x", nil)
	var apiErr *APIError
	if !IsUnauthorized(err) || !errors.As(err, &apiErr) || apiErr.Claims != claimsJSON {
		t.Fatalf("err = %v (%+v)", err, apiErr)
	}
	if rec.count() != 2 || len(ts.claims) != 2 {
		t.Errorf("requests %d token calls %d, want 2 and 2", rec.count(), len(ts.claims))
	}
}

func TestPlain401NotRetried(t *testing.T) {
	ts := &claimsTokens{}
	c, rec, _, _ := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		w.WriteHeader(401)
	}, WithTokenSource(ts))
	_, err := c.Get(context.Background(), "/x", nil)
	if !IsUnauthorized(err) || rec.count() != 1 || len(ts.claims) != 1 {
		t.Errorf("err %v requests %d token calls %d", err, rec.count(), len(ts.claims))
	}
}

func TestTokenErrorNotRetried(t *testing.T) {
	boom := errors.New("not signed in")
	c, rec, sl, _ := stub(t, statusSeq(nil, nil), WithTokenSource(&claimsTokens{err: boom}))
	_, err := c.Get(context.Background(), "/x", nil)
	if !errors.Is(err, boom) || rec.count() != 0 || len(sl.waits()) != 0 {
		t.Errorf("err %v requests %d waits %v", err, rec.count(), sl.waits())
	}
}

func TestNoTokenSourceSendsNoAuthorization(t *testing.T) {
	c, rec, _, _ := stub(t, statusSeq(nil, nil))
	c2 := New(WithEndpoint(c.origin.String()))
	if _, err := c2.Get(context.Background(), "/x", nil); err != nil {
		t.Fatal(err)
	}
	if got := rec.req(0).Header.Get("Authorization"); got != "" {
		t.Errorf("Authorization = %q", got)
	}
}

func TestClaimsChallengeParsing(t *testing.T) {
	tests := map[string]struct {
		values []string
		want   string
	}{
		"none":             {nil, ""},
		"other error":      {[]string{`Bearer error="invalid_token", claims="e30="`}, ""},
		"plain json":       {[]string{`Bearer error="insufficient_claims", claims="{}"`}, "{}"},
		"second challenge": {[]string{`Basic realm="x"`, `Bearer error="insufficient_claims", claims="e30="`}, "{}"},
		"undecodable":      {[]string{`Bearer error="insufficient_claims", claims="!!!"`}, ""},
	}
	for name, tt := range tests {
		if got := claimsChallenge(tt.values); got != tt.want {
			t.Errorf("%s: %q, want %q", name, got, tt.want)
		}
	}
}

// failingClaims has a token for the first request but none for a claims challenge, as
// MDTI_TOKEN.
type failingClaims struct{}

func (failingClaims) Token(_ context.Context, claims string) (string, error) {
	if claims != "" {
		return "", errors.New("a static token cannot answer a claims challenge")
	}
	return "t1", nil
}

// When no token answers a claims challenge, the result is Graph's 401 (exit 4, its
// request-id in the message), not a token error without either.
func TestClaimsChallengeWithoutNewTokenIsThe401(t *testing.T) {
	c, rec, _, _ := stub(t, func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("WWW-Authenticate", challenge(base64.StdEncoding))
		w.Header().Set("request-id", "rid-401")
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"error":{"code":"InvalidAuthenticationToken","message":"token expired"}}`)
	}, WithTokenSource(failingClaims{}))
	_, err := c.Get(context.Background(), "/x", nil)
	var tokErr *tokenError
	if !IsUnauthorized(err) || errors.As(err, &tokErr) || !strings.Contains(err.Error(), "request-id: rid-401") {
		t.Fatalf("err = %v, want the 401 with its request-id", err)
	}
	if rec.count() != 1 {
		t.Errorf("%d requests, want 1", rec.count())
	}
}
