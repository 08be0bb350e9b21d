// Package cmdutil holds what every command shares: the factory of lazily built
// dependencies, typed errors and their exit codes, and input reading (HOSTs and ids from
// arguments, stdin or a file). The many-inputs engine is internal/lookup.
package cmdutil

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

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

// InputError lists the invalid inputs found before any request was sent (exit 2): the first
// MaxProblems of them, and how many there were in all (Total; 0 means len(Problems)).
type InputError struct {
	Problems []string
	Total    int
}

// MaxProblems bounds the problems an InputError keeps: a million bad lines must not become
// a million lines of errors (nor the memory to hold them).
const MaxProblems = 20

// AddProblem records one more invalid input, keeping only the first MaxProblems.
func (e *InputError) AddProblem(p string) {
	e.Total++
	if len(e.Problems) < MaxProblems {
		e.Problems = append(e.Problems, p)
	}
}

// Err is e when it holds a problem, else nil.
func (e *InputError) Err() error {
	if e.count() == 0 {
		return nil
	}
	return e
}

func (e *InputError) count() int { return max(e.Total, len(e.Problems)) }

func (e *InputError) Error() string {
	n := e.count()
	if n == 1 && len(e.Problems) == 1 {
		return "invalid input: " + e.Problems[0]
	}
	msg := fmt.Sprintf("%d invalid inputs (nothing was sent):\n  %s", n, strings.Join(e.Problems, "\n  "))
	if more := n - len(e.Problems); more > 0 {
		msg += fmt.Sprintf("\n  … and %d more", more)
	}
	return msg
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
	case errors.As(err, &flagErr), errors.As(err, &inputErr), errors.As(err, &usageErr), graph.IsEndpointError(err),
		errors.Is(err, auth.ErrInvalidSetting):
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

// PermissionAnnotation is the cobra annotation naming the least Graph permission a
// command needs (docs/reference.md §8). A 403 names it; commands without one are threat
// intelligence lookups, whose 403 has its own advice.
const PermissionAnnotation = "mdti/permission"

// Permission returns the permission annotated on c or its nearest parent, "" for none.
func Permission(c *cobra.Command) string {
	for ; c != nil; c = c.Parent() {
		if p := c.Annotations[PermissionAnnotation]; p != "" {
			return p
		}
	}
	return ""
}

// Hinter is an error that carries its own advice, for a failure only its command can
// explain (a hunting query that kept timing out is probably too heavy).
type Hinter interface{ Hint() string }

// Hint is advice printed after an error message, "" when there is none. permission is
// what the command that ran needs (Permission), "" for threat intelligence.
func Hint(err error, permission string) string {
	var authErr *AuthError
	var hinted Hinter
	switch {
	case errors.As(err, &hinted) && hinted.Hint() != "":
		return hinted.Hint()
	case errors.Is(err, auth.ErrNotSignedIn), errors.Is(err, auth.ErrInvalidSetting):
		return "" // the message already says how to sign in, or which setting to fix
	case errors.As(err, &authErr), graph.IsUnauthorized(err), errors.Is(err, auth.ErrSignInFailed):
		return "sign in with `mdti auth login`, set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET, or set MDTI_TOKEN; `mdti --demo` needs no sign-in"
	case graph.IsForbidden(err) && permission != "":
		return "the app or user needs the " + permission + " permission, with admin consent"
	case graph.IsForbidden(err):
		return threatIntelligenceForbidden
	case graph.IsThrottled(err):
		return "Graph kept throttling after every retry; lower --concurrency or try again later"
	}
	return ""
}

// ThreatIntelligenceError marks the failure of a threat-intelligence request made by a
// command whose own permission is another (enrich reads incidents with
// SecurityIncident.Read.All, then looks their hosts up): its 403 gets the threat-
// intelligence advice, not the command's permission. Other failures keep their usual hint.
type ThreatIntelligenceError struct{ Err error }

func (e *ThreatIntelligenceError) Error() string { return e.Err.Error() }
func (e *ThreatIntelligenceError) Unwrap() error { return e.Err }

// Hint is the threat-intelligence advice for a 403, "" otherwise.
func (e *ThreatIntelligenceError) Hint() string {
	if graph.IsForbidden(e.Err) {
		return threatIntelligenceForbidden
	}
	return ""
}

// threatIntelligenceForbidden is the 403 advice for threat intelligence, as Microsoft's
// 2026 overview states it: a Defender XDR or Sentinel licence (no add-on), the
// ThreatIntelligence.Read.All permission, at least the Security Reader role, and tenant
// verification for tenants rated high risk (Graph's message above says how to verify).
const threatIntelligenceForbidden = "threat intelligence needs the ThreatIntelligence.Read.All permission with admin consent, " +
	"a Microsoft Defender XDR or Microsoft Sentinel licence (no separate add-on since 2026) and, for a user, at least the Security Reader role; " +
	"a tenant rated high risk is blocked until it is verified, as Graph's message above says"
