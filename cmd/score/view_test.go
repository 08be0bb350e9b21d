package score

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/mdti-cli/mdti/cmd/shared/sharedtest"
	"github.com/mdti-cli/mdti/internal/render"
)

// The score and control tables and cards at 80 and 200 columns.
func TestViewGoldens(t *testing.T) {
	for _, v := range []struct {
		fixture, name string
		list, card    render.View
	}{
		{"scores", "scores", ScoreListView, ScoreCardView},
		{"controls", "controls", ControlListView, ControlCardView},
	} {
		recs, err := os.ReadFile("testdata/" + v.fixture + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var items []json.RawMessage
		if err := json.Unmarshal(recs, &items); err != nil {
			t.Fatal(err)
		}
		one, _ := json.Marshal(items[1:2])
		for _, w := range []int{80, 200} {
			sharedtest.Golden(t, fmt.Sprintf("%s_list_%d", v.name, w), sharedtest.RenderTable(t, v.list, recs, w, false))
			sharedtest.Golden(t, fmt.Sprintf("%s_card_%d", v.name, w), sharedtest.RenderTable(t, v.card, one, w, true))
		}
	}
}

func TestVendorInformation(t *testing.T) {
	for profile, want := range map[string]string{
		`{"vendorInformation":{"provider":"SecureScore","providerVersion":null,"subProvider":null,"vendor":"Microsoft"}}`: `{"provider":"SecureScore","providerVersion":null,"subProvider":null,"vendor":"Microsoft"}`,
		`{"vendorInformation":{"provider":"Contoso","vendor":"Fabrikam"}}`:                                                `{"provider":"Contoso","vendor":"Fabrikam"}`,
		`{"id":"x"}`:                            `{"provider":"SecureScore","vendor":"Microsoft"}`,
		`{"vendorInformation":{"provider":""}}`: `{"provider":"SecureScore","vendor":"Microsoft"}`,
	} {
		got, _ := json.Marshal(VendorInformation([]byte(profile)))
		if string(got) != want {
			t.Errorf("VendorInformation(%s) = %s, want %s", profile, got, want)
		}
	}
}
