package graph

import (
	"testing"
)

func TestNormalizeEntityTurnsTheExamplesQuirksIntoTheTablesForm(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"value wrapper and string Booleans of a beta vulnerability",
			`{"@odata.context":"https://graph.microsoft.com/beta/$metadata#x/$entity","value":{"@odata.type":"#microsoft.graph.security.vulnerability","id":"CVE-1","hasChatter":"true","exploitsAvailable":"false","activeExploitsObserved":"true","priorityScore":100}}`,
			`{"@odata.type":"#microsoft.graph.security.vulnerability","id":"CVE-1","hasChatter":true,"exploitsAvailable":false,"activeExploitsObserved":true,"priorityScore":100}`},
		{"Booleans already Booleans are kept",
			`{"id":"CVE-1","hasChatter":true,"description":{"content":"hasChatter"}}`,
			`{"id":"CVE-1","hasChatter":true,"description":{"content":"hasChatter"}}`},
		{"certificate alternateName, at any depth",
			`{"value":{"id":"c","subject":{"commonName":"a","alternateName":["a","b"]},"issuer":{"alternateName":[]}}}`,
			`{"id":"c","subject":{"commonName":"a","alternateNames":["a","b"]},"issuer":{"alternateNames":[]}}`},
		{"a string value that mentions alternateName is not a member name",
			`{"id":"x","note":"alternateName: see \"alternateName\":"}`,
			`{"id":"x","note":"alternateName: see \"alternateName\":"}`},
		{"hostName in @odata.type",
			`{"id":"hc","host":{"@odata.type":"#microsoft.graph.security.hostName","id":"contoso.com"}}`,
			`{"id":"hc","host":{"@odata.type":"#microsoft.graph.security.hostname","id":"contoso.com"}}`},
		{"the beta profile's origin type",
			`{"id":"actinium","countriesOrRegionsOfOrigin":[{"@odata.type":"microsoft.graph.security.countriesOrRegionsOfOrigin","label":"x"}]}`,
			`{"id":"actinium","countriesOrRegionsOfOrigin":[{"@odata.type":"microsoft.graph.security.intelligenceProfileCountryOrRegionOfOrigin","label":"x"}]}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := NormalizeEntity([]byte(c.in))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != c.want {
				t.Errorf("\n got %s\nwant %s", got, c.want)
			}
		})
	}
}

func TestCollectionItemsAreStandardizedToo(t *testing.T) {
	in := `{"@odata.type":"#microsoft.graph.security.hostSslCertificate","id":"hc","host":{"@odata.type":"#microsoft.graph.security.hostName","id":"contoso.com"},"sslCertificate":{"subject":{"alternateName":["contoso.com"]}}}`
	want := `{"@odata.type":"#microsoft.graph.security.hostSslCertificate","id":"hc","host":{"@odata.type":"#microsoft.graph.security.hostname","id":"contoso.com"},"sslCertificate":{"subject":{"alternateNames":["contoso.com"]}}}`
	got, err := compactItem([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("\n got %s\nwant %s", got, want)
	}
	plain := []byte(`{"id":"p","recordType":"A"}`)
	if got, _ := compactItem(plain); &got[0] != &plain[0] {
		t.Error("an item without quirks was copied")
	}
}
