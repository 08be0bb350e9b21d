package lookup

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/graph"
)

// batchBody is the $batch body the client sends for these version-relative URLs.
func batchBody(urls ...string) string {
	var items []string
	for i, u := range urls {
		items = append(items, fmt.Sprintf(`{"id":"%d","method":"GET","url":"/security/threatIntelligence/hosts/%s"}`, i, u))
	}
	return `{"requests":[` + strings.Join(items, ",") + `]}`
}

// wantRecords checks that input i of the outcomes is key with records 0…n-1 in order.
func wantRecords(t *testing.T, res Results, i int, key string, n int) {
	t.Helper()
	o := res.Outcomes[i]
	var want [][]byte
	for k := range n {
		want = append(want, []byte(fmt.Sprintf(`{"id":%q,"n":%d}`, key, k)))
	}
	if o.Index != i || o.Input.Key != key || !reflect.DeepEqual(o.Records, want) {
		t.Errorf("outcome %d = %s, want %d records of %s", i, show([]Outcome{o}), n, key)
	}
}

// Round after round, the next page of every input that still needs one rides in the next
// batch of its unit, by its nextLink made relative to the version root; an input whose
// collection ended drops out. No page is fetched on its own.
func TestLaterPagesRideInRoundsOfBatches(t *testing.T) {
	stub := &stubGraph{}
	// Two records to a page: 1, 2 and 1, 3 and 2 pages.
	keys := []string{"n1-a.test", "n3-b.test", "n6-c.test", "n2-d.test", "n4-e.test"}
	eng := &Engine{Client: stub.client(), Collection: things(0, true)}
	var res Results
	if sum, err := eng.Run(context.Background(), inputs(keys...), &res); err != nil || sum != (Summary{}) {
		t.Fatalf("Run = %+v, %v", sum, err)
	}
	want := []string{
		batchBody("n1-a.test/things", "n3-b.test/things", "n6-c.test/things", "n2-d.test/things", "n4-e.test/things"),
		batchBody("n3-b.test/things?$skip=2", "n6-c.test/things?$skip=2", "n4-e.test/things?$skip=2"),
		batchBody("n6-c.test/things?$skip=4"),
	}
	if !reflect.DeepEqual(stub.bodies, want) {
		t.Errorf("batches\n%s\nwant\n%s", strings.Join(stub.bodies, "\n"), strings.Join(want, "\n"))
	}
	if len(stub.gets) != 0 {
		t.Errorf("single GETs %q, want none", stub.gets)
	}
	if len(res.Outcomes) != len(keys) {
		t.Fatalf("outcomes %s", show(res.Outcomes))
	}
	for i, n := range []int{1, 3, 6, 2, 4} {
		wantRecords(t, res, i, keys[i], n)
	}
}

// --limit asks each first page for $top=limit and stops an input as soon as it has that
// many records, in the middle of a page if need be, telling Cut; an input that ends on its
// limit exactly is not cut, and neither asks for a further page.
func TestLaterPagesKeepTheLimit(t *testing.T) {
	stub := &stubGraph{}
	keys := []string{"n6-a.test", "n3-b.test", "n1-c.test", "n9-d.test"}
	var cuts []string
	eng := &Engine{Client: stub.client(), Collection: func(in Input) Collection {
		return Collection{Path: graph.TIPath("hosts", in.Key, "things"), Limit: 3,
			Cut: func(shown int, total *int64) { cuts = append(cuts, fmt.Sprintf("%s %d %v", in.Key, shown, total)) }}
	}}
	var res Results
	if _, err := eng.Run(context.Background(), inputs(keys...), &res); err != nil {
		t.Fatal(err)
	}
	want := []string{
		batchBody("n6-a.test/things?$top=3", "n3-b.test/things?$top=3", "n1-c.test/things?$top=3", "n9-d.test/things?$top=3"),
		batchBody("n6-a.test/things?$skip=2", "n3-b.test/things?$skip=2", "n9-d.test/things?$skip=2"),
	}
	if !reflect.DeepEqual(stub.bodies, want) {
		t.Errorf("batches\n%s\nwant\n%s", strings.Join(stub.bodies, "\n"), strings.Join(want, "\n"))
	}
	if wantCuts := []string{"n6-a.test 3 <nil>", "n9-d.test 3 <nil>"}; !reflect.DeepEqual(cuts, wantCuts) {
		t.Errorf("cuts %q, want %q", cuts, wantCuts)
	}
	for i, n := range []int{3, 3, 1, 3} {
		wantRecords(t, res, i, keys[i], n)
	}
}

