#!/usr/bin/env bash
# The kiosk app with `central = "postgresql://..."` in kiosk.toml, under Xvfb,
# against a PostgreSQL of the test's own (tests/integration/pg_lib.sh): its
# sync thread records heartbeats, a badge scanned at the app reaches central,
# and a check-in at another kiosk reaches the app's store. First start: a kiosk
# with an empty store shows "Loading the list…" with the pull's progress (20,000
# people at central), then welcome, and finds a name; with central unreachable
# it opens anyway and says why.
#   kiosk_central_e2e.sh BIN_DIR SOURCE_DIR
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../integration/lib.sh" "$1" "$2"
source "$here/../integration/pg_lib.sh"
source "$here/scanner.sh"
source "$here/kiosk_trace.sh"
for tool in Xvfb xdotool; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (deploy/setup.sh test installs it)"
done
central_is() { [[ $(psql_as postgres "$1" 2>/dev/null) == "$2" ]]; }
store_is() { [[ $(sqlite3 -cmd ".timeout 2000" "$1" "$2" 2>/dev/null) == "$3" ]]; }

pg_start
accueilctl central init --url "$pg_url" --event "$sample_event" --kiosk kiosk_app --kiosk kiosk_b >/dev/null ||
  fail "central init"
accueilctl demo-data --count 50 --seed 5 --event "$sample_event" --out demo.csv >/dev/null || fail "demo-data"
accueilctl central import demo.csv --url "$pg_url" >/dev/null || fail "central import"
# The app's store: a first start takes the event and the list from central.
accueilctl --db store.db sync --central "$(url_as kiosk_app)" --kiosk entree-1 >/dev/null || fail "first sync"
accueilctl --db b.db sync --central "$(url_as kiosk_b)" --kiosk kiosk-b >/dev/null || fail "first sync of B"
mkdir -p jobs
printf '%s\n' 'store = "store.db"' 'kiosk = "entree-1"' "central = \"$(url_as kiosk_app)\"" 'printer = "desk"' \
  'rehearsal_day = 1' 'list_check_s = 1' '[screen]' 'fullscreen = false' 'width = 1280' 'height = 800' \
  '[[printers]]' 'name = "desk"' "uri = \"file:$work/jobs/desk.prn:brother-ql-820nwb\"" 'media = "62x100"' \
  'template = "label-62x100"' >kiosk.toml

Xvfb -displayfd 5 -noreset -screen 0 1280x800x24 -nolisten tcp 5>"$work/display" 2>"$work/xvfb.log" &
xvfb_pid=$!
pg_test_pids+=("$xvfb_pid")
wait_until 15 "Xvfb" test -s "$work/display"
export DISPLAY=":$(cat "$work/display")"
accueil --config kiosk.toml >kiosk.log 2>&1 &
kiosk_pid=$!
pg_test_pids+=("$kiosk_pid")
on_timeout() { tail -5 kiosk.log; }
xdotool search --sync --name '^Accueil$' windowfocus --sync >/dev/null 2>&1 || fail "no kiosk window"

wait_until 20 "the app's heartbeat at central" central_is "SELECT count(*) FROM accueil.heartbeats WHERE kiosk = 'entree-1'" 1
checks=$((checks + 1))

code=$(sqlite3 store.db "SELECT ticket_code FROM attendees WHERE status = 'active' AND days & 1 ORDER BY external_ref LIMIT 1")
scan_as_us_scanner "$code"
wait_until 20 "the scan at central" central_is \
  "SELECT count(*) FROM accueil.checkins c JOIN accueil.attendees a ON a.id = c.attendee_id
   WHERE a.ticket_code = '$code' AND c.kiosk = 'entree-1'" 1
checks=$((checks + 1))
# Its heartbeat carries its print queue's printers, in the common vocabulary.
wait_until 20 "the app's printers in its heartbeat" central_is \
  "SELECT string_agg(p->>'name' || ' ' || (p->>'state') || ' ' || jsonb_typeof(p->'queue'), ',')
   FROM accueil.heartbeats, jsonb_array_elements(printers) AS p WHERE kiosk = 'entree-1'" "desk none number"
checks=$((checks + 1))

other=$(sqlite3 b.db "SELECT ticket_code FROM attendees WHERE status = 'active' AND days & 1 ORDER BY external_ref LIMIT 1 OFFSET 1")
accueilctl --db b.db checkin "$other" --day 1 --kiosk kiosk-b >/dev/null || fail "check-in at B"
accueilctl --db b.db sync --central "$(url_as kiosk_b)" --kiosk kiosk-b >/dev/null || fail "B pushes"
wait_until 20 "B's check-in in the app's store" store_is store.db \
  "SELECT count(*) FROM checkins c JOIN attendees a ON a.id = c.attendee_id WHERE a.ticket_code = '$other' AND c.kiosk = 'kiosk-b'" 1
