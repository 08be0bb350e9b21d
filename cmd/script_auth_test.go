package cmd_test

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"os"
	"strings"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/mdti-cli/mdti/internal/emulator"
	"github.com/mdti-cli/mdti/internal/emulator/entra"
)

// authCmds are the script commands for sign-in stories:
//
//	entra register ID secret S | cert FILE | federated ASSERTION | public
//	entra requests     print "GRANT CLIENT-AUTH" per token request, then nothing is forgotten
//	entra tokens N     require exactly N token requests so far
//	entra latency D    answer every sign-in request only after D (0: at once)
//	entra issued FILE  write every token, refresh token and device code Entra issued, one per line
//	gencert FILE       write a self-signed RSA certificate and its key as PEM
var authCmds = map[string]func(*testscript.TestScript, bool, []string){
	"entra":   cmdEntra,
	"gencert": cmdGencert,
}

func scriptEntra(ts *testscript.TestScript) *entra.Server {
	return ts.Value(stackKey{}).(*emulator.Stack).Entra
}

func cmdEntra(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: entra register|requests|tokens|issued ...")
	}
	idp := scriptEntra(ts)
	switch args[0] {
	case "register":
		registerClient(ts, idp, args[1:])
	case "requests":
		for _, r := range idp.Requests() {
			if r.GrantType != "" {
				fmt.Fprintf(ts.Stdout(), "%s %s\n", r.GrantType, r.ClientAuth)
			}
		}
	case "latency":
		if len(args) != 2 {
			ts.Fatalf("usage: entra latency D")
		}
		d, err := time.ParseDuration(args[1])
		ts.Check(err)
		idp.SetLatency(d)
	case "tokens":
		if len(args) != 2 {
			ts.Fatalf("usage: entra tokens N")
		}
		if got := fmt.Sprint(idp.TokenRequests()); got != args[1] {
			ts.Fatalf("entra got %s token requests, want %s", got, args[1])
		}
	case "issued":
		if len(args) != 2 {
			ts.Fatalf("usage: entra issued FILE")
		}
		ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(strings.Join(idp.Issued(), "\n")+"\n"), 0o600))
	default:
		ts.Fatalf("unknown entra command %q", args[0])
	}
}

func registerClient(ts *testscript.TestScript, idp *entra.Server, args []string) {
	if len(args) < 2 {
		ts.Fatalf("usage: entra register ID secret S | cert FILE | federated ASSERTION | public")
	}
	id, kind := args[0], args[1]
	var c entra.Client
	switch {
	case kind == "secret" && len(args) == 3:
		c.Secret = args[2]
	case kind == "cert" && len(args) == 3:
		pemBytes, err := os.ReadFile(ts.MkAbs(args[2]))
		ts.Check(err)
		c.CertificatePEM = string(pemBytes)
	case kind == "federated" && len(args) == 3:
		c.FederatedAssertion = args[2]
	case kind == "public" && len(args) == 2:
		c.Public = true
	default:
		ts.Fatalf("bad entra register arguments %q", args)
	}
	idp.RegisterClient(id, c)
}

func cmdGencert(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: gencert FILE")
	}
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	ts.Check(err)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: "mdti-script"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	ts.Check(err)
	out := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	out = append(out, pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})...)
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), out, 0o600))
}
