#!/usr/bin/env bash
# The kiosk under systemd's watchdog, without systemd: the real accueil --demo
# in an Xvfb display, with $NOTIFY_SOCKET a datagram socket that socat reads
# (as systemd's would be) and $WATCHDOG_USEC one second. The app must say
# READY=1 once its first screen is drawn, then WATCHDOG=1 at least every half
# second while it sits idle on the welcome screen (the frame loop wakes up for
# it); the unit's WatchdogSec= relies on that.
#   watchdog_test.sh BIN_DIR SOURCE_DIR
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../integration/lib.sh" "$1" "$2"
for tool in Xvfb socat; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (deploy/setup.sh test installs it)"
done

xvfb_pid=
socat_pid=
kiosk_pid=
trap 'kill $kiosk_pid $socat_pid "$xvfb_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

start_xvfb "$work" 1024x768

socat -u "UNIX-RECV:$work/notify.sock" "OPEN:$work/notify.log,creat,append" &
socat_pid=$!
wait_until 5 "socat's socket" test -S "$work/notify.sock"
: >"$work/notify.log"
NOTIFY_SOCKET=$work/notify.sock WATCHDOG_USEC=1000000 accueil --demo --demo-dir "$work/demo" --window 800x600 \
  >"$work/kiosk.log" 2>&1 &
kiosk_pid=$!
on_timeout() { echo "the app said: $(tr '\n' ' ' <"$work/notify.log"); its log: $(tail -3 "$work/kiosk.log")"; }
wait_until 60 "READY=1 from the app" grep -q "READY=1" "$work/notify.log"
pings() { grep -o "WATCHDOG=1" "$work/notify.log" | wc -l; }
before=$(pings)
sleep 3  # idle on the welcome screen: nothing else wakes the loop up
after=$(pings)
checks=$((checks + 1))
((after - before >= 4)) || fail "$((after - before)) watchdog pings in 3 s of idle; expected at least 4 (every 0.5 s)"
kill -0 "$kiosk_pid" 2>/dev/null || fail "the app stopped: $(tail -3 "$work/kiosk.log")"
echo "pings in 3 s idle: $((after - before))"
passed
