package emulator

import "testing"

func TestEmbeddedDataLoads(t *testing.T) {
	sharedDatasets()
	if loadErr != nil {
		t.Fatalf("embedded data: %v", loadErr)
	}
}