// A later page that fails fails only its input, with the error Collect gives for the same
// collection and the records before it; its neighbours read on in the next round.
func TestAFailedLaterPageFailsItsInputAlone(t *testing.T) {
	stub := &stubGraph{}
	keys := []string{"n3-a.test", "n5-gone.test", "n5-c.test"}
	eng := &Engine{Client: stub.client(), Collection: things(0, true)}
	var res Results
	sum, err := eng.Run(context.Background(), inputs(keys...), &res)
	if err != nil || sum.Failed != 1 || sum.Exit != cmdutil.ExitNotFound {
		t.Fatalf("Run = %+v, %v; want one input failed, not found", sum, err)
	}
	want := []string{
		batchBody("n3-a.test/things", "n5-gone.test/things", "n5-c.test/things"),
		batchBody("n3-a.test/things?$skip=2", "n5-gone.test/things?$skip=2", "n5-c.test/things?$skip=2"),
		batchBody("n5-c.test/things?$skip=4"),
	}
	if !reflect.DeepEqual(stub.bodies, want) {
		t.Errorf("batches\n%s\nwant\n%s", strings.Join(stub.bodies, "\n"), strings.Join(want, "\n"))
	}
	wantRecords(t, res, 0, keys[0], 3)
	wantRecords(t, res, 2, keys[2], 5)

	alone := &stubGraph{}
	var recs [][]byte
	collectErr := Collect(context.Background(), alone.client(), things(0, true)(Input{Key: "n5-gone.test"}),
		func(rec []byte) error { recs = append(recs, rec); return nil })
	failed := res.Outcomes[1]
	if failed.Err == nil || collectErr == nil || failed.Err.Error() != collectErr.Error() {
		t.Errorf("error %v, want Collect's %v", failed.Err, collectErr)
	}
	if !strings.HasPrefix(fmt.Sprint(failed.Err), "page 2: ") || !reflect.DeepEqual(failed.Records, recs) || len(recs) != 2 {
		t.Errorf("failed input %s, want page 1's records %q and page 2's error", show([]Outcome{failed}), recs)
	}
}

// A nextLink to another API version on the same host is no batch item: its input reads on
// with GETs, as Collect does, while the others ride in batches. A nextLink to another host
// is refused with Collect's error.
func TestLaterPagesOutsideTheVersionRoot(t *testing.T) {
	stub := &stubGraph{}
	keys := []string{"n5-beta.test", "n5-foreign.test", "n3-c.test"}
	eng := &Engine{Client: stub.client(), Collection: things(0, true)}
	var res Results
	sum, err := eng.Run(context.Background(), inputs(keys...), &res)
	if err != nil || sum.Failed != 1 {
		t.Fatalf("Run = %+v, %v; want the foreign link's input failed", sum, err)
	}
	want := []string{
		batchBody("n5-beta.test/things", "n5-foreign.test/things", "n3-c.test/things"),
		batchBody("n3-c.test/things?$skip=2"),
	}
	if !reflect.DeepEqual(stub.bodies, want) {
		t.Errorf("batches\n%s\nwant\n%s", strings.Join(stub.bodies, "\n"), strings.Join(want, "\n"))
	}
	wantGets := []string{
		stubBase + "/beta/security/threatIntelligence/hosts/n5-beta.test/things?$skip=2",
		stubBase + "/beta/security/threatIntelligence/hosts/n5-beta.test/things?$skip=4",
	}
	if !reflect.DeepEqual(stub.gets, wantGets) {
		t.Errorf("GETs %q, want %q", stub.gets, wantGets)
	}
	wantRecords(t, res, 0, keys[0], 5)
	wantRecords(t, res, 2, keys[2], 3)

	collectErr := Collect(context.Background(), (&stubGraph{}).client(), things(0, true)(Input{Key: keys[1]}),
		func([]byte) error { return nil })
	failed := res.Outcomes[1]
	if failed.Err == nil || collectErr == nil || failed.Err.Error() != collectErr.Error() || !errors.Is(failed.Err, graph.ErrForeignHost) {
		t.Errorf("error %v, want Collect's %v", failed.Err, collectErr)
	}
}
