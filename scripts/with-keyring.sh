#!/bin/sh
# Run a command against a real, throwaway Secret Service (gnome-keyring on a private D-Bus
# session), e.g. the keyring tests:
#
#   scripts/with-keyring.sh 'KEYRING_REAL=1 go test -count=1 -run Keyring ./internal/auth/'
#
# Nothing of the user's own keyring or session is touched: the keyring lives in a temporary
# XDG_DATA_HOME that is deleted afterwards. HOME is left alone because GOCACHE and GOMODCACHE
# live under it. What the keyring holds: docs/reference.md §6.
#
# The tests need gnome-keyring and dbus. When they are missing and we are root with apt-get,
# the script says what it installs and why, then installs them, apt's output going to a log
# file (KEYRING_APT_LOG, default $TMPDIR/mdti-keyring-apt.log). When it cannot (not root, no
# apt-get, apt failed), the keyring tests are skipped with a message and exit 0, so that
# `make test` passes on a developer's machine; under CI=true they must run, so that is a
# failure.
set -eu

need_install() {
	! command -v gnome-keyring-daemon >/dev/null 2>&1 || ! command -v dbus-run-session >/dev/null 2>&1
}

# cannot_run says why the keyring tests cannot run: a skip, or a failure under CI.
cannot_run() {
	if [ "${CI:-}" = true ]; then
		echo "with-keyring.sh: $1; under CI the keyring tests must run" >&2
		exit 1
	fi
	echo "with-keyring.sh: skipping the keyring tests: $1" >&2
	exit 0
}

if need_install; then
	if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
		cannot_run "they need gnome-keyring-daemon and dbus-run-session (as root: apt-get install gnome-keyring dbus)"
	fi
	log=${KEYRING_APT_LOG:-${TMPDIR:-/tmp}/mdti-keyring-apt.log}
	echo "with-keyring.sh: installing gnome-keyring and dbus with apt-get: the keyring tests need a real Secret Service (apt's output: $log)" >&2
	# dbus-x11 stays out on purpose: its dbus-launch lets godbus start stray session daemons.
	if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends gnome-keyring dbus; } >"$log" 2>&1; then
		cannot_run "apt-get could not install gnome-keyring and dbus (see $log)"
	fi
fi

KR_TMP=$(mktemp -d)
trap 'rm -rf "$KR_TMP"' EXIT INT TERM
chmod 700 "$KR_TMP"
export XDG_DATA_HOME="$KR_TMP/data"  # login.keyring goes to $XDG_DATA_HOME/keyrings/
export XDG_RUNTIME_DIR="$KR_TMP/run" # control socket goes to $XDG_RUNTIME_DIR/keyring/
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

# --unlock creates and unlocks the login collection from the password on stdin; --start then
# makes the daemon own org.freedesktop.secrets before the command runs (without it the first
# client call races D-Bus activation).
dbus-run-session -- sh -eu -c '
	printf %s "mdti-ci-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
	gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1 # its only output is a stray "discover_other_daemon: 1"
	'"${*:-KEYRING_REAL=1 go test -count=1 -run Keyring ./internal/auth/}"'
'
