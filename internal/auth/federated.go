package auth

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential"
)

// federatedCredential presents the content of a token file (Kubernetes projected service
// account token, or a GitHub OIDC token written to disk) as the client assertion. MSAL calls the
// callback for every network request and never on a cache hit; the file is read every time
// because kubelet rotates it.
func federatedCredential(path string) credFunc {
	return func(r *redactor) (confidential.Credential, error) {
		return confidential.NewCredFromAssertionCallback(func(context.Context, confidential.AssertionRequestOptions) (string, error) {
			a, err := readAssertion(path)
			r.add(a)
			return a, err
		}), nil
	}
}

func readAssertion(path string) (string, error) {
	b, err := readCredentialFile(path)
	if err != nil {
		return "", credentialFileError(path, "read federated token (AZURE_FEDERATED_TOKEN_FILE): %w", err)
	}
	a := strings.TrimSpace(string(b))
	if a == "" {
		return "", credentialFileError(path, "federated token file %s is empty", path)
	}
	return a, nil
}

// maxCredentialFile bounds what we read from a credential path: certificates and tokens are
// a few KB, and /dev/zero must not exhaust memory.
const maxCredentialFile = 1 << 20

// readCredentialFile reads a certificate or token file, refusing FIFOs and devices (which
// would block or never end) and files over 1 MiB.
func readCredentialFile(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxCredentialFile+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxCredentialFile {
		return nil, fmt.Errorf("%s is larger than 1 MiB", path)
	}
	return b, nil
}
