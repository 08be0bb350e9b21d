package auth

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	msalerrors "github.com/AzureAD/microsoft-authentication-library-for-go/apps/errors"
)

// SignInError is an error answer from Entra ID (wrong secret, unknown client, expired device
// code...). It matches ErrSignInFailed with errors.Is. Its text is Entra's AADSTS description
// without MSAL's raw HTTP dump; Entra never echoes secrets in it.
type SignInError struct {
	Status      int    // HTTP status
	Code        string // OAuth error, e.g. invalid_client
	Description string // first line of error_description, e.g. "AADSTS7000215: Invalid client secret provided."
	err         error
}

func (e *SignInError) Error() string {
	if e.Description == "" {
		return fmt.Sprintf("sign-in failed: %v", e.err)
	}
	return fmt.Sprintf("sign-in failed: %s (%s)", e.Description, e.Code)
}

// Unwrap lets errors.Is find ErrSignInFailed and MSAL's own error.
func (e *SignInError) Unwrap() []error { return []error{ErrSignInFailed, e.err} }

// asSignInError converts MSAL's HTTP error; other errors (network, context) pass unchanged.
func asSignInError(err error) error {
	var ce msalerrors.CallErr
	if !errors.As(err, &ce) || ce.Resp == nil {
		return err
	}
	se := &SignInError{Status: ce.Resp.StatusCode, err: err}
	var body struct {
		Error            string `json:"error"`
		ErrorDescription string `json:"error_description"`
	}
	if ce.Resp.Body != nil {
		b, _ := io.ReadAll(io.LimitReader(ce.Resp.Body, 64<<10))
		if json.Unmarshal(b, &body) == nil {
			se.Code, se.Description = body.Error, firstLine(body.ErrorDescription)
		}
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
