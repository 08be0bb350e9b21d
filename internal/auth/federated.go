package auth

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential"
)

// federatedCredential presents the content of a token file (Kubernetes projected service
// account token, or a GitHub OIDC token written to disk) as the client assertion. MSAL calls the
// callback for every network request and never on a cache hit; the file is read every time
// because kubelet rotates it.
func federatedCredential(path string) func() (confidential.Credential, error) {
	return func() (confidential.Credential, error) {
		return confidential.NewCredFromAssertionCallback(func(context.Context, confidential.AssertionRequestOptions) (string, error) {
			return readAssertion(path)
		}), nil
	}
}

func readAssertion(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("read federated token (AZURE_FEDERATED_TOKEN_FILE): %w", err)
	}
	a := strings.TrimSpace(string(b))
	if a == "" {
		return "", errors.New("federated token file " + path + " is empty")
	}
	return a, nil
}
