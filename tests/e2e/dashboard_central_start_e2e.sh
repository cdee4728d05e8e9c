#!/usr/bin/env bash
# The organisers' dashboard over a central list, what the first central test
# (dashboard_central_e2e.sh) leaves out:
#   - started while central is down, its window opens at once and says since
#     when central is unreachable (trace, screenshot); PostgreSQL started, the
#     figures come in by themselves;
#   - two kiosks (accueilctl sync) check the same person in while cut off
#     from each other: the dashboard shows one cross-kiosk duplicate;
#   - a kiosk whose printer failed leaves a badge for reception: the
#     dashboard counts it; and the viewer reads neither's names;
#   - a dashboard on kiosk A's own store shows the same duplicate (pulled).
#   dashboard_central_start_e2e.sh BIN_DIR SOURCE_DIR [SCREENSHOT_DIR]
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../integration/lib.sh" "$1" "$2"
source "$here/../integration/pg_lib.sh"
shots=${3:-$work/screenshots}
for tool in Xvfb xdotool; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (deploy/setup.sh test installs it)"
done
field() { sed -nE "s/.* $1=([^ ]+).*/\1/p" <<<"$2"; }

pg_start
accueilctl central init --url "$pg_url" --event "$sample_event" --kiosk kiosk_a --kiosk kiosk_b --viewer board \
  >/dev/null || fail "central init"
accueilctl demo-data --count 40 --seed 7 --event "$sample_event" --out demo.csv >/dev/null || fail "demo-data"
accueilctl central import demo.csv --url "$pg_url" >/dev/null || fail "central import"
sync_a() { accueilctl --db a.db sync --central "$(url_as kiosk_a)" --kiosk entree-a >/dev/null; }
sync_b() { accueilctl --db b.db sync --central "$(url_as kiosk_b)" --kiosk entree-b >/dev/null; }
sync_a || fail "first sync of A"
sync_b || fail "first sync of B"
codes=($(sqlite3 a.db "SELECT ticket_code FROM attendees WHERE status = 'active' AND days & 1 ORDER BY external_ref LIMIT 3"))
refs=($(sqlite3 a.db "SELECT external_ref FROM attendees WHERE status = 'active' AND days & 1 ORDER BY external_ref LIMIT 3"))
accueilctl --db a.db checkin "${codes[0]}" --day 1 --kiosk entree-a >/dev/null || fail "check-in at A"
sync_a || fail "A pushes"

# What the viewer reads of the new panels: counts, kiosks and times, no names.
expect_eq "the duplicates' columns" "event_id day first_kiosk first_at_ms later_kiosk later_at_ms" \
  "$(psql_as board "SELECT string_agg(attname, ' ' ORDER BY attnum) FROM pg_attribute
     WHERE attrelid = 'accueil.dashboard_duplicates'::regclass AND attnum > 0")"
expect_contains "the heartbeats' reception count" "reception" \
  "$(psql_as board "SELECT string_agg(attname, ' ' ORDER BY attnum) FROM pg_attribute
     WHERE attrelid = 'accueil.dashboard_heartbeats'::regclass AND attnum > 0")"
grants=$(accueilctl central init --url "$pg_url" --print-grants) || fail "print grants"
expect_contains "the grants say what the viewer reads" "dashboard_duplicates: no name" "$grants"
expect_contains "the viewer may read the duplicates" "accueil.dashboard_duplicates SELECT" \
  "$(sed -n '/^accueil_viewer/,$p' <<<"$grants" | tr -s ' ')"

# 1. Central down when the dashboard starts.
pg_stop immediate
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
rm -rf "$shots"
started=$(date +%s%N)
accueil --config dashboard.toml --dashboard --trace "$trace" --screenshots "$shots" >"$log" 2>&1 &
kiosk_pid=$!
pg_test_pids+=("$kiosk_pid")
source "$here/kiosk_trace.sh"
wait_for " first_frame" 10
echo "start to first frame with central down: $((($(date +%s%N) - started) / 1000000)) ms (process start included)"
# In the app, from the shell's start to its first frame: no connection
# attempt in between (an unanswering host would cost its 3 s connect timeout).
in_app=$(awk '$2 == "start" { s = $1 } $2 == "first_frame" { printf "%d", $1 - s; exit }' "$trace")
echo "shell start to first frame: $in_app ms"
((in_app < 3000)) || fail "the first frame came $in_app ms after the start with central down"
# Anywhere in the trace: the first refresh may fail before the first frame,
# and the same failure again is not traced again.
wait_until 10 "the unreachable central in the trace" grep -qE " feed-error central unreachable since [0-9]{2}:[0-9]{2}" "$trace"
wait_until 15 "the unreachable screen's screenshot" grep -qE " screenshot [0-9]+-dashboard-unreachable-fr.png" "$trace"
echo "screenshot: $shots/$(ls "$shots" | grep unreachable | head -1)"
sleep 3  # it keeps trying, with a back-off, and keeps running
kill -0 "$kiosk_pid" || fail "the dashboard stopped: $(tail -3 "$log")"
attempts=$(grep -c " poll " "$trace")
echo "refreshes tried in the first seconds (each failure after the first draws nothing): $attempts"

