#!/usr/bin/env bash
# What the app and accueilctl do to files they are pointed at: a demo folder
# that is not ours is never deleted; the read-only programs (report,
# dashboard) never upgrade nor write an older store; a dashboard needs no
# [[printers]].
#   app_setup_test.sh BIN_DIR SOURCE_DIR CASE
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh" "$1" "$2"
case_name=$3

# The store as schema 5 left it (before outbox_refused and the print queue's
# state index): what a kiosk not yet restarted on a new build still has.
make_old_store() {
  accueilctl init --event "$sample_event" >/dev/null || fail "init"
  sql "DROP INDEX IF EXISTS print_requests_state;
       CREATE INDEX IF NOT EXISTS print_requests_open ON print_requests (printer, next_attempt_ms) WHERE state IN ('queued', 'sending');
       DROP TABLE IF EXISTS outbox_refused; DROP TABLE IF EXISTS attendee_aliases;
       ALTER TABLE print_requests DROP COLUMN move_to; PRAGMA user_version = 5;" || fail "make the store old"
  sum_before=$(sha256sum store.db | cut -d' ' -f1)
}
expect_untouched() {
  expect_eq "the store's schema is left as it was" 5 "$(sql 'PRAGMA user_version')"
  expect_eq "no table was added" 0 "$(sql "SELECT count(*) FROM sqlite_master WHERE name = 'outbox_refused'")"
  expect_eq "the store's file is unchanged" "$sum_before" "$(sha256sum store.db | cut -d' ' -f1)"
}

# A display for the app, when a case needs one.
with_display() {
  command -v Xvfb >/dev/null || { echo "SKIP: Xvfb is not installed"; exit 77; }
  xvfb_pid=
  trap 'kill $xvfb_pid 2>/dev/null; rm -rf "$work"' EXIT
  start_xvfb "$work"
}

case_demo_dir_not_ours() {
  mkdir mine && echo "three months of notes" >mine/notes.txt
  # No display needed: the demo is built (or refused) before any window.
  expect_status "a folder with someone's files" 1 env -u DISPLAY -u WAYLAND_DISPLAY timeout 120 accueil --demo --demo-dir mine
  expect_contains "says why, and that nothing was deleted" "nothing was deleted" "$(cat err)"
  expect_eq "the file is still there" "three months of notes" "$(cat mine/notes.txt 2>/dev/null)"
  echo "x" >plain
  expect_status "a file" 1 env -u DISPLAY -u WAYLAND_DISPLAY timeout 120 accueil --demo --demo-dir plain
  expect_contains "a file is not a folder" "not a folder" "$(cat err)"
  expect_eq "the file is still there" x "$(cat plain)"
  # A new folder becomes a demo folder, and a demo folder is built again.
  # With no display the app builds the demo, then stops and says why.
  demo_in() {  # demo_in DIR
    expect_status "the demo in $1, with no display" 1 env -u DISPLAY -u WAYLAND_DISPLAY timeout 120 accueil --demo --demo-dir "$1"
    expect_contains "no window without a display, and it says so" "no display to open the window on" "$(cat err)"
  }
  demo_in fresh
  expect_eq "the demo is built in a new folder, and marked as ours" 1 "$([[ -f fresh/.accueil-demo ]] && echo 1)"
  touch fresh/printed/job-1.prn
  echo "notes from the rehearsal" >fresh/notes.txt
  demo_in fresh
  expect_eq "a demo folder is built again" 1 "$([[ -f fresh/.accueil-demo && -f fresh/accueil.toml ]] && echo 1)"
  expect_eq "what the demo printed is emptied first" 0 "$(find fresh/printed -type f | wc -l)"
  expect_eq "a file someone added is kept" "notes from the rehearsal" "$(cat fresh/notes.txt 2>/dev/null)"
  expect_contains "and it says so" "notes.txt\" was not made by the demo: kept" "$(cat err)"
}

