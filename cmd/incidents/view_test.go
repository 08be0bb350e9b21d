package incidents

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/mdti-cli/mdti/cmd/shared/sharedtest"
)

// The list table and the card at 80 and 200 columns. The first incident of the fixture
// has the documentation's PascalCase values and "tags"; all carry their alerts.
func TestViewGoldens(t *testing.T) {
	recs, err := os.ReadFile("testdata/incidents.json")
	if err != nil {
		t.Fatal(err)
	}
	var items []json.RawMessage
	if err := json.Unmarshal(recs, &items); err != nil {
		t.Fatal(err)
	}
	for i, name := range map[int]string{0: "card_literal", 2: "card"} {
		one, _ := json.Marshal(items[i : i+1])
		for _, w := range []int{80, 200} {
			sharedtest.Golden(t, fmt.Sprintf("%s_%d", name, w), sharedtest.RenderTable(t, CardView, one, w, true))
		}
	}
	for _, w := range []int{80, 200} {
		sharedtest.Golden(t, fmt.Sprintf("list_%d", w), sharedtest.RenderTable(t, ListView, recs, w, false))
	}
}
