package cmdutil

import (
	"fmt"
	"testing"

	"github.com/mdti-cli/mdti/internal/auth"
)

// An invalid setting is a usage error (exit 2) with no sign-in hint, even when the factory
// wraps it in an AuthError.
func TestInvalidSettingIsAUsageError(t *testing.T) {
	err := &AuthError{Err: fmt.Errorf("resolve: %w", auth.ErrInvalidSetting)}
	if got := ExitCode(err); got != ExitUsage {
		t.Errorf("ExitCode = %d, want %d", got, ExitUsage)
	}
	if h := Hint(err, ""); h != "" {
		t.Errorf("Hint = %q, want none", h)
	}
}