checks=$((checks + 1))
kill -TERM "$kiosk_pid"
wait "$kiosk_pid" || fail "the kiosk did not stop cleanly: $(tail -3 kiosk.log)"
pg_test_pids=("$xvfb_pid")

# --- First start: an empty store, 20,000 people at central ----------------------------------
accueilctl demo-data --count 20000 --seed 8 --event "$sample_event" --out big.csv >/dev/null || fail "demo-data 20000"
accueilctl central import big.csv --url "$pg_url" >/dev/null || fail "central import of 20,000"
list_size=$(psql_as postgres "SELECT count(*) FROM accueil.attendees")
# A last name of plain letters that "find my name" offers (active, not a VIP), in the on-screen keyboard's keys.
last=$(psql_as postgres "SELECT lower(last_name) FROM accueil.attendees WHERE status = 'active' AND NOT vip
  AND last_name ~ '^[A-Za-z]{4,}\$' ORDER BY external_ref LIMIT 1")
[[ -n $last ]] || fail "no plain last name at central"
# kiosk_toml STORE ID CENTRAL_URL: a kiosk.toml of the app's, on its own store.
kiosk_toml() {
  printf '%s\n' "store = \"$1\"" "kiosk = \"$2\"" "central = \"$3\"" 'printer = "desk"' 'rehearsal_day = 1' \
    '[screen]' 'fullscreen = false' 'width = 1280' 'height = 800' '[[printers]]' 'name = "desk"' \
    "uri = \"file:$work/jobs/desk.prn:brother-ql-820nwb\"" 'media = "62x100"' 'template = "label-62x100"'
}
# start_kiosk CONFIG: the app with a trace ($trace) and screenshots (shots/).
start_kiosk() {
  trace=$work/$1.trace log=$work/$1.log seen=0
  accueil --config "$1" --trace "$trace" --screenshots "$work/shots" >"$log" 2>&1 &
  kiosk_pid=$!
  pg_test_pids+=("$kiosk_pid")
  xdotool search --sync --name '^Accueil$' windowfocus --sync >/dev/null 2>&1 || fail "no kiosk window"
}
stop_kiosk() {
  kill -TERM "$kiosk_pid"
  wait "$kiosk_pid" || fail "the kiosk did not stop cleanly: $(tail -3 "$log")"
  pg_test_pids=("$xvfb_pid")
}
mkdir -p shots
accueilctl --db first.db init --event "$sample_event" >/dev/null || fail "init of an empty store"
kiosk_toml first.db entree-2 "$(url_as kiosk_app)" >first.toml
start_kiosk first.toml
wait_for " screen loading\$" 10
wait_for " list loaded\$" 30
wait_for " screen welcome\$" 5
# Progress on screen while the pull ran, against the size of the list at central, and its picture.
grep -qE " list [0-9]+ / $list_size\$" "$trace" || fail "no progress of the pull in the trace: $(grep ' list ' "$trace" | tr '\n' '|')"
grep -qE " screenshot [0-9]+-loading-" "$trace" || fail "no screenshot of the loading screen"
grep -q "central list is here" "$log" || fail "no line in the log about the list: $(tail -3 "$log")"
checks=$((checks + 1))
[[ $(sqlite3 first.db "SELECT count(*) FROM attendees") == "$list_size" ]] || fail "the store does not hold the whole list"
wait_for " widget find " 5
tap find
wait_for " screen find_name" 5
wait_for " widget key:${last:0:1} " 5
for ((i = 0; i < ${#last}; i++)); do
  tap "key:${last:i:1}"
  sleep 0.15
done
wait_for " results [1-9][0-9]*\$" 10
checks=$((checks + 1))
stop_kiosk

# --- First start with central unreachable: the kiosk opens anyway and says why ---------------
accueilctl --db alone.db init --event "$sample_event" >/dev/null || fail "init of another empty store"
kiosk_toml alone.db entree-3 "postgresql://kiosk_app@127.0.0.1:1/$pg_db" >alone.toml
start_kiosk alone.toml
wait_for " list offline\$" 20
wait_for " screen welcome\$" 5
grep -q "central list could not be loaded (.*): the kiosk opens without it" "$log" ||
  fail "no clear line in the log about central: $(tail -3 "$log")"
checks=$((checks + 1))
stop_kiosk
passed
