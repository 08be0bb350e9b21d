package cmd

import (
	"fmt"
	"github.com/mdti-cli/mdti/internal/lazy"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/internal/cmdutil"
)

// wrapArgErrors makes every command's argument check a usage error (exit 2), and an
// unknown subcommand too.
func wrapArgErrors(c *cobra.Command) {
	if c.HasSubCommands() && c.Run == nil && c.RunE == nil {
		// A group command run alone shows its help; with a stray word it is a usage error,
		// where cobra would print the help and exit 0.
		c.RunE = func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return cmdutil.FlagErrorf("unknown command %q for %q", args[0], cmd.CommandPath())
			}
			return cmd.Help()
		}
	}
	check := c.Args
	if check != nil {
		c.Args = func(cmd *cobra.Command, args []string) error {
			if err := check(cmd, args); err != nil {
				return &cmdutil.FlagError{Err: err}
			}
			return nil
		}
	}
	for _, sub := range c.Commands() {
		wrapArgErrors(sub)
	}
}

// vtCommands are the nouns users of other threat-intelligence tools type first, and
// where mdti's answer is: cobra's nearest spelling (`api` for `ip`) is no help.
var vtCommands = lazy.Value[map[string]string]{New: func() map[string]string {
	return map[string]string{
		"ip":     "MDTI looks every host up the same way: try `mdti host ARG` or `mdti reputation ARG` with the IP address",
		"domain": "MDTI looks every host up the same way: try `mdti host ARG` or `mdti reputation ARG` with the domain",
		"url":    "MDTI looks URLs up by their host: try `mdti host ARG` or `mdti reputation ARG` with the URL",
		"file":   "file hashes are not supported by MDTI, which looks up host names and IP addresses",
		"hash":   "file hashes are not supported by MDTI, which looks up host names and IP addresses",
	}
}}

// suggestCommand rewrites cobra's unknown-command error for the root when the word is
// one of vtCommands; other errors pass unchanged.
func suggestCommand(err error, args []string) error {
	msg := err.Error()
	if !strings.HasPrefix(msg, "unknown command ") {
		return err
	}
	word := strings.TrimPrefix(msg, "unknown command ")
	word, _, _ = strings.Cut(word, " ")
	word, uerr := strconv.Unquote(word)
	advice, ok := vtCommands.Get()[strings.ToLower(word)]
	if uerr != nil || !ok {
		return err
	}
	arg := "HOST"
	for i, a := range args {
		if a == word && i+1 < len(args) && !strings.HasPrefix(args[i+1], "-") {
			arg = args[i+1]
			break
		}
	}
	return cmdutil.FlagErrorf("unknown command %q: %s", word, strings.ReplaceAll(advice, "ARG", arg))
}

// flagValueError matches pflag's message for a value its parser refused.
var flagValueError = lazy.Pattern{Expr: `^invalid argument "((?:[^"\\]|\\.)*)" for "(?:-\w, )?(--[\w-]+)" flag: (.*)$`}

// plainFlagError says what a flag wants instead of quoting Go's parser
// (`strconv.ParseInt: parsing "abc": invalid syntax`, `time: missing unit in duration "5"`).
func plainFlagError(err error) error {
	m := flagValueError.Get().FindStringSubmatch(err.Error())
	if m == nil {
		return err
	}
	value, flag, cause := m[1], m[2], m[3]
	var want string
	switch {
	case strings.HasPrefix(cause, "strconv.ParseInt"), strings.HasPrefix(cause, "strconv.ParseUint"),
		strings.HasPrefix(cause, "strconv.Atoi"):
		want = "want a whole number"
		if strings.HasSuffix(cause, "value out of range") {
			want = "the number is too large"
		}
	case strings.HasPrefix(cause, "strconv.ParseFloat"):
		want = "want a number"
	case strings.HasPrefix(cause, "strconv.ParseBool"):
		want = "want true or false"
	case strings.HasPrefix(cause, "time: "):
		want = "want a duration like 30s, 5m or 1h"
	default:
		return err
	}
	return fmt.Errorf("invalid %s \"%s\": %s", flag, value, want)
}
