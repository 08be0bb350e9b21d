package lookup

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/render"
)

// Failed inputs print an error record in place (jsonl) and a line on stderr; the run's
// exit code is the worst of them.
func TestPrinterSinkPrintsErrorRecordsInPlace(t *testing.T) {
	stub := &stubGraph{}
	var out, errOut bytes.Buffer
	p, err := render.NewPrinter(&out, render.View{}, render.Options{Format: render.JSONL})
	if err != nil {
		t.Fatal(err)
	}
	sink := &PrinterSink{Printer: p, Format: render.JSONL, ErrOut: &errOut}
	eng := &Engine{Client: stub.client(), Entity: hostPath, Concurrency: 2}
	sum, err := eng.Run(context.Background(), inputs("a.test", "missing.test", "b.test", "forbidden.test"), sink)
	if err != nil || p.Close() != nil {
		t.Fatal(err)
	}
	if sum.Failed != 2 || sum.Exit != cmdutil.ExitForbidden || sink.Added() != 4 {
		t.Errorf("summary %+v, %d added", sum, sink.Added())
	}
	want := `{"query":"A.TEST","id":"a.test"}
{"query":"MISSING.TEST","error":{"code":"E404","message":"missing.test says 404","status":404}}
{"query":"B.TEST","id":"b.test"}
{"query":"FORBIDDEN.TEST","error":{"code":"E403","message":"forbidden.test says 403","status":403}}
`
	if out.String() != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", out.String(), want)
	}
	wantErr := "mdti: GET /v1.0/security/threatIntelligence/hosts/missing.test: 404 E404: missing.test says 404\n" +
		"mdti: GET /v1.0/security/threatIntelligence/hosts/forbidden.test: 403 E403: forbidden.test says 403\n"
	if errOut.String() != wantErr {
		t.Errorf("stderr:\n%s\nwant:\n%s", errOut.String(), wantErr)
	}
}

// Alone, the only input's failure is left to the caller, who prints it once with a hint.
func TestPrinterSinkAloneLeavesTheFailureToTheCaller(t *testing.T) {
	stub := &stubGraph{}
	var out, errOut bytes.Buffer
	p, _ := render.NewPrinter(&out, render.View{}, render.Options{Format: render.JSONL})
	sink := &PrinterSink{Printer: p, Format: render.JSONL, ErrOut: &errOut, Alone: true}
	eng := &Engine{Client: stub.client(), Entity: hostPath}
	sum, err := eng.Run(context.Background(), inputs("missing.test"), sink)
	if err != nil || sum.Exit != cmdutil.ExitNotFound || sink.Added() != 0 || out.Len() != 0 || errOut.Len() != 0 {
		t.Errorf("summary %+v, err %v, stdout %q, stderr %q", sum, err, out.String(), errOut.String())
	}
}

// Note is asked after every input that succeeded, with its own record count.
func TestPrinterSinkNotes(t *testing.T) {
	var out, errOut bytes.Buffer
	p, err := render.NewPrinter(&out, render.View{}, render.Options{Format: render.JSONL})
	if err != nil {
		t.Fatal(err)
	}
	s := &PrinterSink{Printer: p, Format: render.JSONL, ErrOut: &errOut, Note: func(in Input, n int) string {
		return fmt.Sprintf("%s: %d", in.Query, n)
	}}
	a, b := Input{Query: "a", Key: "a"}, Input{Query: "b", Key: "b"}
	for _, step := range []error{
		s.Record(0, a, []byte(`{}`)), s.Record(0, a, []byte(`{}`)), s.Done(0, a, nil),
		s.Done(1, b, nil), s.Done(2, b, errors.New("boom")),
	} {
		if step != nil {
			t.Fatal(step)
		}
	}
	if got := errOut.String(); got != "a: 2\nb: 0\nmdti: boom\n" {
		t.Errorf("stderr %q", got)
	}
}
