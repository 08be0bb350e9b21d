package auth

import (
	"bytes"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential"
)

// certCredential loads a PEM file holding the certificate and its unencrypted RSA private key.
// PKCS#12 (.pfx) needs a decoder this module does not depend on, so it is refused with the
// openssl command that converts it. The password only matters for PKCS#12 and is unused.
func certCredential(path, password string) func() (confidential.Credential, error) {
	return func() (confidential.Credential, error) {
		data, err := os.ReadFile(path)
		if err != nil {
			return confidential.Credential{}, fmt.Errorf("read client certificate: %w", err)
		}
		certs, key, err := parseCertificate(data, path)
		if err != nil {
			return confidential.Credential{}, err
		}
		cred, err := confidential.NewCredFromCert(certs, key)
		if err != nil {
			return confidential.Credential{}, fmt.Errorf("client certificate %s: %w", path, err)
		}
		return cred, nil
	}
}

var errNoPEM = errors.New("not PEM")

func parseCertificate(data []byte, path string) ([]*x509.Certificate, *rsa.PrivateKey, error) {
	if b, _ := pem.Decode(data); b == nil {
		if len(data) > 0 && data[0] == 0x30 { // DER SEQUENCE: a PKCS#12 bundle
			return nil, nil, fmt.Errorf("client certificate %s looks like PKCS#12 (.pfx/.p12), which mdti cannot read yet; convert it with `openssl pkcs12 -in %s -nodes -out cert.pem` and protect cert.pem with chmod 600", path, path)
		}
		return nil, nil, fmt.Errorf("client certificate %s: %w: want a PEM file with CERTIFICATE and PRIVATE KEY blocks", path, errNoPEM)
	}
	if bytes.Contains(data, []byte("ENCRYPTED PRIVATE KEY")) || bytes.Contains(data, []byte("Proc-Type: 4,ENCRYPTED")) {
		return nil, nil, fmt.Errorf("client certificate %s: the private key is encrypted, which mdti cannot read; decrypt it with `openssl pkey -in %s -out key.pem` and keep the file private", path, path)
	}
	certs, key, err := confidential.CertFromPEM(data, "")
	if err != nil {
		return nil, nil, fmt.Errorf("client certificate %s: %w", path, err)
	}
	rsaKey, ok := key.(*rsa.PrivateKey)
	if !ok {
		return nil, nil, fmt.Errorf("client certificate %s: the private key must be RSA (Entra ID client assertions are PS256)", path)
	}
	return certs, rsaKey, nil
}
