package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// firstRow: how long `reputation -i` of n hosts takes to put its first row on a terminal
// (a pseudo-terminal, 200 columns), against an emulator with 20 ms per request.
func (b *bench) firstRow(n, rounds int) (section, error) {
	emu, err := b.startEmulator("--latency", latency.String())
	if err != nil {
		return section{}, err
	}
	defer emu.stop()
	dir, removeDir, err := tempDir()
	if err != nil {
		return section{}, err
	}
	defer removeDir()
	file, err := hostFile(dir, "f", n)
	if err != nil {
		return section{}, err
	}
	t, err := interleave(rounds, func() (time.Duration, error) { return b.timeToFirstRow(emu.url, file) })
	if err != nil {
		return section{}, err
	}
	return section{
		title:  "First row on a terminal",
		target: fmt.Sprintf("`reputation -i` of %d hosts on a terminal: the first row within 100 ms", n),
		met:    t[0].med() <= 100*time.Millisecond,
		rows: [][2]string{
			{"time to the first row", minMed(t[0])},
			{"rounds", fmt.Sprint(rounds)},
		},
		notes: "Measured from starting the process to reading the first host's row from the terminal. The terminal table prints its first block after 50 rows (a screenful), sized from them; later blocks of 1,000 keep those widths, widening only for a wider cell. Before, the first block was 1,000 rows: 327 ms.",
	}, nil
}

// timeToFirstRow runs mdti with stdout on a pseudo-terminal and stops it once the first
// row (a line naming a bulk.test host) arrives.
func (b *bench) timeToFirstRow(url, file string) (time.Duration, error) {
	master, slave, err := openPTY()
	if err != nil {
		return 0, err
	}
	defer master.Close()
	cmd := exec.Command(b.mdti, "reputation", "-i", file, "--concurrency", "4")
	cmd.Env = append(os.Environ(), "MDTI_GRAPH_ENDPOINT="+url, "MDTI_TOKEN=emulator",
		"MDTI_CONFIG_DIR="+os.TempDir()+"/mdti-bench-config", "MDTI_TOKEN_CACHE=none", "TERM=xterm")
	cmd.Stdout = slave
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		slave.Close()
		return 0, err
	}
	slave.Close()
	defer func() {
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
	}()
	var seen []byte
	buf := make([]byte, 64<<10)
	for {
		k, err := master.Read(buf)
		seen = append(seen, buf[:k]...)
		if bytes.Contains(seen, []byte(".bulk.test")) {
			return time.Since(start), nil
		}
		if err != nil {
			return 0, fmt.Errorf("first row: no row before %v; stderr: %s", err, strings.TrimSpace(stderr.String()))
		}
	}
}

// openPTY opens a pseudo-terminal pair, 50 × 200.
func openPTY() (master, slave *os.File, err error) {
	master, err = os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		return nil, nil, err
	}
	fd := int(master.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		master.Close()
		return nil, nil, err
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		master.Close()
		return nil, nil, err
	}
	slave, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		master.Close()
		return nil, nil, err
	}
	unix.IoctlSetWinsize(int(slave.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Row: 50, Col: 200})
	return master, slave, nil
}
