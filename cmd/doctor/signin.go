package doctor

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/mdti-cli/mdti/internal/auth"
)

// claims are the JWT payload fields doctor reports. The signature is not checked: the token
// is only described, never trusted for anything.
type claims struct {
	TenantID string   `json:"tid"`
	AppID    string   `json:"appid"`
	AZP      string   `json:"azp"`
	Roles    []string `json:"roles"`
	Scope    string   `json:"scp"`
	UPN      string   `json:"upn"`
	Expiry   int64    `json:"exp"`
}

// decodeClaims reads a JWT's payload; nil for an opaque token.
func decodeClaims(tok string) *claims {
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return nil
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return nil
	}
	var c claims
	if json.Unmarshal(payload, &c) != nil {
		return nil
	}
	return &c
}

// permissions are the token's roles (an app) or scopes (a user).
func (c *claims) permissions() []string {
	if c.Scope != "" {
		return strings.Fields(c.Scope)
	}
	return c.Roles
}

func (c *claims) app() string {
	if c.AppID != "" {
		return c.AppID
	}
	return c.AZP
}

// signIn gets a token and describes it.
func (d *doctor) signIn(ctx context.Context) {
	const check = "sign-in"
	if d.cred == nil {
		d.tokenFailed = true
		d.add(check, statusFail, "skipped: no credential", "see the credential check above")
		return
	}
	ctx, cancel := context.WithTimeout(ctx, d.timeout())
	defer cancel()
	tok, err := d.cred.Token(ctx, "")
	if err != nil {
		d.tokenFailed = true
		d.add(check, statusFail, err.Error(), signInFix(err))
		return
	}
	d.token = tok
	d.claims = decodeClaims(tok)
	if d.claims == nil {
		d.add(check, statusWarn, "got an opaque token (not a JWT): tenant, app and permissions cannot be read from it",
			"the probes below show what it can reach")
		return
	}
	c := d.claims
	var parts []string
	if c.TenantID != "" {
		parts = append(parts, "tenant "+c.TenantID)
	}
	if c.UPN != "" {
		parts = append(parts, "user "+c.UPN)
	}
	if app := c.app(); app != "" {
		parts = append(parts, "app "+app)
	}
	kind := "roles"
	if c.Scope != "" {
		kind = "scopes"
	}
	perms := c.permissions()
	if len(perms) == 0 {
		parts = append(parts, kind+" none")
	} else {
		parts = append(parts, kind+" "+strings.Join(perms, " "))
	}
	status, fix := statusOK, ""
	if c.Expiry != 0 {
		exp := time.Unix(c.Expiry, 0).UTC()
		parts = append(parts, "expires "+exp.Format(time.RFC3339))
		if !exp.After(d.opts.Now()) {
			status, fix = statusFail, "the token has expired: get a new one (unset MDTI_TOKEN, or sign in again)"
		}
	}
	d.add(check, status, strings.Join(parts, ", "), fix)
}

// signInFix is the advice for a token that could not be had.
func signInFix(err error) string {
	switch {
	case errors.Is(err, auth.ErrAuthorityUnreachable), errors.Is(err, context.DeadlineExceeded):
		return "the authority did not answer: see the network checks above"
	case errors.Is(err, auth.ErrNotSignedIn):
		return "run `mdti auth login`"
	}
	return "check the tenant, client ID and secret or certificate (Entra's AADSTS code above says which), then sign in again"
}

// family is a command family and the permissions that let it run (docs/reference.md §8,
// §10; threat intelligence §6): read is enough for the probe, any of them passes.
type family struct {
	name     string
	commands string
	perms    []string
	// appOnly: delegated (user) tokens are refused whatever they carry.
	appOnly bool
}

var families = []family{
	{"threat intelligence", "host, reputation, pdns, whois, article, ...", []string{"ThreatIntelligence.Read.All", "ThreatIntelligence.Read"}, false},
	{"alerts", "alerts", []string{"SecurityAlert.Read.All", "SecurityAlert.ReadWrite.All"}, false},
	{"incidents", "incidents", []string{"SecurityIncident.Read.All", "SecurityIncident.ReadWrite.All"}, false},
	{"hunting", "hunt", []string{"ThreatHunting.Read.All"}, false},
	{"score", "score", []string{"SecurityEvents.Read.All", "SecurityEvents.ReadWrite.All"}, false},
	{"indicators", "indicators", []string{"ThreatIndicators.ReadWrite.OwnedBy"}, false},
	{"actions", "actions", []string{"SecurityActions.Read.All", "SecurityActions.ReadWrite.All"}, true},
}

// granted says whether the token carries a permission of f; false with a reason when not.
func (d *doctor) granted(f family) (bool, string) {
	c := d.claims
	if f.appOnly && c.Scope != "" {
		return false, "application permissions only: a user's token is refused"
	}
	for _, p := range c.permissions() {
		for _, want := range f.perms {
			if strings.EqualFold(p, want) {
				return true, p
			}
		}
	}
	return false, "the token carries none of " + strings.Join(f.perms, ", ")
}

// permissions reports, per family, whether the token's claims allow it. Threat
// intelligence is what mdti is for: without it the check fails; other families warn.
func (d *doctor) permissions() {
	if d.tokenFailed {
		return
	}
	if d.claims == nil {
		d.add("permissions", statusWarn, "unknown: the token is opaque", "")
		return
	}
	for _, f := range families {
		check := "permission: " + f.name
		ok, why := d.granted(f)
		switch {
		case ok:
			d.add(check, statusOK, "granted by "+why, "")
		case f.name == "threat intelligence":
			d.add(check, statusFail, why, permissionFix(f))
		default:
			d.add(check, statusWarn, why+": `mdti "+f.commands+"` will answer 403", permissionFix(f))
		}
	}
}

func permissionFix(f family) string {
	kind := ""
	if f.appOnly {
		kind = " (application permission)"
	}
	return fmt.Sprintf("grant the Microsoft Graph permission %s%s to the app registration, with admin consent, then get a new token", f.perms[0], kind)
}
