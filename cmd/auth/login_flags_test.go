package auth

import (
	"context"
	"testing"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared/sharedtest"
	"github.com/mdti-cli/mdti/internal/cmdutil"
)

func TestLoginFlags(t *testing.T) {
	var f *cmdutil.Factory // the running case's factory, whose streams the options must hold
	newCmd := func(caseFactory *cmdutil.Factory, runF func(context.Context, *LoginOptions) error) *cobra.Command {
		f = caseFactory
		return newCmdLogin(f, runF)
	}
	sharedtest.RunFlagCases(t, newCmd, []sharedtest.FlagCase[LoginOptions]{
		{Args: []string{"--tenant", "contoso.onmicrosoft.com", "--client-id", "app", "--device"},
			Want: LoginOptions{Tenant: "contoso.onmicrosoft.com", ClientID: "app", Device: true}},
		{Args: []string{"--tenant", "t", "--client-id", "app", "--client-secret-stdin"},
			Want: LoginOptions{Tenant: "t", ClientID: "app", ClientSecretIn: true}},
		{Args: []string{"--tenant", "t", "--client-id", "app", "--certificate", "c.pfx", "--certificate-password-stdin"},
			Want: LoginOptions{Tenant: "t", ClientID: "app", CertificatePath: "c.pfx", CertPasswordIn: true}},
		{Args: []string{"--managed-identity"}, Want: LoginOptions{ManagedIdentity: true}},
		{Args: []string{"--managed-identity", "--client-id", "uami"}, Want: LoginOptions{ClientID: "uami", ManagedIdentity: true}},
		{Args: []string{"--managed-identity", "--certificate", "c.pem"}, Err: "none of the others can be"},
		{Args: []string{"--device", "--client-secret-stdin"}, Err: "none of the others can be"},
		{Args: []string{"--device", "--certificate", "c.pem"}, Err: "none of the others can be"},
		{Args: []string{"--device", "extra"}, Err: `unknown command "extra"`},
		{Args: []string{"--device=often"}, Err: `invalid argument "often" for "--device"`},
	}, func(t testing.TB, o *LoginOptions) {
		if o.IO != f.IOStreams {
			t.Errorf("streams not passed")
		}
		o.IO, o.Config, o.AuthSettings = nil, nil, nil
	})
}
