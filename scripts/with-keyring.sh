#!/bin/sh
# Run a command against a real, throwaway Secret Service (gnome-keyring on a private D-Bus
# session), e.g. the keyring tests:
#
#   scripts/with-keyring.sh 'KEYRING_REAL=1 go test -count=1 -run Keyring ./internal/auth/'
#
# Nothing of the user's own keyring or session is touched: the keyring lives in a temporary
# XDG_DATA_HOME that is deleted afterwards. HOME is left alone because GOCACHE and GOMODCACHE
# live under it. Installs gnome-keyring and dbus with apt-get when they are missing and we are
# root (CI machines do not keep them). What the keyring holds: docs/reference.md §6.
set -eu

need_install() {
	! command -v gnome-keyring-daemon >/dev/null 2>&1 || ! command -v dbus-run-session >/dev/null 2>&1
}

if need_install; then
	if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
		echo "with-keyring.sh: gnome-keyring-daemon and dbus-run-session are required (apt-get install gnome-keyring dbus)" >&2
		exit 1
	fi
	apt-get update
	# dbus-x11 stays out on purpose: its dbus-launch lets godbus start stray session daemons.
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends gnome-keyring dbus
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
