// Package cmdutil holds what every command shares: the factory of lazily built
// dependencies, typed errors and their exit codes, and input reading (HOSTs and ids from
// arguments, stdin or a file). The many-inputs engine is internal/lookup.
package cmdutil

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/mdti-cli/mdti/internal/auth"
	"github.com/mdti-cli/mdti/internal/graph"
	"github.com/mdti-cli/mdti/internal/render"
)

// Exit codes of docs/reference.md §4.
const (
	ExitOK          = 0
	ExitError       = 1
	ExitUsage       = 2
	ExitThreshold   = 3
	ExitAuth        = 4
	ExitNotFound    = 5
	ExitForbidden   = 6
	ExitThrottled   = 7
	ExitInterrupted = 130
)

// exitPriority orders codes for runs with several inputs: 2 > 4 > 6 > 7 > 1 > 5 > 3 > 0.
var exitPriority = map[int]int{
	ExitUsage: 8, ExitAuth: 7, ExitForbidden: 6, ExitThrottled: 5,
	ExitError: 4, ExitNotFound: 3, ExitThreshold: 2, ExitOK: 1, ExitInterrupted: 9,
}

// WorseExit returns whichever of two exit codes has the higher priority.
func WorseExit(a, b int) int {
	if exitPriority[b] > exitPriority[a] {
		return b
	}
	return a
}

// FlagError is a usage mistake: bad flags or arguments (exit 2). Cobra's usage hint follows it.
type FlagError struct{ Err error }

func (e *FlagError) Error() string { return e.Err.Error() }
func (e *FlagError) Unwrap() error { return e.Err }

// FlagErrorf builds a FlagError.
func FlagErrorf(format string, args ...any) error {
	return &FlagError{Err: fmt.Errorf(format, args...)}
}

// InputError lists every invalid input found before any request was sent (exit 2).
type InputError struct{ Problems []string }

func (e *InputError) Error() string {
	if len(e.Problems) == 1 {
		return "invalid input: " + e.Problems[0]
	}
	return fmt.Sprintf("%d invalid inputs (nothing was sent):\n  %s", len(e.Problems), strings.Join(e.Problems, "\n  "))
}

// AuthError is a failure to get a credential or a token (exit 4).
type AuthError struct{ Err error }

func (e *AuthError) Error() string { return e.Err.Error() }
func (e *AuthError) Unwrap() error { return e.Err }

// ThresholdError says a --fail-on or --max-score threshold was met (exit 3).
type ThresholdError struct{ Summary string }

func (e *ThresholdError) Error() string { return e.Summary }

// SilentError carries an exit code for errors that were already reported, one per input.
type SilentError struct{ Code int }

func (e *SilentError) Error() string { return fmt.Sprintf("exit %d", e.Code) }

// ExitCode maps an error to the exit code of docs/reference.md §4.
func ExitCode(err error) int {
	var (
		silent    *SilentError
		flagErr   *FlagError
		inputErr  *InputError
		usageErr  *render.UsageError
		authErr   *AuthError
		threshold *ThresholdError
	)
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &silent):
		return silent.Code
	case errors.Is(err, context.Canceled):
		return ExitInterrupted
	case errors.As(err, &flagErr), errors.As(err, &inputErr), errors.As(err, &usageErr):
		return ExitUsage
	case errors.As(err, &authErr), graph.IsUnauthorized(err),
		errors.Is(err, auth.ErrNotSignedIn), errors.Is(err, auth.ErrSignInFailed):
		return ExitAuth
	case graph.IsForbidden(err):
		return ExitForbidden
	case graph.IsThrottled(err):
		return ExitThrottled
	case graph.IsNotFound(err):
		return ExitNotFound
	case errors.As(err, &threshold):
		return ExitThreshold
	}
	return ExitError
}

// Hint is advice printed after an error message, "" when there is none.
func Hint(err error) string {
	var authErr *AuthError
	switch {
	case errors.Is(err, auth.ErrNotSignedIn):
		return "" // the message already says how to sign in
	case errors.As(err, &authErr), graph.IsUnauthorized(err), errors.Is(err, auth.ErrSignInFailed):
		return "sign in with `mdti auth login`, set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET, or set MDTI_TOKEN; `mdti --demo` needs no sign-in"
	case graph.IsForbidden(err):
		return "the app or user needs the ThreatIntelligence.Read.All permission (with admin consent), and the tenant a Defender Threat Intelligence licence (newer tenants: Defender XDR or Sentinel)"
	case graph.IsThrottled(err):
		return "Graph kept throttling after every retry; lower --concurrency or try again later"
	}
	return ""
}
