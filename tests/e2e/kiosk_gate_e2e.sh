#!/usr/bin/env bash
# Staff screens on a self-service kiosk, end to end under Xvfb, in French and
# in English: a tap in the top-left corner does nothing, a press held there 3 s
# opens the PIN screen, a desk PIN opens the staff screens; Alt+F4, Ctrl+Q,
# Ctrl+W and F11 are ignored; "quit" with a desk PIN does not quit, "lock"
# goes back to self-service; a wrong admin PIN does not quit, the admin's PIN
# does. Screenshots of each screen in SHOTS_DIR/{fr,en}.
#
#   kiosk_gate_e2e.sh BIN_DIR SOURCE_DIR SHOTS_DIR
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../integration/lib.sh" "$1" "$2"
source "$here/kiosk_trace.sh"
shots=$3

for tool in Xvfb xdotool; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (deploy/setup.sh test installs it)"
done

accueilctl init --event "$sample_event" >/dev/null || fail "init"
accueilctl demo-data --count 50 --seed 5 --out demo.csv >/dev/null || fail "demo-data"
accueilctl import demo.csv >/dev/null || fail "import"
echo 482916 | accueilctl staff add Camille --role desk >/dev/null || fail "staff add Camille"
echo 735190 | accueilctl staff add Ana --role admin >/dev/null || fail "staff add Ana"
mkdir -p jobs

xvfb_pid=
kiosk_pid=
trap 'kill $kiosk_pid "$xvfb_pid" 2>/dev/null' EXIT

start_xvfb "$work"
rm -rf "$shots" && mkdir -p "$shots"

fail() {
  echo "FAIL: $*" >&2
  cp "$trace" "$shots/trace-$lang.txt" 2>/dev/null
  cp "$log" "$shots/kiosk-$lang.log" 2>/dev/null
  exit 1
}
keys() { xdotool key --delay 120 "$@"; }
alive() { kill -0 "$kiosk_pid" 2>/dev/null || fail "the kiosk quit: $1"; }
# shot_of SCREEN: a screenshot of it somewhere in the trace (it may come before the screen's line).
shot_of() {
  local deadline=$((SECONDS + 10))
  until grep -qE " screenshot .*$1" "$trace"; do
    ((SECONDS < deadline)) || fail "no screenshot of $1"
    sleep 0.1
  done
}
press_corner() {  # press_corner SECONDS
  xdotool mousemove 30 30 mousedown 1
  sleep "$1"
  xdotool mouseup 1
}

for lang in fr en; do
  printf '%s\n' 'store = "store.db"' 'kiosk = "entree-1"' 'rehearsal_day = 1' 'printer = "desk"' \
    "languages = [\"$lang\"]" '[screen]' 'fullscreen = true' \
    '[[printers]]' 'name = "desk"' "uri = \"file:$work/jobs/desk.prn:brother-ql-820nwb\"" 'media = "62x100"' \
    'template = "label-62x100"' >kiosk.toml
  trace=$work/trace-$lang.txt
  log=$work/kiosk-$lang.log
  seen=0
  mkdir -p "$shots/$lang"
  rm -f "$work/maintenance"
  ACCUEIL_MAINTENANCE_FILE=$work/maintenance accueil --config kiosk.toml --screenshots "$shots/$lang" --trace "$trace" >"$log" 2>&1 &
  kiosk_pid=$!
  wait_for " shown welcome" 30
  xdotool search --sync --name '^Accueil$' windowfocus --sync >/dev/null 2>&1 || fail "no kiosk window"

  # A tap in the corner, or a press shorter than 3 s: nothing.
  xdotool mousemove 30 30 click 1
  press_corner 1.5
  sleep 2
  expect_eq "no PIN screen after a tap or a short press" 0 "$(tail -n +$((seen + 1)) "$trace" | grep -c ' screen desk-')"
  # Held 3 s: the PIN screen.
  press_corner 3.4
  wait_for " screen desk-pin" 5
  shot_of "desk-pin-$lang"

  # A desk PIN opens the staff screens, but does not quit.
  tap staff:Camille
  keys 4 8 2 9 1 6 Return
  wait_for " pin right"
  wait_for " screen desk-find"
  # A person's keys with Shift: the kiosk hands them over late, the capital stays.
  xdotool type --delay 150 "Zeb"
  wait_for " query Zeb$" 5
  keys BackSpace BackSpace BackSpace
  wait_for " query $" 5
  keys alt+F4 ctrl+q ctrl+w F11
  sleep 1
  alive "Alt+F4, Ctrl+Q, Ctrl+W or F11"
  tap quit
  wait_for " notice Only an admin may quit the app."
  sleep 1
  alive "a desk PIN"
  tap printers
  wait_for " screen desk-reception"
  shot_of "desk-reception-$lang"
  tap lock
  wait_for " screen welcome"

  # The admin: a wrong PIN does not quit, the right one does.
  press_corner 3.4
  wait_for " screen desk-pin" 5
  tap staff:Ana
  keys 4 8 2 9 1 6 Return  # Camille's PIN, not Ana's
  wait_for " pin wrong"
  tap quit
  sleep 1.2
  alive "a wrong PIN"
  expect_eq "no maintenance file before an admin quits" 0 "$(test -e "$work/maintenance" && echo 1 || echo 0)"
  keys 7 3 5 1 9 0 Return
  wait_for " pin right"
  wait_for " screen desk-find"
  tap quit
  deadline=$((SECONDS + 10))
  while kill -0 "$kiosk_pid" 2>/dev/null; do
    ((SECONDS < deadline)) || fail "the admin's quit did not end the app"
    sleep 0.1
  done
  wait "$kiosk_pid"
  expect_eq "the app ended cleanly" 0 $?
  # Under the appliance's units, this file keeps the service from starting the app again.
  expect_contains "the admin's quit leaves the maintenance file" "quit by Ana" "$(cat "$work/maintenance" 2>/dev/null)"
  kiosk_pid=
  for screen in desk-pin desk-find desk-reception; do
    expect_eq "a screenshot of $screen in $lang" 1 "$(find "$shots/$lang" -name "*$screen-$lang*.png" | head -1 | wc -l)"
  done
done
passed
