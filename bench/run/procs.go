package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

type bench struct {
	mdti string
	env  []string // added to every mdti run's environment
}

// emulatorProc is a `mdti emulator` server in its own process, so mdti's RSS is its own.
type emulatorProc struct {
	cmd *exec.Cmd
	url string
	ca  string // MDTI_CA_CERT of a TLS emulator
}

func (b *bench) startEmulator(args ...string) (*emulatorProc, error) {
	return b.startEmulatorWith(append([]string{"emulator", "--listen", "127.0.0.1:0", "--tls=false"}, args...))
}

// startEmulatorWith runs mdti with args (an emulator command line) and reads the
// environment it prints: the URL and, with TLS, the CA bundle.
func (b *bench) startEmulatorWith(args []string) (*emulatorProc, error) {
	cmd := exec.Command(b.mdti, args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start emulator: %w", err)
	}
	emu := &emulatorProc{cmd: cmd}
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "export MDTI_GRAPH_ENDPOINT="); ok {
			emu.url = v
			if !strings.HasPrefix(v, "https://") {
				break
			}
		}
		if v, ok := strings.CutPrefix(sc.Text(), "export MDTI_CA_CERT="); ok {
			emu.ca = v
			break
		}
	}
	if emu.url == "" {
		cmd.Process.Kill()
		cmd.Wait()
		return nil, fmt.Errorf("emulator printed no URL")
	}
	go io.Copy(io.Discard, stdout)
	return emu, nil
}

func (e *emulatorProc) stop() {
	e.cmd.Process.Signal(syscall.SIGTERM)
	e.cmd.Wait()
}

// runResult is one measured mdti run.
type runResult struct {
	wall     time.Duration
	maxRSSKB int64
	lines    int
	exit     int
	stderr   string
}

// runMDTI runs mdti against url with stdin, counting stdout lines without keeping them.
func (b *bench) runMDTI(url, stdin string, args ...string) (runResult, error) {
	counter := &lineCounter{}
	res, err := b.run(url, strings.NewReader(stdin), counter, args...)
	res.lines = counter.n
	return res, err
}

// runMDTICapture runs mdti against url and keeps its stdout.
func (b *bench) runMDTICapture(url string, args ...string) (runResult, string, error) {
	var out bytes.Buffer
	res, err := b.run(url, strings.NewReader(""), &out, args...)
	return res, out.String(), err
}

// run runs mdti against url, measuring its wall time, exit code and peak RSS.
func (b *bench) run(url string, stdin io.Reader, stdout io.Writer, args ...string) (runResult, error) {
	cmd := exec.Command(b.mdti, args...)
	cmd.Env = append(os.Environ(), "MDTI_GRAPH_ENDPOINT="+url, "MDTI_TOKEN=emulator",
		"MDTI_CONFIG_DIR="+os.TempDir()+"/mdti-bench-config", "MDTI_TOKEN_CACHE=none")
	cmd.Env = append(cmd.Env, b.env...)
	cmd.Stdin = stdin
	var errBuf bytes.Buffer
	cmd.Stderr = &errBuf
	cmd.Stdout = stdout
	start := time.Now()
	err := cmd.Run()
	res := runResult{wall: time.Since(start), stderr: errBuf.String()}
	if cmd.ProcessState == nil {
		return res, fmt.Errorf("run mdti: %w", err)
	}
	res.exit = cmd.ProcessState.ExitCode()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		res.maxRSSKB = ru.Maxrss
	}
	return res, nil
}

type lineCounter struct{ n int }

func (c *lineCounter) Write(p []byte) (int, error) {
	c.n += bytes.Count(p, []byte{'\n'})
	return len(p), nil
}

func hostList(prefix string, n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "%s%d.bulk.test\n", prefix, i)
	}
	return b.String()
}

func mib(kb int64) string { return fmt.Sprintf("%.1f MiB", float64(kb)/1024) }

func secs(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }
