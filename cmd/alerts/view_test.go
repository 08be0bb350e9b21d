package alerts

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/mdti-cli/mdti/cmd/shared/sharedtest"
	"github.com/mdti-cli/mdti/internal/render"
)

// The list table and the card at 80 and 200 columns. The fixture holds a documented
// alert, synthetic ones, a long unicode title and PascalCase enum values.
func TestViewGoldens(t *testing.T) {
	recs, err := os.ReadFile("testdata/alerts.json")
	if err != nil {
		t.Fatal(err)
	}
	var items []json.RawMessage
	if err := json.Unmarshal(recs, &items); err != nil {
		t.Fatal(err)
	}
	one, _ := json.Marshal(items[2:3])
	for _, w := range []int{80, 200} {
		sharedtest.Golden(t, fmt.Sprintf("list_%d", w), sharedtest.RenderTable(t, ListView, recs, w, false))
		sharedtest.Golden(t, fmt.Sprintf("card_%d", w), sharedtest.RenderTable(t, CardView, one, w, true))
	}
}

func TestEvidenceItem(t *testing.T) {
	for raw, want := range map[string]string{
		`{"@odata.type":"#microsoft.graph.security.ipEvidence","ipAddress":"203.0.113.10"}`:                                                                                                      "ip 203.0.113.10",
		`{"@odata.type":"#microsoft.graph.security.urlEvidence","url":"https://x.test/a"}`:                                                                                                       "url https://x.test/a",
		`{"@odata.type":"#microsoft.graph.security.fileEvidence","fileDetails":{"fileName":"invoice.exe"}}`:                                                                                      "file invoice.exe",
		`{"@odata.type":"#microsoft.graph.security.userEvidence","userAccount":{"userPrincipalName":"a@b.com"}}`:                                                                                 "user a@b.com",
		`{"@odata.type":"#microsoft.graph.security.userEvidence","userAccount":{"accountName":"alice"}}`:                                                                                         "user alice",
		`{"@odata.type":"#microsoft.graph.security.dnsEvidence","domainName":"evil.test"}`:                                                                                                       "dns evil.test",
		`{"@odata.type":"#microsoft.graph.security.deviceEvidence","deviceDnsName":"ws1.corp"}`:                                                                                                  "device ws1.corp",
		`{"@odata.type":"#microsoft.graph.security.mailboxEvidence","primaryAddress":"m@b.com"}`:                                                                                                 "mailbox m@b.com",
		`{"@odata.type":"#microsoft.graph.security.processEvidence","imageFile":{"fileName":"powershell.exe"}}`:                                                                                  "process powershell.exe",
		`{"@odata.type":"#microsoft.graph.security.registryKeyEvidence","registryHive":"HKLM","registryKey":"k"}`:                                                                                `registry HKLM\k`,
		`{"@odata.type":"#microsoft.graph.security.networkConnectionEvidence","sourceAddress":{"ipAddress":"10.0.0.1"},"destinationAddress":{"ipAddress":"198.51.100.2"},"destinationPort":443}`: "connection 10.0.0.1 → 198.51.100.2:443",
		`{"@odata.type":"#microsoft.graph.security.analyzedMessageEvidence","subject":"Hi","p1Sender":{"emailAddress":"s@x.test"}}`:                                                              `mail "Hi" from s@x.test`,
		`{"@odata.type":"#microsoft.graph.security.kubernetesPodEvidence","name":"p"}`:                                                                                                           "kubernetesPod",
		`{}`: "evidence",
	} {
		var o render.Object
		if err := json.Unmarshal([]byte(raw), &o); err != nil {
			t.Fatal(err)
		}
		if got := EvidenceItem(o); got != want {
			t.Errorf("EvidenceItem(%s) = %q, want %q", raw, got, want)
		}
	}
}
