package shared

import "testing"

func TestThousands(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 100: "100", 1000: "1,000", 999999: "999,999", 1000000: "1,000,000", -1234: "-1,234"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
