package tiindicator

import "slices"

// sortErrs orders errors by text (nils last), so messages built from maps are stable.
func sortErrs(errs []error) {
	slices.SortStableFunc(errs, func(a, b error) int {
		switch {
		case a == nil && b == nil:
			return 0
		case a == nil:
			return 1
		case b == nil:
			return -1
		case a.Error() < b.Error():
			return -1
		case a.Error() > b.Error():
			return 1
		}
		return 0
	})
}