# A second demo on a folder a first one runs on: refused, with the folder and
# the first's pid, and nothing in the folder touched; the first keeps running.
case_demo_in_use() {
  with_display
  accueil --demo --demo-dir busy --trace "$work/trace" >first.out 2>first.err &
  first=$!
  trap 'kill $first $xvfb_pid 2>/dev/null; rm -rf "$work"' EXIT
  wait_until 120 "the first demo's window" grep -q " first_frame" "$work/trace"
  before=$(cd busy && stat -c '%n %i %Y %s' accueil.db event.toml accueil.toml accueil-signing.key .accueil-demo tickets/*)
  attendees=$(sqlite3 busy/accueil.db "SELECT count(*) FROM attendees")
  expect_status "a second demo on the same folder" 1 env -u DISPLAY -u WAYLAND_DISPLAY timeout 120 accueil --demo --demo-dir busy
  expect_contains "names the folder and says another accueil uses it" "busy\" is in use by another accueil --demo" "$(cat err)"
  expect_contains "gives the first's pid" "(pid $first)" "$(cat err)"
  expect_contains "says nothing was changed" "nothing was changed" "$(cat err)"
  expect_eq "the first demo's files are untouched" "$before" \
    "$(cd busy && stat -c '%n %i %Y %s' accueil.db event.toml accueil.toml accueil-signing.key .accueil-demo tickets/*)"
  expect_eq "its store still holds its people" "$attendees" "$(sqlite3 busy/accueil.db "SELECT count(*) FROM attendees")"
  kill -0 "$first" 2>/dev/null || fail "the first demo stopped: $(cat first.err)"
  kill -TERM "$first"
  wait "$first"
  # Once the first has ended, the folder is free for a new demo.
  expect_status "a demo after the first ended" 1 env -u DISPLAY -u WAYLAND_DISPLAY timeout 120 accueil --demo --demo-dir busy
  expect_contains "built, then no display" "no display to open the window on" "$(cat err)"
  expect_eq "the lock file is not reported as someone's" "" "$(grep 'accueil-demo.lock' err)"
}

# A kiosk started with --config on a demo folder's accueil.toml keeps its
# store open: a new demo there is refused, and changes nothing, until it ends.
case_demo_store_in_use() {
  with_display
  expect_status "the demo, built with no display" 1 env -u DISPLAY -u WAYLAND_DISPLAY timeout 120 accueil --demo --demo-dir busy
  accueil --config busy/accueil.toml --window 800x600 --trace "$work/trace" >kiosk.out 2>kiosk.err &
  kiosk=$!
  trap 'kill $kiosk $xvfb_pid 2>/dev/null; rm -rf "$work"' EXIT
  wait_until 120 "the kiosk's window" grep -q " first_frame" "$work/trace"
  files() { (cd busy && stat -c '%n %i %Y %s' accueil.db event.toml accueil.toml accueil-signing.key .accueil-demo tickets/*); }
  before=$(files)
  attendees=$(sqlite3 busy/accueil.db "SELECT count(*) FROM attendees")
  expect_status "a demo on the folder of a running kiosk" 1 env -u DISPLAY -u WAYLAND_DISPLAY timeout 120 accueil --demo --demo-dir busy
  expect_contains "names the folder and says an accueil has its store open" "busy\" is in use: an accueil" "$(cat err)"
  expect_contains "gives the kiosk's pid" "(pid $kiosk) has the store" "$(cat err)"
  expect_contains "says nothing was changed" "nothing was changed" "$(cat err)"
  expect_eq "the kiosk's files are untouched" "$before" "$(files)"
  expect_eq "its store still holds its people" "$attendees" "$(sqlite3 busy/accueil.db "SELECT count(*) FROM attendees")"
  expect_eq "the kiosk's store is not a deleted file" "" "$(ls -l /proc/$kiosk/fd 2>/dev/null | grep 'accueil.db (deleted)')"
  kill -0 "$kiosk" 2>/dev/null || fail "the kiosk stopped: $(cat kiosk.err)"
  kill -TERM "$kiosk"
  wait "$kiosk"
  expect_status "a demo once the kiosk ended" 1 env -u DISPLAY -u WAYLAND_DISPLAY timeout 120 accueil --demo --demo-dir busy
  expect_contains "built, then no display" "no display to open the window on" "$(cat err)"
  expect_eq "the lock file is not reported as someone's" "" "$(grep 'in-use' err)"
}

case_report_read_only() {
  make_old_store
  expect_status "the report on an older store" 1 accueilctl report
  expect_contains "says the schema is older" "older than this build" "$(cat err)"
  expect_untouched
  accueilctl init --event "$sample_event" >/dev/null 2>&1  # a writer upgrades it
  expect_status "once upgraded, the report reads it" 0 accueilctl report
}

case_dashboard_read_only() {
  with_display
  make_old_store
  printf '%s\n' 'store = "store.db"' >dash.toml
  expect_status "the dashboard on an older store" 1 timeout 20 accueil --config dash.toml --dashboard --window 800x600
  expect_contains "says the schema is older" "older than this build" "$(cat err)"
  expect_untouched
}

case_dashboard_without_printers() {
  with_display
  accueilctl init --event "$sample_event" >/dev/null || fail "init"
  printf '%s\n' 'store = "store.db"' >dash.toml
  # Still running after 5 s (timeout's 124): the configuration was taken.
  expect_status "a dashboard configuration without [[printers]]" 124 timeout 5 accueil --config dash.toml --dashboard --window 800x600
  expect_eq "nothing said about printers" "" "$(grep -i 'printers' err)"
  # The self-service kiosk does print: it says what it lacks.
  expect_status "the kiosk on the same file" 1 timeout 20 accueil --config dash.toml --window 800x600
  expect_contains "the kiosk needs a printer" "[[printers]]" "$(cat err)"
}

"case_$case_name"
passed
