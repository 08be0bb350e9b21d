package emulator

import "testing"

func TestEmbeddedDataLoads(t *testing.T) {
	for _, literal := range []bool{false, true} {
		if _, err := loadDatasets(literal); err != nil {
			t.Fatalf("embedded data (literal %v): %v", literal, err)
		}
	}
}
