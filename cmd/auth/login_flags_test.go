package auth

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/mdti-cli/mdti/cmd/shared/sharedtest"
)

func TestLoginFlags(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want LoginOptions
		err  string
	}{
		{args: []string{"--tenant", "contoso.onmicrosoft.com", "--client-id", "app", "--device"},
			want: LoginOptions{Tenant: "contoso.onmicrosoft.com", ClientID: "app", Device: true}},
		{args: []string{"--tenant", "t", "--client-id", "app", "--client-secret-stdin"},
			want: LoginOptions{Tenant: "t", ClientID: "app", ClientSecretIn: true}},
		{args: []string{"--tenant", "t", "--client-id", "app", "--certificate", "c.pfx", "--certificate-password-stdin"},
			want: LoginOptions{Tenant: "t", ClientID: "app", CertificatePath: "c.pfx", CertPasswordIn: true}},
		{args: []string{"--managed-identity"}, want: LoginOptions{ManagedIdentity: true}},
		{args: []string{"--managed-identity", "--client-id", "uami"}, want: LoginOptions{ClientID: "uami", ManagedIdentity: true}},
		{args: []string{"--managed-identity", "--certificate", "c.pem"}, err: "none of the others can be"},
		{args: []string{"--device", "--client-secret-stdin"}, err: "none of the others can be"},
		{args: []string{"--device", "--certificate", "c.pem"}, err: "none of the others can be"},
		{args: []string{"--device", "extra"}, err: `unknown command "extra"`},
		{args: []string{"--device=often"}, err: `invalid argument "often" for "--device"`},
	} {
		var got *LoginOptions
		f := sharedtest.Factory()
		err := sharedtest.Execute(newCmdLogin(f, func(_ context.Context, o *LoginOptions) error {
			got = o
			return nil
		}), tt.args...)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) || got != nil {
				t.Errorf("%q: error %v, want %q and no run", tt.args, err, tt.err)
			}
			continue
		}
		if err != nil || got == nil {
			t.Fatalf("%q: %v", tt.args, err)
		}
		if got.IO != f.IOStreams {
			t.Errorf("%q: streams not passed", tt.args)
		}
		got.IO, got.Config, got.AuthSettings = nil, nil, nil
		if !reflect.DeepEqual(*got, tt.want) {
			t.Errorf("%q: options %+v, want %+v", tt.args, *got, tt.want)
		}
	}
}