pg_restart
back=$(date +%s%N)
wait_for " figures lang=fr .*arrived=1 " 20
echo "central up to the figures on screen: $((($(date +%s%N) - back) / 1000000)) ms"
line=$(grep " figures " "$trace" | tail -1)
expect_eq "no duplicate yet" 0 "$(field duplicates "$line")"
expect_eq "no badge at reception yet" 0 "$(field reception "$line")"

# 2. The same person checked in at A and at B, cut off from each other.
accueilctl --db a.db checkin "${codes[1]}" --day 1 --kiosk entree-a >/dev/null || fail "check-in at A"
sleep 1
accueilctl --db b.db checkin "${codes[1]}" --day 1 --kiosk entree-b >/dev/null || fail "check-in at B"
sync_a || fail "A pushes"
sync_b || fail "B pushes"
wait_for " figures lang=fr .*arrived=2 .* duplicates=1" 10
line=$(grep " figures " "$trace" | tail -1)
expect_eq "the person counts once" 2 "$(field arrived "$line")"
expect_eq "one duplicate, as central lists it" "$(psql_as postgres "SELECT count(*) FROM accueil.conflicts")" \
  "$(field duplicates "$line")"

# 3. A's printer fails: the badge goes to reception, A's heartbeat says so.
cat >printers.toml <<PRINTERS
[[printers]]
name = "alone"
uri = "file:$work/no-such-folder/alone.prn:brother-ql-820nwb"
media = "62x100"
template = "label-62x100"
PRINTERS
ACCUEIL_PRINTERS=$work/printers.toml accueilctl --db a.db print "${refs[2]}" --printer alone --timeout 1 --json >print.out 2>print.err
id=$(jq -r .id print.out)
[[ $id =~ ^[0-9]+$ ]] || fail "no print request: $(cat print.out)"
ACCUEIL_PRINTERS=$work/printers.toml accueilctl --db a.db reception take "$id" --operator Inès >/dev/null ||
  fail "the badge to reception"
sync_a || fail "A's heartbeat"
wait_for " figures lang=fr .*reception=1 " 10
expect_eq "central's count" 1 "$(psql_as board "SELECT sum(reception) FROM accueil.dashboard_heartbeats")"
kill -USR1 "$kiosk_pid"  # a screenshot of the panel with both
wait_for " screenshot " 5
echo "screenshot: $shots/$(ls -t "$shots" | head -1)"

kill -TERM "$kiosk_pid"
wait "$kiosk_pid" || fail "the dashboard did not stop cleanly: $(tail -3 "$log")"

# 4. The same panel from kiosk A's own store: its last sync pulled B's check-in.
sed -e 's|^store = .*|store = "a.db"|' -e '/^central = /d' dashboard.toml >local.toml
trace=$work/trace-local.txt
seen=0
accueil --config local.toml --dashboard --trace "$trace" >"$log" 2>&1 &
kiosk_pid=$!
pg_test_pids+=("$kiosk_pid")
wait_for " figures lang=fr .*arrived=2 .* reception=1 duplicates=1" 15
# While it runs: B then A check another person in, A's sync pulls B's.
accueilctl --db b.db checkin "${codes[2]}" --day 1 --kiosk entree-b >/dev/null || fail "check-in at B"
sync_b || fail "B pushes"
accueilctl --db a.db checkin "${codes[2]}" --day 1 --kiosk entree-a >/dev/null || fail "check-in at A"
sync_a || fail "A pulls"
wait_for " figures lang=fr .*arrived=3 .* duplicates=2" 10
kill -TERM "$kiosk_pid"
wait "$kiosk_pid" || fail "the local dashboard did not stop cleanly: $(tail -3 "$log")"
passed
