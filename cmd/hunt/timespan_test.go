package hunt

import "testing"

func TestNormalizeTimespan(t *testing.T) {
	valid := map[string]string{
		"":                                  "",
		"P7D":                               "P7D",
		"p7d":                               "P7D",
		"PT12H":                             "PT12H",
		"P1Y2M3W4DT5H6M7.5S":                "P1Y2M3W4DT5H6M7.5S",
		"PT0.5S":                            "PT0.5S",
		"7d":                                "P7D",
		"2w":                                "P2W",
		"12h":                               "PT12H",
		"90m":                               "PT90M",
		"45s":                               "PT45S",
		" P30D ":                            "P30D",
		"2024-02-01T08:00:00Z":              "2024-02-01T08:00:00Z",
		"2024-02-01T08:00:00.1234567+02:00": "2024-02-01T08:00:00.1234567+02:00",
		"2024-02-01":                        "2024-02-01",
		"2024-02-01T08:00:00":               "2024-02-01T08:00:00",
		"2024-02-01T08:00:00Z/2024-02-15T08:00:00Z": "2024-02-01T08:00:00Z/2024-02-15T08:00:00Z",
		"P30D/2024-02-15T08:00:00Z":                 "P30D/2024-02-15T08:00:00Z",
		"p30d/2024-02-15T08:00:00Z":                 "P30D/2024-02-15T08:00:00Z",
		"2024-02-01T08:00:00Z/P30D":                 "2024-02-01T08:00:00Z/P30D",
		"2024-02-01/7d":                             "2024-02-01/P7D",
	}
	for in, want := range valid {
		got, err := normalizeTimespan(in)
		if err != nil || got != want {
			t.Errorf("normalizeTimespan(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{
		"P", "PT", "P7", "P7DT", "7", "7x", "0d", "P0D", "PT0S", "P-1D", "P1.5D", "1h30m", "last week",
		"2024-13-01", "2024-02-01T25:00:00Z", "P7D/P1D", "2024-02-15/2024-02-01", "2024-02-01/2024-02-01",
		"2024-02-01/P7D/P1D", "/P7D", "P7D/", "2024-02-01T08:00:00Z/", "P7D 2024-02-01",
	} {
		if got, err := normalizeTimespan(bad); err == nil {
			t.Errorf("normalizeTimespan(%q) = %q, want an error", bad, got)
		}
	}
}
