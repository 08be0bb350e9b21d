package auth

import (
	"bytes"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential"
	"software.sslmate.com/src/go-pkcs12"
)

// certCredential loads the client certificate: a PEM file holding the certificate and its
// unencrypted RSA private key, or a PKCS#12 (.pfx/.p12) bundle opened with password
// (AZURE_CLIENT_CERTIFICATE_PASSWORD, or --certificate-password-stdin at login).
func certCredential(path, password string) credFunc {
	return func(r *redactor) (confidential.Credential, error) {
		r.add(password)
		data, err := readCredentialFile(path)
		if err != nil {
			return confidential.Credential{}, credentialFileError(path, "read client certificate: %w", err)
		}
		certs, key, err := parseCertificate(data, path, password)
		if err != nil {
			return confidential.Credential{}, err
		}
		cred, err := confidential.NewCredFromCert(certs, key)
		if err != nil {
			return confidential.Credential{}, credentialFileError(path, "client certificate %s: %w", path, err)
		}
		return cred, nil
	}
}

var errNoPEM = errors.New("not PEM")

func parseCertificate(data []byte, path, password string) ([]*x509.Certificate, *rsa.PrivateKey, error) {
	if b, _ := pem.Decode(data); b == nil {
		if len(data) > 0 && data[0] == 0x30 { // DER SEQUENCE: a PKCS#12 bundle
			return parsePKCS12(data, path, password)
		}
		return nil, nil, credentialFileError(path, "client certificate %s: %w: want a PEM file with CERTIFICATE and PRIVATE KEY blocks", path, errNoPEM)
	}
	if bytes.Contains(data, []byte("ENCRYPTED PRIVATE KEY")) || bytes.Contains(data, []byte("Proc-Type: 4,ENCRYPTED")) {
		return nil, nil, credentialFileError(path, "client certificate %s: the private key is encrypted, which mdti cannot read; decrypt it with `openssl pkey -in %s -out key.pem` and keep the file private", path, path)
	}
	certs, key, err := confidential.CertFromPEM(data, "")
	if err != nil {
		return nil, nil, credentialFileError(path, "client certificate %s: %w", path, err)
	}
	rsaKey, ok := key.(*rsa.PrivateKey)
	if !ok {
		return nil, nil, credentialFileError(path, "client certificate %s: the private key must be RSA (Entra ID client assertions are PS256)", path)
	}
	return certs, rsaKey, nil
}

// parsePKCS12 opens a .pfx/.p12 bundle: its leaf certificate, any chain, and an RSA key.
func parsePKCS12(data []byte, path, password string) ([]*x509.Certificate, *rsa.PrivateKey, error) {
	key, leaf, chain, err := pkcs12.DecodeChain(data, password)
	if err != nil {
		if errors.Is(err, pkcs12.ErrIncorrectPassword) {
			return nil, nil, credentialFileError(path, "client certificate %s: wrong PKCS#12 password (set AZURE_CLIENT_CERTIFICATE_PASSWORD)", path)
		}
		return nil, nil, credentialFileError(path, "client certificate %s: read PKCS#12: %w", path, err)
	}
	rsaKey, ok := key.(*rsa.PrivateKey)
	if !ok {
		return nil, nil, credentialFileError(path, "client certificate %s: the private key must be RSA (Entra ID client assertions are PS256)", path)
	}
	return append([]*x509.Certificate{leaf}, chain...), rsaKey, nil
}
