package indicator

import "testing"

func TestInetAton(t *testing.T) {
	tests := []struct{ in, want string }{
		{"1.2.3.4", "1.2.3.4"},
		{"0x7f.1", "127.0.0.1"},
		{"0177.0.0.1", "127.0.0.1"},
		{"127.1", "127.0.0.1"},
		{"127.0.1", "127.0.0.1"},
		{"1.2.65535", "1.2.255.255"},
		{"2130706433", "127.0.0.1"},
		{"0xffffffff", "255.255.255.255"},
		{"0x", "0.0.0.0"},
		{"0", "0.0.0.0"},
		{"1.2.3.04", "1.2.3.4"},
		{"1.2.3.256", ""},
		{"256.1", ""},
		{"1.16777216", ""},
		{"4294967296", ""},
		{"08.1.1.1", ""},
		{"0x1g", ""},
		{"1.2.3.4.5", ""},
		{"1..2", ""},
		{"", ""},
		{"-1", ""},
		{"+1", ""},
	}
	for _, tt := range tests {
		addr, ok := inetAton(tt.in)
		got := ""
		if ok {
			got = addr.String()
		}
		if got != tt.want {
			t.Errorf("inetAton(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEndsInNumber(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"1.2.3.4", true},
		{"foo.123", true},
		{"foo.0x7F", true},
		{"foo.0x", true},
		{"123", true},
		{"foo.0x7g", false},
		{"0x7f.com", false},
		{"1e100.net", false},
		{"foo.", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := endsInNumber(tt.in); got != tt.want {
			t.Errorf("endsInNumber(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
