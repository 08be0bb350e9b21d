package secops

import (
	"testing"
	"time"
)

// BenchmarkEntities: what a registry pays to list all alerts for a new now, and for the same.
func BenchmarkEntities(b *testing.B) {
	for i := 0; i < b.N; i++ {
		Entities(SetAlerts, "v1.0", false, testNow.Add(time.Duration(i)))
	}
}

func BenchmarkEntitiesCached(b *testing.B) {
	for i := 0; i < b.N; i++ {
		AlertsOf(LargeIncidentID, "v1.0", false, testNow)
	}
}

func BenchmarkGenerate(b *testing.B) {
	for i := 0; i < b.N; i++ {
		generate(testNow)
	}
}
