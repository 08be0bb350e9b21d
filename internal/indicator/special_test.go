package indicator

import (
	"net/netip"
	"strings"
	"testing"
)

func TestAddrSkipReasonBoundaries(t *testing.T) {
	tests := []struct {
		addr string
		want SkipReason
	}{
		{"0.0.0.0", SkipReserved},
		{"0.255.255.255", SkipReserved},
		{"1.0.0.0", ""},
		{"9.255.255.255", ""},
		{"10.0.0.0", SkipPrivate},
		{"10.255.255.255", SkipPrivate},
		{"11.0.0.0", ""},
		{"100.63.255.255", ""},
		{"100.64.0.0", SkipCGNAT},
		{"100.127.255.255", SkipCGNAT},
		{"100.128.0.0", ""},
		{"126.255.255.255", ""},
		{"127.0.0.0", SkipLoopback},
		{"127.0.0.1", SkipLoopback},
		{"127.255.255.255", SkipLoopback},
		{"128.0.0.0", ""},
		{"169.253.255.255", ""},
		{"169.254.0.0", SkipLinkLocal},
		{"169.254.169.254", SkipLinkLocal},
		{"169.254.255.255", SkipLinkLocal},
		{"169.255.0.0", ""},
		{"172.15.255.255", ""},
		{"172.16.0.0", SkipPrivate},
		{"172.31.255.255", SkipPrivate},
		{"172.32.0.0", ""},
		{"191.255.255.255", ""},
		{"192.0.0.0", SkipReserved},
		{"192.0.0.255", SkipReserved},
		{"192.0.1.0", ""},
		{"192.0.2.0", ""},
		{"192.0.2.255", ""},
		{"192.0.3.0", ""},
		// Documentation ranges are sent: see addrRanges.
		{"192.88.99.1", ""}, // deprecated 6to4 relay anycast: a public address
		{"192.167.255.255", ""},
		{"192.168.0.0", SkipPrivate},
		{"192.168.255.255", SkipPrivate},
		{"192.169.0.0", ""},
		{"198.17.255.255", ""},
		{"198.18.0.0", SkipReserved},
		{"198.19.255.255", SkipReserved},
		{"198.20.0.0", ""},
		{"198.51.99.255", ""},
		{"198.51.100.0", ""},
		{"198.51.100.255", ""},
		{"198.51.101.0", ""},
		{"203.0.112.255", ""},
		{"203.0.113.0", ""},
		{"203.0.113.255", ""},
		{"203.0.114.0", ""},
		{"223.255.255.255", ""},
		{"224.0.0.0", SkipMulticast},
		{"239.255.255.255", SkipMulticast},
		{"240.0.0.0", SkipReserved},
		{"255.255.255.255", SkipReserved},
		{"8.8.8.8", ""},
		{"1.1.1.1", ""},

		{"::", SkipReserved},
		{"::1", SkipLoopback},
		{"::2", ""},
		{"::ffff:10.0.0.1", SkipPrivate}, // judged as the IPv4 address it carries
		{"::ffff:8.8.8.8", ""},
		{"100::", SkipReserved},
		{"100::ffff:ffff:ffff:ffff", SkipReserved},
		{"100:0:0:1::", ""},
		{"2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", ""},
		{"2001:db8::", ""},
		{"2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", ""},
		{"2001:db9::", ""},
		{"2001:4860:4860::8888", ""},
		{"2002:c000:0204::1", ""}, // 6to4: the address behind it is public
		{"3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff", ""},
		{"3fff::", ""},
		{"3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff", ""},
		{"3fff:1000::", ""},
		{"fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", ""},
		{"fc00::", SkipPrivate},
		{"fd12:3456:789a::1", SkipPrivate},
		{"fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", SkipPrivate},
		{"fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff", ""},
		{"fe80::", SkipLinkLocal},
		{"fe80::1%eth0", SkipLinkLocal},
		{"febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", SkipLinkLocal},
		{"fec0::1", SkipPrivate},
		{"feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", SkipPrivate},
		{"ff00::", SkipMulticast},
		{"ff02::1", SkipMulticast},
		{"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", SkipMulticast},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			if got := AddrSkipReason(netip.MustParseAddr(tt.addr)); got != tt.want {
				t.Errorf("AddrSkipReason(%s) = %q, want %q", tt.addr, got, tt.want)
			}
		})
	}
}

func TestSendPolicySkip(t *testing.T) {
	p, err := NewSendPolicy([]string{"Contoso.com", "*.fabrikam.net", ".corp.woodgrove.", "tailspin.internal"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		key  string
		want SkipReason
	}{
		{"contoso.com", SkipOwnDomain},
		{"mail.contoso.com", SkipOwnDomain},
		{"CONTOSO.COM.", SkipOwnDomain},
		{"notcontoso.com", ""},
		{"contoso.com.evil.site", ""},
		{"fabrikam.net", SkipOwnDomain},
		{"a.b.fabrikam.net", SkipOwnDomain},
		{"corp.woodgrove", SkipOwnDomain},
		{"woodgrove", SkipPrivate},
		{"tailspin.internal", SkipOwnDomain}, // own-domain wins over the special name
		{"other.internal", SkipPrivate},
		{"fileserver", SkipPrivate},
		{"localhost", SkipLoopback},
		{"db.localhost", SkipLoopback},
		{"printer.local", SkipPrivate},
		{"router.home.arpa", SkipPrivate},
		{"nas.lan", SkipPrivate},
		{"dc01.corp", SkipPrivate},
		{"x.invalid", SkipReserved},
		{"www.example.com", ""},
		{"evil.example", ""},
		{"flaky.fault.test", ""},
		{"examples.com", ""},
		{"evil.site", ""},
		{"10.1.2.3", SkipPrivate},
		{"100.64.0.1", SkipCGNAT},
		{"fe80::1", SkipLinkLocal},
		{"8.8.8.8", ""},
		{"2001:4860:4860::8888", ""},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			if got := p.Skip(tt.key); got != tt.want {
				t.Errorf("Skip(%q) = %q, want %q", tt.key, got, tt.want)
			}
		})
	}
}

func TestSendPolicyZeroValueHasNoOwnDomains(t *testing.T) {
	var p SendPolicy
	if got := p.Skip("contoso.com"); got != "" {
		t.Errorf("Skip = %q, want it sent", got)
	}
}

func TestNewSendPolicyRefusesWhatIsNotADomain(t *testing.T) {
	for _, d := range []string{"", "10.0.0.1", "https://contoso.com", "contoso.com/x", "a..b", "user@contoso.com"} {
		if _, err := NewSendPolicy([]string{d}); err == nil {
			t.Errorf("NewSendPolicy(%q) accepted it", d)
		} else if !strings.Contains(err.Error(), "own domain") {
			t.Errorf("NewSendPolicy(%q) error %q does not name the setting", d, err)
		}
	}
}
