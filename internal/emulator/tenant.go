package emulator

import (
	"fmt"
	"net/http"
)

// Tenant modes (Options.TenantMode): what the tenant behind every token looks like to the
// threat-intelligence APIs.
const (
	// TenantNormal: licensed and verified (the zero value).
	TenantNormal = ""
	// TenantUnlicensed: neither Defender XDR nor Sentinel; every threatIntelligence request
	// answers 403.
	TenantUnlicensed = "unlicensed"
	// TenantUnverified: identified as high risk and not verified; every threatIntelligence
	// request answers 403 with the verification state and a link.
	TenantUnverified = "unverified"
)

// unlicensedTenantMessage follows the 2026 overview page ("Use the Microsoft Graph APIs for
// Microsoft Threat Intelligence"): "The Microsoft Threat Intelligence APIs are available to
// all customers with a Microsoft Defender XDR and/or Microsoft Sentinel license. No separate
// license is required."
const unlicensedTenantMessage = "The tenant does not have a license that includes the Microsoft Threat Intelligence APIs. The Microsoft Threat Intelligence APIs are available to all customers with a Microsoft Defender XDR and/or Microsoft Sentinel license. No separate license is required."

// TenantVerificationURL is the link the unverified mode's message gives. The overview page
// says the message "indicates the current verification state of the tenant" and "when
// available, ... includes a link to complete tenant verification" without printing either,
// so the state name and this address are the emulator's own.
const TenantVerificationURL = "https://security.microsoft.com/tenantverification"

// unverifiedTenantMessage is the unverified mode's 403. The status code is not documented
// either: 403 is the emulator's choice.
const unverifiedTenantMessage = "Requests from this tenant to the Microsoft Threat Intelligence APIs are blocked because the tenant was identified as high risk. Tenant verification state: notVerified. Complete tenant verification at " + TenantVerificationURL + " and retry."

// validTenantMode reports whether mode is one of the tenant modes.
func validTenantMode(mode string) bool {
	switch mode {
	case TenantNormal, TenantUnlicensed, TenantUnverified:
		return true
	}
	return false
}

// SetTenantMode switches the tenant mode (TenantNormal, TenantUnlicensed, TenantUnverified)
// for the requests that follow.
func (e *Emulator) SetTenantMode(mode string) error {
	if !validTenantMode(mode) {
		return fmt.Errorf("unknown tenant mode %q: want %q, %q or %q", mode, TenantNormal, TenantUnlicensed, TenantUnverified)
	}
	e.tenantMode.Store(mode)
	return nil
}

func (e *Emulator) currentTenantMode() string {
	s, _ := e.tenantMode.Load().(string)
	return s
}

// SetTiIndicatorsRetired makes the tiIndicators entity set behave as removed (see
// Options.TiIndicatorsRetired), or brings it back, for the requests that follow.
func (e *Emulator) SetTiIndicatorsRetired(on bool) { e.tiRetired.Store(on) }

// SetEnforcePermissions turns the permission check of JWT bearer tokens on or off (see
// Options.EnforcePermissions).
func (e *Emulator) SetEnforcePermissions(on bool) { e.enforce.Store(on) }

func (e *Emulator) enforcePermissions() bool { return e.enforce.Load() }

// gate applies the switches that refuse a whole family before routing: the retired
// tiIndicators set (404, as Graph answers a segment it no longer knows), the caller's
// permissions (403), then the tenant mode on threat intelligence (403).
func (e *Emulator) gate(r *http.Request, toks []token) *apiError {
	f, ok := familyOf(toks)
	if !ok {
		return nil
	}
	if f.name == familyIndicators.name && e.tiRetired.Load() {
		return segmentNotFound("tiIndicators")
	}
	if ae := e.checkPermissions(callerOf(r), f, r.Method); ae != nil {
		return ae
	}
	if f.name != familyThreatIntelligence.name {
		return nil
	}
	switch e.currentTenantMode() {
	case TenantUnlicensed:
		return &apiError{status: http.StatusForbidden, code: "Forbidden", message: unlicensedTenantMessage}
	case TenantUnverified:
		return &apiError{status: http.StatusForbidden, code: "Forbidden", message: unverifiedTenantMessage}
	}
	return nil
}
