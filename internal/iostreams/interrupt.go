package iostreams

import (
	"context"
	"io"
	"os"
)

// StopInputOn makes reads of stdin end with ctx's error once ctx is done, even a read
// that is blocked waiting for input. Ctrl-C cancels the run's context, but a read of a
// pipe whose writer is slow (or of a terminal, at delete's question) would otherwise
// hold mdti until the input came or closed. cmd.Run calls it once.
func (s *IOStreams) StopInputOn(ctx context.Context) {
	if s.In != nil {
		s.In = &interruptibleReader{ctx: ctx, r: s.In}
	}
}

// stdinFile is the file behind In, if there is one: ReadSecret needs its descriptor.
func (s *IOStreams) stdinFile() (*os.File, bool) {
	in := s.In
	if ir, ok := in.(*interruptibleReader); ok {
		in = ir.r
	}
	f, ok := in.(*os.File)
	return f, ok
}

// interruptibleReader reads r in a goroutine, one read at a time, and stops waiting for
// it when ctx ends. The goroutine reads into its own buffer, never into the caller's, so
// a read abandoned at cancellation writes nothing the caller still holds; it reads no
// more than the caller asked for, so a command that reads a little of stdin takes no
// more of it than before (a shell loop's next lines stay where they were).
type interruptibleReader struct {
	ctx     context.Context
	r       io.Reader
	pending chan readResult // the outstanding read, if any
	rest    []byte          // what the last read got beyond the caller's buffer
	err     error           // the last read's error, returned once rest is handed over
}

type readResult struct {
	b   []byte
	err error
}

func (ir *interruptibleReader) Read(p []byte) (int, error) {
	if len(ir.rest) > 0 {
		n := copy(p, ir.rest)
		ir.rest = ir.rest[n:]
		return n, nil
	}
	if ir.err != nil {
		err := ir.err
		ir.err = nil
		return 0, err
	}
	if err := ir.ctx.Err(); err != nil {
		return 0, err
	}
	if len(p) == 0 {
		return 0, nil
	}
	if ir.pending == nil {
		ir.pending = make(chan readResult, 1)
		buf, done := make([]byte, len(p)), ir.pending
		go func() {
			n, err := ir.r.Read(buf)
			done <- readResult{buf[:n], err}
		}()
	}
	select {
	case <-ir.ctx.Done():
		return 0, ir.ctx.Err()
	case res := <-ir.pending:
		ir.pending = nil
		n := copy(p, res.b)
		ir.rest = res.b[n:]
		if len(ir.rest) > 0 {
			ir.err = res.err
			return n, nil
		}
		return n, res.err
	}
}
