#!/usr/bin/env bash
# Fast typing is not a scan, even when the app reads it late: the venue review
# saw a receptionist's "allemagne", typed at about 50 ms a key while the desk
# was busy, taken for a barcode scan. SDL stamps a key when the app reads it, so
# keys that wait through a slow frame arrive with one stamp. Here the app is
# stopped (SIGSTOP) while xdotool types, then continued: every key waits.
# A word typed 50 ms a key must reach the field as typing; a ticket scanned
# (5 ms a key, Enter) while stopped must still be a scan. Twice: with the X
# server's key times (X11), and with SDL's alone (ACCUEIL_KEY_TIMES=read, what
# a Wayland desk has).
#
#   desk_typing_e2e.sh BIN_DIR SOURCE_DIR
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../integration/lib.sh" "$1" "$2"
source "$here/scanner.sh"
source "$here/kiosk_trace.sh"

for tool in Xvfb xdotool; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (deploy/setup.sh test installs it)"
done

accueilctl init --event "$sample_event" >/dev/null || fail "init"
printf '%s\n' \
  "Référence;Code billet;Prénom;Nom;Organisme;Catégorie;Pays;Langue;Jours;Statut;Délégation" \
  "TYPE-1;TYPE-TICKET-2468;Hélène;Zabulon-Typing;Ville de Poitiers;Élu·e;France;fr;1,2;Confirmé;" \
  "TYPE-2;TYPE-TICKET-1357;Jürgen;Schmidt;Stadt Köln;Élu·e;Allemagne;de;1,2;Confirmé;Délégation d'Allemagne" \
  >typing.csv
accueilctl import typing.csv >/dev/null || fail "import"
echo 482916 | accueilctl staff add Camille --role desk >/dev/null || fail "staff add"
printf '%s\n' 'store = "store.db"' 'kiosk = "desk-1"' 'rehearsal_day = 1' \
  '[screen]' 'fullscreen = false' 'width = 1280' 'height = 800' >desk.toml

xvfb_pid=
kiosk_pid=
trap 'kill -CONT $kiosk_pid 2>/dev/null; kill $kiosk_pid "$xvfb_pid" 2>/dev/null; rm -rf "$work"' EXIT
start_xvfb "$work"
log=$work/desk.log

# xdotool's --delay is from one key event to the next, press or release: the
# keys of "type --delay 100" are pressed 50 ms apart (the X server's stamps say so).
# stopped COMMAND...: COMMAND runs (xdotool typing) while the desk is stopped.
stopped() {
  kill -STOP "$kiosk_pid"
  "$@"
  kill -CONT "$kiosk_pid"
}
# no_scan_since LINE: no scan in the trace after line LINE.
no_scan_since() {
  local scans
  scans=$(tail -n +$(($1 + 1)) "$trace" | grep -c " scan ")
  expect_eq "$2" 0 "$scans"
}

run_desk() {  # run_desk KEY_TIMES: "server" or "read"
  trace=$work/trace-$1.txt
  seen=0
  if [[ $1 == read ]]; then
    ACCUEIL_KEY_TIMES=read accueil --desk --config desk.toml --trace "$trace" >"$log" 2>&1 &
  else
    accueil --desk --config desk.toml --trace "$trace" >"$log" 2>&1 &
  fi
  kiosk_pid=$!
  wait_for " key_times $1" 20
  wait_for " shown pin" 20
  tap staff:Camille
  xdotool key --delay 120 4 8 2 9 1 6 Return
  wait_for " screen find"

  # The review's case: the delegation screen, a country typed fast while the desk is busy.
  tap find:delegation
  wait_for " screen delegation"
  local before=$seen
  stopped xdotool type --delay 100 "allemagne"
  wait_for " delegations 1"
  sleep 0.6  # past the wedge's longest wait (max_pause 250 ms)
  no_scan_since "$before" "$1 times: 'allemagne' typed on the delegation screen is no scan"
  expect_eq "$1 times: the delegation screen stays" "screen delegation" \
    "$(grep -o " screen [a-z]*" "$trace" | tail -1 | cut -c2-)"

  # The same on the search, where the trace says the text the field holds.
  xdotool key Escape
  wait_for " screen find"
  before=$seen
  stopped xdotool type --delay 100 "zabulon"
  wait_for " query zabulon$"
  sleep 0.6
  no_scan_since "$before" "$1 times: 'zabulon' typed on the search is no scan"
  expect_eq "$1 times: the search holds the word" " query zabulon" "$(grep " query " "$trace" | tail -1 | grep -o " query .*")"

  # A scan while the desk is stopped stays a scan: a key every 5 ms, then Enter
  # (no doubled character: SDL takes a key pressed again within 2 ms of its
  # release for the keyboard's auto-repeat).
  xdotool key Escape
  wait_for " query $"
  before=$seen
  stopped scan_as_us_scanner TYPE-TICKET-1357 5
  wait_for " scan 16"
  wait_for " query TYPE-TICKET-1357$"
  kill "$kiosk_pid"
  wait "$kiosk_pid" 2>/dev/null
  kiosk_pid=
}

run_desk server
run_desk read
passed
