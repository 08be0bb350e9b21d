package emulator

import (
	"encoding/json"
	"maps"
	"sync"
	"testing"
)

// countingReader reads the embedded files and counts the reads of each.
type countingReader struct {
	mu    sync.Mutex
	reads map[string]int
}

func (c *countingReader) read(f dataFile, days int) ([]*entity, error) {
	c.mu.Lock()
	c.reads[f.name]++
	c.mu.Unlock()
	return readDataFile(f, days)
}

func (c *countingReader) counts() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := map[string]int{}
	for k, v := range c.reads {
		out[k] = v
	}
	return out
}

func TestSourceParsesNothingUntilATableIsUsed(t *testing.T) {
	c := &countingReader{reads: map[string]int{}}
	newSource(false, 0, c.read)
	if got := c.counts(); len(got) != 0 {
		t.Fatalf("files read before any table was used: %v", got)
	}
}

// A reputation lookup needs the hosts and the reputations, and each file is parsed once
// however many first requests race for it, in both API versions.
func TestSourceParsesEachFileOnceUnderConcurrentFirstUse(t *testing.T) {
	c := &countingReader{reads: map[string]int{}}
	src := newSource(false, 3, c.read)
	var wg sync.WaitGroup
	for i := range 16 {
		d := src.versions[[]string{"v1.0", "beta"}[i%2]]
		wg.Go(func() {
			if _, ok := d.hosts().get("contoso.com"); !ok {
				t.Error("contoso.com missing from hosts")
			}
			if len(d.reputations().of("contoso.com")) != 1 {
				t.Error("contoso.com has no reputation")
			}
		})
	}
	wg.Wait()
	want := map[string]int{"hosts": 1, "reputations": 1}
	if got := c.counts(); !maps.Equal(got, want) {
		t.Fatalf("files read = %v, want %v", got, want)
	}
}

func TestLazyDataMatchesEagerParse(t *testing.T) {
	d := newSource(true, 0, readDataFile).versions["beta"]
	rows, err := readDataFile(dataFile{"vulnerabilities", "vulnerability"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(d.vulns().list); got != len(rows) {
		t.Fatalf("beta vulnerabilities = %d rows, the file has %d", got, len(rows))
	}
	// Beta in literal mode writes the booleans as strings (betaVulnerabilities).
	if v := d.vulns().list[0].fields["hasChatter"]; v != "true" && v != "false" {
		t.Fatalf("beta literal hasChatter = %#v, want a string", v)
	}
}

func TestMegabyteRawIsItsJSONEncoding(t *testing.T) {
	value, raw := megabyteField()
	want, err := json.Marshal(value)
	if err != nil {
		t.Fatal(err)
	}
	if string(raw) != string(want) {
		t.Fatalf("raw differs from json.Marshal of the value (lengths %d, %d)", len(raw), len(want))
	}
	if len(value) < 1<<20 {
		t.Fatalf("value is %d bytes, want at least 1 MiB", len(value))
	}
}

// The hostile host's megabyte is filled in when that host is asked for, once.
func TestHostsTableFillsTheMegabyteOnGet(t *testing.T) {
	d := newSource(false, 0, readDataFile).versions["v1.0"]
	h, ok := d.hosts().get("evil-data.fault.test")
	if !ok {
		t.Fatal("evil-data.fault.test missing")
	}
	if n := len(h.raw["registrant"]); n < 1<<20 {
		t.Fatalf("registrant is %d bytes of JSON, want the megabyte", n)
	}
	if again, _ := d.hosts().get("evil-data.fault.test"); again != h {
		t.Fatal("the filled row was built twice")
	}
	for _, e := range d.hosts().list {
		if len(e.raw["registrant"]) >= 1<<20 {
			t.Fatal("a listed row holds the megabyte: it was filled before it was asked for")
		}
	}
}
