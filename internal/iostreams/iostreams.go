// Package iostreams holds the standard streams of one mdti run and what is known about them:
// whether each is a terminal, whether colour is wanted and how wide the terminal is.
package iostreams

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"golang.org/x/term"
)

// IOStreams is handed to every command instead of os.Stdin/os.Stdout/os.Stderr.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	stdinTTY  bool
	stdoutTTY bool
	stderrTTY bool
	width     int
}

// System returns the process streams. MDTI_FORCE_TTY=WIDTH (or "1") makes stdout count as a
// terminal, so tests and screenshots can see the terminal rendering through a pipe.
func System(getenv func(string) string) *IOStreams {
	s := &IOStreams{
		In:        os.Stdin,
		Out:       os.Stdout,
		ErrOut:    os.Stderr,
		stdinTTY:  isTerminal(os.Stdin),
		stdoutTTY: isTerminal(os.Stdout),
		stderrTTY: isTerminal(os.Stderr),
	}
	if s.stdoutTTY {
		if w, _, err := term.GetSize(int(os.Stdout.Fd())); err == nil {
			s.width = w
		}
	}
	if forced := getenv("MDTI_FORCE_TTY"); forced != "" && forced != "0" && forced != "false" {
		s.stdoutTTY = true
		if w, err := strconv.Atoi(forced); err == nil && w > 1 {
			s.width = w
		}
	}
	return s
}

// Test returns streams over buffers; nothing is a terminal until the test says so.
func Test() (s *IOStreams, in, out, errOut *bytes.Buffer) {
	in, out, errOut = &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{In: in, Out: out, ErrOut: errOut, width: 80}, in, out, errOut
}

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// IsStdinTTY reports whether stdin is a terminal (so no indicators are being piped in).
func (s *IOStreams) IsStdinTTY() bool { return s.stdinTTY }

// IsStdoutTTY reports whether stdout is a terminal (tables are drawn, colours allowed).
func (s *IOStreams) IsStdoutTTY() bool { return s.stdoutTTY }

// IsStderrTTY reports whether stderr is a terminal (progress bars allowed).
func (s *IOStreams) IsStderrTTY() bool { return s.stderrTTY }

// SetStdinTTY, SetStdoutTTY and SetStderrTTY override detection, for tests.
func (s *IOStreams) SetStdinTTY(v bool)  { s.stdinTTY = v }
func (s *IOStreams) SetStdoutTTY(v bool) { s.stdoutTTY = v }
func (s *IOStreams) SetStderrTTY(v bool) { s.stderrTTY = v }

// SetWidth sets the terminal width, for tests.
func (s *IOStreams) SetWidth(w int) { s.width = w }

// ColorEnabled reports whether stdout can show ANSI colours: it is a terminal. Whether the
// user wants them (--no-color, NO_COLOR) is decided once, in internal/config.
func (s *IOStreams) ColorEnabled() bool { return s.stdoutTTY }

// TerminalWidth is the width of stdout's terminal, 80 when unknown.
func (s *IOStreams) TerminalWidth() int {
	if s.width > 0 {
		return s.width
	}
	return 80
}

// ReadSecret reads one secret line from stdin. On a terminal it prompts on stderr and does
// not echo; from a pipe it reads the first line. Surrounding white space is trimmed.
func (s *IOStreams) ReadSecret(prompt string) (string, error) {
	if f, ok := s.stdinFile(); ok && s.stdinTTY {
		fmt.Fprint(s.ErrOut, prompt)
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(s.ErrOut)
		return strings.TrimSpace(string(b)), err
	}
	line, err := bufio.NewReader(io.LimitReader(s.In, 64<<10)).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", err
	}
	return strings.TrimSpace(line), nil
}
