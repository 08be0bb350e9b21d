package doctor

import (
	"context"
	"errors"
	"github.com/mdti-cli/mdti/internal/lazy"
	"net/http"
	"net/url"
	"strings"

	"github.com/mdti-cli/mdti/internal/graph"
)

// probe is one cheap, harmless read of a family: at most one record, nothing written.
type probe struct {
	path string // under the version root, or "beta:" + path for the beta-only sets
	hunt bool   // runHuntingQuery with a one-row query
}

var probes = map[string]probe{
	"threat intelligence": {path: "security/threatIntelligence/hosts/contoso.com"},
	"alerts":              {path: "security/alerts_v2?$top=1"},
	"incidents":           {path: "security/incidents?$top=1"},
	"hunting":             {hunt: true},
	"score":               {path: "security/secureScores?$top=1"},
	"indicators":          {path: "beta:security/tiIndicators?$top=1"},
	"actions":             {path: "beta:security/securityActions?$top=1"},
}

// huntProbeQuery reads one row of a table every Defender XDR tenant has.
const huntProbeQuery = "DeviceInfo | take 1"

// probes reads once from every family the token claims to reach (every family for an
// opaque token) and explains a refusal.
func (d *doctor) probes(ctx context.Context) {
	if d.tokenFailed || !d.endpointOK {
		return
	}
	gc, err := d.opts.GraphClient()
	if err != nil {
		d.add("probes", statusFail, err.Error(), "")
		return
	}
	for _, f := range families {
		if d.claims != nil {
			if ok, _ := d.granted(f); !ok {
				continue
			}
		}
		check := "probe: " + f.name
		err := d.runProbe(ctx, gc, probes[f.name])
		if err == nil {
			d.add(check, statusOK, "Graph answered", "")
			continue
		}
		status, detail, fix := probeFailure(f, err)
		d.add(check, status, detail, fix)
	}
}

func (d *doctor) runProbe(ctx context.Context, gc *graph.Client, p probe) error {
	ctx, cancel := context.WithTimeout(ctx, d.timeout())
	defer cancel()
	if p.hunt {
		_, err := gc.RunHuntingQuery(ctx, huntProbeQuery, "")
		return err
	}
	path, q := p.path, url.Values{}
	if rest, ok := strings.CutPrefix(path, "beta:"); ok {
		// tiIndicators and securityActions exist on beta only (docs/reference.md §10).
		root := strings.TrimSuffix(gc.BaseURL(), "/"+gc.APIVersion())
		path = root + "/beta/" + rest
	}
	if base, query, ok := strings.Cut(path, "?"); ok {
		path = base
		q, _ = url.ParseQuery(query)
	}
	_, err := gc.Get(ctx, path, q)
	return err
}

var linkPattern = lazy.Regexp(`https://[^\s"')]+`)

// probeFailure interprets a probe's error: the tenant-verification and licence messages of
// Microsoft's 2026 overview, a missing permission or role, a token refused, a retired set.
func probeFailure(f family, err error) (string, string, string) {
	var apiErr *graph.APIError
	if !errors.As(err, &apiErr) {
		return statusFail, err.Error(), "see the network and sign-in checks above"
	}
	detail := err.Error()
	msg := strings.ToLower(apiErr.Message)
	switch apiErr.StatusCode {
	case http.StatusNotFound:
		if f.name == "indicators" {
			return statusWarn, detail, "Microsoft retired tiIndicators: use Microsoft Sentinel's STIX upload API or Defender for Endpoint's indicators API"
		}
		return statusOK, "Graph answered (the probe's record does not exist)", ""
	case http.StatusGone, http.StatusBadRequest:
		if f.name == "indicators" {
			return statusWarn, detail, "Microsoft retired tiIndicators: use Microsoft Sentinel's STIX upload API or Defender for Endpoint's indicators API"
		}
	case http.StatusUnauthorized:
		return statusFail, detail, "the token was refused: get a new one (sign in again, or check MDTI_TOKEN and the tenant)"
	case http.StatusForbidden:
		return statusFail, detail, forbiddenFix(f, msg, apiErr.Message)
	}
	return statusFail, detail, ""
}

func forbiddenFix(f family, lower, msg string) string {
	switch {
	case strings.Contains(lower, "verification"):
		link := linkPattern().FindString(msg)
		if link == "" {
			return "the tenant must complete tenant verification, as Graph's message says"
		}
		return "complete tenant verification at " + strings.TrimRight(link, ".,;") + ", then retry"
	case strings.Contains(lower, "license") || strings.Contains(lower, "licence"):
		return "the tenant needs a Microsoft Defender XDR or Microsoft Sentinel licence (no separate add-on since 2026)"
	case strings.Contains(lower, "missing application roles") || strings.Contains(lower, "missing scope") || strings.Contains(lower, "permission"):
		return permissionFix(f)
	case f.name == "threat intelligence":
		return "needs ThreatIntelligence.Read.All with admin consent, a Microsoft Defender XDR or Microsoft Sentinel licence and, for a user, at least the Security Reader role"
	}
	return permissionFix(f) + "; for a user, at least the Security Reader role"
}
