// Package actions implements `mdti actions`: the beta securityActions of the Graph Security
// API (docs/reference.md §10) — list, get, create and cancel.
package actions

import (
	"errors"
	"net/http"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
)

// Permissions of the action commands: application permissions only.
const (
	readPermission  = "SecurityActions.Read.All"
	writePermission = "SecurityActions.ReadWrite.All"
)

// setPath is the entity set, on beta only.
const setPath = "/security/securityActions"

// NewCmdActions is the parent of the securityAction verbs.
func NewCmdActions(f *cmdutil.Factory) *cobra.Command {
	c := &cobra.Command{
		Use:   "actions <command>",
		Short: "ask a security provider to act, such as blocking an IP (securityActions, beta)",
		Long: `Work with Graph's beta /security/securityActions: ask a security provider to act (block
an IP, for example), list and read the actions, and cancel one. These commands always
call beta, whatever --api-version says: the entity exists only there.

securityActions takes application permissions only (SecurityActions.Read.All to read,
SecurityActions.ReadWrite.All to create and cancel): a user's sign-in gets 403. Users
report that creating an action answers "Cannot find a provider for this request";
mdti prints Graph's message as it comes.`,
		Example: `  mdti actions list
  mdti actions create --name BlockIp --action-reason "C2 contact" --parameter IP=203.0.113.7 --vendor Microsoft --provider "Windows Defender ATP"
  mdti actions get 1234567890
  mdti actions cancel 1234567890`,
		Annotations: map[string]string{cmdutil.PermissionAnnotation: readPermission},
	}
	c.AddCommand(NewCmdList(f), NewCmdGet(f), NewCmdCreate(f, nil), NewCmdCancel(f, nil))
	return c
}

func newDeps(f *cmdutil.Factory) shared.Deps { return shared.NewBetaDeps(f) }

// ForbiddenError is a 403 from securityActions, which most often means a user's token.
type ForbiddenError struct{ Err error }

func (e *ForbiddenError) Error() string { return e.Err.Error() }
func (e *ForbiddenError) Unwrap() error { return e.Err }

// Hint says what the 403 most likely means.
func (e *ForbiddenError) Hint() string {
	return "securityActions takes application permissions only (" + writePermission + ", or " + readPermission +
		" to read), with admin consent: sign in as an app (AZURE_CLIENT_ID and AZURE_CLIENT_SECRET or a certificate), not as a user; " +
		`users also report that creating an action answers "Cannot find a provider for this request"`
}

// UnavailableError says Graph answered as if the securityActions entity set did not exist.
// Like the tiIndicators retirement it is no "not found" of one action: exit 1.
type UnavailableError struct {
	Status  int
	Message string
}

func (e *UnavailableError) Error() string {
	return "the securityActions API appears to be unavailable or retired: Graph answered " +
		http.StatusText(e.Status) + " for the entity set (" + e.Message + ")"
}

// Hint says where it lives.
func (e *UnavailableError) Hint() string {
	return "securityActions exists on Graph's beta endpoint only; Defender for Endpoint's own API (machine actions, indicators) acts on devices and addresses directly"
}

// explain gives a 403 its securityActions hint, and a 404, 410 or 400 on the entity set
// itself (onSet: list and create) or naming the segment the unavailability message; other
// errors are returned as they are.
func explain(err error, onSet bool) error {
	var apiErr *graph.APIError
	if !errors.As(err, &apiErr) {
		return err
	}
	segment := strings.Contains(strings.ToLower(apiErr.Message), "segment 'securityactions'")
	switch apiErr.StatusCode {
	case http.StatusForbidden:
		return &ForbiddenError{Err: err}
	case http.StatusNotFound, http.StatusGone:
		if onSet || segment {
			return &UnavailableError{Status: apiErr.StatusCode, Message: apiErr.Message}
		}
	case http.StatusBadRequest:
		if segment {
			return &UnavailableError{Status: apiErr.StatusCode, Message: apiErr.Message}
		}
	}
	return err
}
