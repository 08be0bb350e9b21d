// Package auth implements `mdti auth login|status|token|logout`.
package auth

import (
	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/internal/cmdutil"
)

// NewCmdAuth groups the sign-in verbs.
func NewCmdAuth(f *cmdutil.Factory) *cobra.Command {
	c := &cobra.Command{
		Use:   "auth <command>",
		Short: "sign in to Microsoft Entra ID and manage saved sign-ins",
		Long: `Sign in to Microsoft Entra ID for Microsoft Graph, and manage the saved sign-ins (profiles).

Credentials are used in this order: MDTI_TOKEN; AZURE_TENANT_ID + AZURE_CLIENT_ID with
AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH or AZURE_FEDERATED_TOKEN_FILE; the profile
saved by 'mdti auth login'. Secrets go to the OS keyring, never to the config file; tokens
are cached in a file encrypted with a key kept in the keyring.`,
		Example: `  mdti auth login --tenant contoso.onmicrosoft.com --client-id $APP_ID --device
  printf %s "$SECRET" | mdti auth login --tenant $TENANT --client-id $APP_ID --client-secret-stdin
  mdti auth status
  mdti auth logout --profile prod`,
	}
	c.AddCommand(newCmdLogin(f, nil), newCmdStatus(f), newCmdToken(f), newCmdLogout(f))
	return c
}
