package lookup_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/mdti-cli/mdti/internal/lookup"
)

// Results keeps every outcome in memory, in input order, for code that joins records
// rather than printing them. With a Graph client, set Client and Entity instead of Fetch
// and many inputs go out 20 to a $batch.
func ExampleResults() {
	eng := &lookup.Engine{Concurrency: 4, Fetch: func(_ context.Context, in lookup.Input, emit func([]byte) error) error {
		if strings.HasPrefix(in.Key, "missing") {
			return fmt.Errorf("%s: not found", in.Key)
		}
		return emit([]byte(`{"id":"` + in.Key + `"}`))
	}}
	inputs := []lookup.Input{{Query: "Contoso.com", Key: "contoso.com"}, {Query: "missing.example", Key: "missing.example"}}
	var res lookup.Results
	sum, err := eng.Run(context.Background(), inputs, &res)
	fmt.Println(sum.Failed, err)
	for _, o := range res.Outcomes {
		fmt.Printf("%d %s %q %v\n", o.Index, o.Input.Query, o.Records, o.Err)
	}
	// Output:
	// 1 <nil>
	// 0 Contoso.com ["{\"id\":\"contoso.com\"}"] <nil>
	// 1 missing.example [] missing.example: not found
}
