#!/usr/bin/env bash
# The organisers' dashboard reading a central list (dashboard.toml `central`,
# a viewer login) under Xvfb, against a PostgreSQL of the test's own: the
# check-ins a kiosk login pushes show in the figures, the kiosks' heartbeats
# in the stations, the VIPs expected by name; central down says since when,
# the clock keeps time meanwhile, and back up the figures move again. The dashboard's own store is empty:
# everything it shows came from central.
#   dashboard_central_e2e.sh BIN_DIR SOURCE_DIR
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../integration/lib.sh" "$1" "$2"
source "$here/../integration/pg_lib.sh"
for tool in Xvfb xdotool; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (deploy/setup.sh test installs it)"
done
field() { sed -nE "s/.* $1=([^ ]+).*/\1/p" <<<"$2"; }

pg_start
accueilctl central init --url "$pg_url" --event "$sample_event" --kiosk kiosk_a --viewer board >/dev/null ||
  fail "central init"
accueilctl demo-data --count 60 --seed 5 --event "$sample_event" --out demo.csv >/dev/null || fail "demo-data"
accueilctl central import demo.csv --url "$pg_url" >/dev/null || fail "central import"
accueilctl --db a.db sync --central "$(url_as kiosk_a)" --kiosk entree-a >/dev/null || fail "first sync of A"
codes=($(sqlite3 a.db "SELECT ticket_code FROM attendees WHERE status = 'active' AND days & 1 ORDER BY external_ref LIMIT 4"))
push() {  # CODE: checked in at kiosk A, pushed to central
  accueilctl --db a.db checkin "$1" --day 1 --kiosk entree-a >/dev/null || fail "check-in at A"
  accueilctl --db a.db sync --central "$(url_as kiosk_a)" --kiosk entree-a >/dev/null || fail "A pushes"
}
push "${codes[0]}"
push "${codes[1]}"

# The viewer reads no one's name but the VIPs' and delegation heads'.
refused=$(psql_as board "SELECT first_name FROM accueil.attendees LIMIT 1" 2>&1)
expect_contains "the viewer reads no attendee table" "permission denied" "$refused"
expect_eq "names the viewer may read: VIPs and one head per delegation" \
  "$(psql_as postgres "SELECT count(*) FROM accueil.attendees WHERE status = 'active' AND (vip OR delegation <> '')
     AND (vip OR NOT EXISTS (SELECT 1 FROM accueil.attendees b WHERE b.status = 'active'
       AND lower(b.delegation) = lower(attendees.delegation) AND (b.vip OR b.id < attendees.id)))")" \
  "$(psql_as board "SELECT count(*) FROM accueil.dashboard_protocol")"

accueilctl --db own.db init --event "$sample_event" >/dev/null || fail "init of the dashboard's store"
printf '%s\n' 'store = "own.db"' 'kiosk = "bureau"' "central = \"$(url_as board)\"" 'rehearsal_day = 1' \
  '[screen]' 'fullscreen = false' 'width = 1280' 'height = 800' \
  '[[printers]]' 'name = "none"' "uri = \"file:$work/printed:brother-ql-820nwb\"" 'media = "62x100"' \
  'template = "label-62x100"' >dashboard.toml

Xvfb -displayfd 5 -noreset -screen 0 1280x800x24 -nolisten tcp 5>"$work/display" 2>"$work/xvfb.log" &
pg_test_pids+=($!)
wait_until 15 "Xvfb" test -s "$work/display"
export DISPLAY=":$(cat "$work/display")"
trace=$work/trace.txt
log=$work/dashboard.log
seen=0
# The app's clock set so that its minute turns about 20 s after the start,
# while central is down below (ACCUEIL_CLOCK_OFFSET_MS moves its clock only).
now_ms=$(date +%s%3N)
export ACCUEIL_CLOCK_OFFSET_MS=$(((40000 - now_ms % 60000 + 60000) % 60000))
accueil --config dashboard.toml --dashboard --trace "$trace" >"$log" 2>&1 &
unset ACCUEIL_CLOCK_OFFSET_MS
kiosk_pid=$!
pg_test_pids+=("$kiosk_pid")
source "$here/kiosk_trace.sh"
wait_for " figures lang=fr .*arrived=2 " 20
line=$(grep " figures " "$trace" | tail -1)
expect_eq "registered today, as central has them" \
  "$(psql_as postgres "SELECT count(*) FROM accueil.attendees WHERE status = 'active' AND days & 1 <> 0")" \
  "$(field registered "$line")"
expect_eq "kiosk A's heartbeat in the stations" 1 "$(field stations "$line")"
(($(field expected "$line") > 0)) || fail "no VIP expected by name: $line"

# A check-in pushed by the kiosk login: in the figures within a poll.
accueilctl --db a.db checkin "${codes[2]}" --day 1 --kiosk entree-a >/dev/null || fail "check-in at A"
accueilctl --db a.db sync --central "$(url_as kiosk_a)" --kiosk entree-a >/dev/null || fail "A pushes"
before=$(date +%s%N)
wait_for " figures lang=fr .*arrived=3 " 5
echo "check-in pushed to central to the dashboard's figures: $((($(date +%s%N) - before) / 1000000)) ms"

sleep 4  # idle: LISTEN wakes it on a change, the 2 s poll reads the heartbeats
echo "idle polls (nothing new): $(grep -c " poll .* same" "$trace"); their time (ms):" \
  "$(awk '/ poll .* same/ { s += $3; n++ } END { printf "%.2f mean", s / n }' "$trace")"

# Central down: the dashboard says since when, and keeps running.
pg_stop immediate
wait_for " feed-error central unreachable since [0-9]{2}:[0-9]{2}" 15
# The clock keeps time through the outage: a frame when its minute turns,
# while the figures stay as they were (no new ones traced).
snapshot=$(cat "$trace")  # the figures and the time on screen now; what comes after
figures=$(grep -c " figures " <<<"$snapshot")
shown=$(grep " clock " <<<"$snapshot" | tail -1 | cut -d' ' -f3)
seen=$(wc -l <<<"$snapshot")
wait_for " clock " 65
now_shown=$(grep " clock " "$trace" | tail -1 | cut -d' ' -f3)
[[ $now_shown != "$shown" ]] || fail "the clock did not move: $shown"
echo "clock during the outage: $shown then $now_shown"
expect_eq "no new figures while central is down" "$figures" "$(grep -c " figures " "$trace")"
pg_restart
push "${codes[3]}"
wait_for " figures lang=fr .*arrived=4 " 20
kill -TERM "$kiosk_pid"
wait "$kiosk_pid" || fail "the dashboard did not stop cleanly: $(tail -3 "$log")"
passed
