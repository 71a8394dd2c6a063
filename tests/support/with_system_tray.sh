#!/usr/bin/env bash
# Runs a test binary on a real X server with a system tray: a fresh Xvfb
# (xvfb-run -a), trayer as the XEmbed tray, and Qt on its xcb platform. It
# waits until the tray owns _NET_SYSTEM_TRAY_S0, runs the binary, stops the
# tray and the server, and exits with the binary's status. A missing tool or
# a tray that never comes up fails the run: the suite is never skipped.
# Usage: tests/support/with_system_tray.sh BINARY [ARGS...]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
fail() { echo "with_system_tray.sh: $*" >&2; exit 1; }

[ $# -ge 1 ] || fail "usage: with_system_tray.sh BINARY [ARGS...]"
for tool in xvfb-run Xvfb xauth trayer /usr/bin/python3; do
  command -v "$tool" >/dev/null ||
    fail "$tool is missing (deploy/test.sh installs xvfb, xauth and trayer as root)"
done

if [ -z "${CFT_WITH_SYSTEM_TRAY_DISPLAY:-}" ]; then
  # xvfb-run picks a free display and makes its own authority file, and
  # stops the server when the command ends.
  export CFT_WITH_SYSTEM_TRAY_DISPLAY=1
  exec xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" bash "${BASH_SOURCE[0]}" "$@"
fi

# Qt prefers a D-Bus StatusNotifier tray when a session bus offers one; the
# tray here is trayer's XEmbed one, so Qt must not find another.
unset DBUS_SESSION_BUS_ADDRESS
trayer --edge top --align right --widthtype request --height 32 --SetDockType true --expand false \
  >"${TMPDIR:-/tmp}/trayer.$$.log" 2>&1 &
tray=$!
trap 'kill "$tray" 2>/dev/null || true; wait "$tray" 2>/dev/null || true; rm -f "${TMPDIR:-/tmp}/trayer.$$.log"' EXIT

# Polled, with a bound: the tray takes a moment to claim the selection.
owned=1
for _ in $(seq 1 150); do
  status=0
  /usr/bin/python3 "$here/tray_owner.py" || status=$?
  [ "$status" -eq 2 ] && fail "cannot open the X display $DISPLAY"
  if [ "$status" -eq 0 ]; then owned=0; break; fi
  kill -0 "$tray" 2>/dev/null || fail "trayer exited: $(cat "${TMPDIR:-/tmp}/trayer.$$.log")"
  sleep 0.1
done
[ "$owned" -eq 0 ] || fail "no system tray owns _NET_SYSTEM_TRAY_S0 after 15 s"

status=0
QT_QPA_PLATFORM=xcb "$@" || status=$?
exit "$status"
