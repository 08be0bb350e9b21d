package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"

	msalerrors "github.com/AzureAD/microsoft-authentication-library-for-go/apps/errors"
)

// ErrAuthorityUnreachable marks failures that are not a refusal: the identity provider could
// not be reached, did not answer in time, or answered 5xx/429. Callers map it to a network
// error (exit 1), not to "sign-in failed".
var ErrAuthorityUnreachable = errors.New("identity provider unreachable")

// ErrInvalidSetting marks a setting with an invalid value (tenant, MDTI_TOKEN_CACHE,
// MDTI_MANAGED_IDENTITY, authority host, profile name): a usage error (exit 2).
var ErrInvalidSetting = errors.New("invalid setting")

// SignInError is an error answer from Entra ID (wrong secret, unknown client, expired device
// code...). It matches ErrSignInFailed with errors.Is, or ErrAuthorityUnreachable for 5xx and
// 429 answers. Its text is Entra's AADSTS description, or a short redacted snippet of a body
// that is not Entra's JSON, never MSAL's raw HTTP dump.
type SignInError struct {
	Status      int    // HTTP status
	Code        string // OAuth error, e.g. invalid_client
	Description string // first line of error_description, e.g. "AADSTS7000215: Invalid client secret provided."
	err         error
}

func (e *SignInError) Error() string {
	what := "sign-in failed"
	if e.Status >= 500 || e.Status == 429 {
		what = "identity provider unavailable"
	}
	if e.Code == "" {
		return fmt.Sprintf("%s: %s", what, e.Description)
	}
	return fmt.Sprintf("%s: %s (%s)", what, e.Description, e.Code)
}

// Unwrap lets errors.Is find ErrSignInFailed (or ErrAuthorityUnreachable) and MSAL's error.
func (e *SignInError) Unwrap() []error {
	if e.Status >= 500 || e.Status == 429 {
		return []error{ErrAuthorityUnreachable, e.err}
	}
	return []error{ErrSignInFailed, e.err}
}

// CredentialFileError is a credential file mdti cannot use: a missing or unreadable
// certificate, bad PEM, a wrong PKCS#12 password, an empty federated token file. It matches
// ErrSignInFailed: the sign-in cannot happen with this credential (exit 4).
type CredentialFileError struct {
	Path string
	Err  error
}

func (e *CredentialFileError) Error() string { return e.Err.Error() }

// Unwrap lets errors.Is find ErrSignInFailed and the cause (fs.ErrNotExist...).
func (e *CredentialFileError) Unwrap() []error { return []error{ErrSignInFailed, e.Err} }

func credentialFileError(path string, format string, args ...any) error {
	return &CredentialFileError{Path: path, Err: fmt.Errorf(format, args...)}
}

// redactedError carries a message with secrets removed, keeping the cause for errors.Is.
type redactedError struct {
	msg  string
	kind error // ErrAuthorityUnreachable, ErrOffOrigin or nil
	err  error
}

func (e *redactedError) Error() string { return e.msg }

func (e *redactedError) Unwrap() []error {
	if e.kind == nil {
		return []error{e.err}
	}
	return []error{e.kind, e.err}
}

// signInFailure turns whatever MSAL returned into an error fit to print: secrets redacted,
// no raw bodies, and classified so callers can tell a refusal (ErrSignInFailed) from a
// network problem (ErrAuthorityUnreachable) from our own refusal to go off-origin.
func signInFailure(err error, r *redactor) error {
	var (
		fileErr *CredentialFileError
		offErr  *offOriginError
		ce      msalerrors.CallErr
		je      msalerrors.InvalidJsonErr
		ue      *url.Error
		ne      net.Error
	)
	switch {
	case err == nil:
		return nil
	case errors.As(err, &fileErr):
		return fileErr // our own text: paths and reasons, never a secret value
	case errors.Is(err, ErrNotSignedIn):
		return &redactedError{msg: r.text(err.Error()), err: err}
	case errors.As(err, &offErr):
		return &redactedError{msg: "sign-in: " + offErr.Error(), err: err}
	case errors.As(err, &ce) && ce.Resp != nil:
		return callError(ce, err, r)
	case errors.Is(err, context.Canceled):
		return &redactedError{msg: "sign-in interrupted", err: err}
	case errors.Is(err, context.DeadlineExceeded):
		return &redactedError{msg: "no answer from the identity provider in time (--timeout)", kind: ErrAuthorityUnreachable, err: err}
	case errors.As(err, &ue), errors.As(err, &ne):
		msg := err.Error()
		if ue != nil {
			msg = ue.Error() // drop MSAL's "unable to resolve an endpoint: server response error:" prefixes
		}
		return &redactedError{msg: "cannot reach the identity provider: " + r.snippet(msg), kind: ErrAuthorityUnreachable, err: err}
	case errors.As(err, &je):
		return &redactedError{msg: "sign-in: the identity provider answered something other than JSON: " + r.snippet(afterRaw(je.Error())), err: err}
	}
	// Our own errors (cache, keyring) and MSAL's remaining ones carry no body: keep them whole.
	return &redactedError{msg: r.line(err.Error(), 1000), err: err}
}

// afterRaw keeps the body MSAL appends to a JSON decode error.
func afterRaw(s string) string {
	for _, marker := range []string{"raw message was:", "json message bytes were:"} {
		if _, after, ok := strings.Cut(s, marker); ok {
			return after
		}
	}
	return s
}

// callError reads Entra's JSON error; any other body becomes a short redacted snippet.
func callError(ce msalerrors.CallErr, err error, r *redactor) error {
	se := &SignInError{Status: ce.Resp.StatusCode, err: err}
	var b []byte
	if ce.Resp.Body != nil {
		b, _ = io.ReadAll(io.LimitReader(ce.Resp.Body, 64<<10))
	}
	var body struct {
		Error            string `json:"error"`
		ErrorDescription string `json:"error_description"`
	}
	if json.Unmarshal(b, &body) == nil && (body.Error != "" || body.ErrorDescription != "") {
		se.Code, se.Description = r.snippet(body.Error), r.line(firstLine(body.ErrorDescription), 1000)
		return se
	}
	se.Description = fmt.Sprintf("HTTP %d from the identity provider", se.Status)
	if s := r.snippet(string(b)); s != "" {
		se.Description += ": " + s
	}
	return se
}

// firstLine drops the "Trace ID / Correlation ID / Timestamp" tail Entra appends.
func firstLine(s string) string {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i]
	}
	if i := strings.Index(s, " Trace ID:"); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}
