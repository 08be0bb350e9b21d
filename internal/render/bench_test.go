package render

import (
	"io"
	"testing"
)

// pdnsRecord is a ~300-byte passiveDnsRecord as Graph sends it.
const pdnsRecord = `{"query":"contoso.com","@odata.type":"#microsoft.graph.security.passiveDnsRecord","id":"Y29udG9zby5jb20kJDIwLjEwMy44NS4zMyQkQQ==","firstSeenDateTime":"2021-08-16T01:02:03Z","lastSeenDateTime":"2024-02-11T04:05:06Z","collectedDateTime":"2024-02-11T04:05:06Z","recordType":"A","parentHost":{"id":"contoso.com"},"artifact":{"id":"20.103.85.33"}}`

// BenchmarkJSONLPassthrough prints 1,000,000 records as JSONL, the path of
// `mdti pdns --all -o jsonl`: it should cost about a copy, with no
// allocation per record.
func BenchmarkJSONLPassthrough(b *testing.B) {
	rec := []byte(pdnsRecord)
	const n = 1_000_000
	b.ReportAllocs()
	b.SetBytes(int64(len(rec)) * n)
	for b.Loop() {
		p, err := NewPrinter(io.Discard, View{}, Options{Format: JSONL})
		if err != nil {
			b.Fatal(err)
		}
		for range n {
			if err := p.Add(rec); err != nil {
				b.Fatal(err)
			}
		}
		if err := p.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCopy is the floor BenchmarkJSONLPassthrough is compared with.
func BenchmarkCopy(b *testing.B) {
	rec := []byte(pdnsRecord)
	const n = 1_000_000
	b.ReportAllocs()
	b.SetBytes(int64(len(rec)) * n)
	buf := make([]byte, 0, len(rec)+1)
	for b.Loop() {
		for range n {
			buf = append(append(buf[:0], rec...), '\n')
			_, _ = io.Discard.Write(buf)
		}
	}
}

// BenchmarkTableRows measures the decoding path tables and CSV take.
func BenchmarkTableRows(b *testing.B) {
	rec := []byte(pdnsRecord)
	view := View{Columns: []Column{{Header: "ARTIFACT", Field: "artifact.id"}, {Header: "TYPE", Field: "recordType"}, {Header: "LAST SEEN", Field: "lastSeenDateTime"}}}
	b.ReportAllocs()
	for b.Loop() {
		p, _ := NewPrinter(io.Discard, view, Options{Format: Table})
		for range 1000 {
			_ = p.Add(rec)
		}
		_ = p.Close()
	}
}
