package cmd

import (
	"errors"
	"github.com/mdti-cli/mdti/internal/lazy"
	"strings"

	"github.com/mdti-cli/mdti/internal/cmdutil"
)

// isCobraArgsError reports the errors cobra returns untyped for arguments and flag groups:
// usage errors (exit 2).
func isCobraArgsError(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "if any flags in the group", "at least one of the flags in the group"} {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

var (
	// unknown shorthand flag: 'x' in -xVALUE
	shorthandValue = lazy.Pattern{Expr: `^(unknown shorthand flag: '.' in -.).+$`}
	// invalid argument "VALUE" for "--name" flag: parse detail quoting VALUE again
	invalidArgument = lazy.Pattern{Expr: `^invalid argument ".*" for "((?:-., )?--([a-z0-9-]+))" flag: .*$`}
	// unknown command "VALUE" for "mdti auth login"
	unknownAuthArg = lazy.Pattern{Expr: `^unknown command ".*" for "(mdti auth [a-z]+)"$`}
)

// redactUsage keeps what a user typed by mistake out of a usage error when it may be a
// secret: `-sSECRET`, `--client-secret-stdin=SECRET`, `auth login --client-secret-stdin
// SECRET` (the secret becomes an argument). Usage errors end up in CI logs.
func redactUsage(err error) error {
	var flagErr *cmdutil.FlagError
	if !errors.As(err, &flagErr) {
		return err
	}
	msg := err.Error()
	switch {
	case shorthandValue.Get().MatchString(msg):
		msg = shorthandValue.Get().ReplaceAllString(msg, "$1…")
	case invalidArgument.Get().MatchString(msg):
		m := invalidArgument.Get().FindStringSubmatch(msg)
		if !secretLooking(m[2]) {
			return err
		}
		msg = "invalid value for flag " + m[1] + " (not shown: it may be a secret)"
	case unknownAuthArg.Get().MatchString(msg):
		m := unknownAuthArg.Get().FindStringSubmatch(msg)
		msg = m[1] + " takes no arguments (the one given is not shown: it may be a secret; secrets are read from stdin)"
	default:
		return err
	}
	return &cmdutil.FlagError{Err: errors.New(msg)}
}

// secretLooking says whether a flag's value may be a secret: flags about secrets, keys,
// passwords and tokens, and switches that take no value at all (a value given to
// --client-secret-stdin is most likely the secret itself).
func secretLooking(flag string) bool {
	for _, w := range []string{"secret", "password", "token", "key", "credential", "stdin", "device", "managed-identity"} {
		if strings.Contains(flag, w) {
			return true
		}
	}
	return false
}
