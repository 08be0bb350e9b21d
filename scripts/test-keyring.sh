#!/bin/sh
# The tests that need a real Secret Service, run inside scripts/with-keyring.sh: the keyring
# backend of internal/auth, then the client-secret sign-in story of the CLI.
set -eu
go=${GO:-go}
KEYRING_REAL=1 $go test -count=1 -run Keyring ./internal/auth/
out=$(mktemp)
trap 'rm -f "$out"' EXIT
rc=0
KEYRING_REAL=1 $go test -count=1 -v -run 'TestScripts/auth_keyring' ./cmd/ >"$out" 2>&1 || rc=$?
grep -E '^ *(--- |ok|FAIL)' "$out" || true
if [ "$rc" -ne 0 ]; then cat "$out"; exit "$rc"; fi
if grep -q -- '--- SKIP: TestScripts/auth_keyring' "$out"; then
	echo "test-keyring: the keyring story was skipped: no Secret Service reached" >&2
	exit 1
fi
