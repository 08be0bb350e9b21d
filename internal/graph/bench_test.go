package graph

import (
	"bytes"
	"fmt"
	"testing"
)

// BenchmarkDecodePage measures the per-record cost of the paging path that
// carries million-record histories.
func BenchmarkDecodePage(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString(`{"@odata.context":"c","value":[`)
	for i := range 1000 {
		if i > 0 {
			buf.WriteByte(',')
		}
		fmt.Fprintf(&buf, `{"@odata.type":"#microsoft.graph.security.passiveDnsRecord","id":"r%d","collectedDateTime":"2024-01-01T00:00:00Z","recordType":"A","artifact":{"@odata.type":"#microsoft.graph.security.ipAddress","id":"1.2.3.%d"}}`, i, i%256)
	}
	buf.WriteString(`],"@odata.nextLink":"https://graph.microsoft.com/v1.0/x?$skiptoken=1"}`)
	body := buf.Bytes()
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		page, _, err := decodePage(bytes.NewReader(body))
		if err != nil || len(page.Items) != 1000 {
			b.Fatal(err)
		}
	}
}
