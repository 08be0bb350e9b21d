package entra

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha1" // #nosec G505: x5t (SHA-1) is what RS256 assertions carry; only compared, never trusted
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"
	"time"
)

// clockSkew is the tolerance Entra ID allows on assertion nbf/exp.
const clockSkew = 5 * time.Minute

type parsedClient struct {
	cert *x509.Certificate
	key  *rsa.PublicKey
}

func (s *Server) parsedCert(clientID string, c Client) (*parsedClient, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if pc, ok := s.certs[clientID]; ok {
		return pc, nil
	}
	pc, err := parseCertificate(c.CertificatePEM)
	if err != nil {
		return nil, err
	}
	s.certs[clientID] = pc
	return pc, nil
}

func parseCertificate(pemText string) (*parsedClient, error) {
	rest := []byte(pemText)
	for {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			return nil, errors.New("no CERTIFICATE block")
		}
		if b.Type != "CERTIFICATE" {
			continue
		}
		cert, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			return nil, err
		}
		key, ok := cert.PublicKey.(*rsa.PublicKey)
		if !ok {
			return nil, errors.New("certificate key is not RSA")
		}
		return &parsedClient{cert: cert, key: key}, nil
	}
}

type assertionHeader struct {
	Alg     string `json:"alg"`
	X5t     string `json:"x5t"`
	X5tS256 string `json:"x5t#S256"`
}

type assertionClaims struct {
	Aud any    `json:"aud"`
	Iss string `json:"iss"`
	Sub string `json:"sub"`
	Jti string `json:"jti"`
	Exp int64  `json:"exp"`
	Nbf int64  `json:"nbf"`
}

// verifyAssertion checks a client assertion JWT the way Entra ID does for certificate
// credentials: signature by the registered certificate, its thumbprint, aud = the token
// endpoint, iss = sub = client ID, and the validity window.
func verifyAssertion(jwt string, pc *parsedClient, clientID, tokenEndpoint string, now time.Time) *oauthError {
	parts := strings.Split(jwt, ".")
	if len(parts) != 3 {
		return errInvalidClient(50027, "JWT token is invalid or malformed.")
	}
	var h assertionHeader
	var c assertionClaims
	if err := decodeSegment(parts[0], &h); err != nil {
		return errInvalidClient(50027, "JWT token is invalid or malformed: bad header.")
	}
	if err := decodeSegment(parts[1], &c); err != nil {
		return errInvalidClient(50027, "JWT token is invalid or malformed: bad payload.")
	}
	if e := checkThumbprint(h, pc.cert); e != nil {
		return e
	}
	if e := checkSignature(h.Alg, parts[0]+"."+parts[1], parts[2], pc.key); e != nil {
		return e
	}
	return checkClaims(c, clientID, tokenEndpoint, now)
}

func decodeSegment(seg string, v any) error {
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(seg, "="))
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

// checkThumbprint compares the header's thumbprint with the registered certificate. MSAL
// encodes it with standard base64; base64url is accepted too, as the JWT spec prescribes.
func checkThumbprint(h assertionHeader, cert *x509.Certificate) *oauthError {
	var want []byte
	got := h.X5tS256
	if got != "" {
		s := sha256.Sum256(cert.Raw)
		want = s[:]
	} else if h.X5t != "" {
		s := sha1.Sum(cert.Raw) // #nosec G401
		want, got = s[:], h.X5t
	} else {
		return errInvalidClient(700027, "Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: none]")
	}
	std := base64.StdEncoding.EncodeToString(want)
	url := base64.RawURLEncoding.EncodeToString(want)
	if got != std && strings.TrimRight(got, "=") != url {
		return errInvalidClient(700027, fmt.Sprintf("Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: '%s']", got))
	}
	return nil
}

func checkSignature(alg, signed, sig string, key *rsa.PublicKey) *oauthError {
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(sig, "="))
	if err != nil {
		return errInvalidClient(700027, "Client assertion failed signature validation: signature is not base64url.")
	}
	digest := sha256.Sum256([]byte(signed))
	switch alg {
	case "PS256":
		err = rsa.VerifyPSS(key, crypto.SHA256, digest[:], raw, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthAuto})
	case "RS256":
		err = rsa.VerifyPKCS1v15(key, crypto.SHA256, digest[:], raw)
	default:
		return errInvalidClient(5002738, fmt.Sprintf("Invalid JWT token. '%s' is not a supported signature algorithm.", alg))
	}
	if err != nil {
		return errInvalidClient(700027, "Client assertion failed signature validation.")
	}
	return nil
}

func checkClaims(c assertionClaims, clientID, tokenEndpoint string, now time.Time) *oauthError {
	if c.Iss != clientID || c.Sub != clientID {
		return errInvalidClient(700021, fmt.Sprintf("Client assertion application identifier doesn't match 'client_id' parameter. iss '%s', sub '%s', client_id '%s'.", c.Iss, c.Sub, clientID))
	}
	if !audienceContains(c.Aud, tokenEndpoint) {
		return errInvalidClient(700212, fmt.Sprintf("Client assertion audience claim does not match Realm issuer. Expected '%s'.", tokenEndpoint))
	}
	if c.Exp == 0 || now.After(time.Unix(c.Exp, 0).Add(clockSkew)) {
		return errInvalidClient(700024, "Client assertion is not within its valid time range: it has expired.")
	}
	if c.Nbf != 0 && now.Add(clockSkew).Before(time.Unix(c.Nbf, 0)) {
		return errInvalidClient(700024, "Client assertion is not within its valid time range: it is not yet valid.")
	}
	if c.Jti == "" {
		return errInvalidClient(50027, "JWT token is invalid or malformed: jti is missing.")
	}
	return nil
}

func audienceContains(aud any, want string) bool {
	switch a := aud.(type) {
	case string:
		return a == want
	case []any:
		for _, v := range a {
			if s, ok := v.(string); ok && s == want {
				return true
			}
		}
	}
	return false
}
