#!/usr/bin/env bash
# The organisers' dashboard end to end: the real accueil --dashboard in an
# Xvfb display.
#   - `accueil --demo --dashboard`: the demo's made-up arrivals fill the chart.
#   - On a store of 300 registrations: the headline figures in the trace are
#     the store's; check-ins by `accueilctl checkin` (another process) move
#     the headline within a second; L switches to English (screenshots in
#     French and English kept in SHOTS_DIR); keys and clicks change nothing
#     in the store; idle CPU stays under 3 % of a core.
#
#   dashboard_e2e.sh BIN_DIR SOURCE_DIR SHOTS_DIR
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../integration/lib.sh" "$1" "$2"
shots=$3

for tool in Xvfb xdotool; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (deploy/setup.sh test installs it)"
done

Xvfb -displayfd 5 -noreset -screen 0 1280x800x24 -nolisten tcp 5>"$work/display" 2>"$work/xvfb.log" &
xvfb_pid=$!
kiosk_pid=
trap 'kill $kiosk_pid "$xvfb_pid" 2>/dev/null; rm -rf "$work"' EXIT
wait_until 15 "Xvfb" test -s "$work/display"
export DISPLAY=":$(cat "$work/display")"
rm -rf "$shots" && mkdir -p "$shots"
log=$work/dashboard.log
fail() {
  echo "FAIL: $*" >&2
  cp "$trace" "$shots/trace.txt" 2>/dev/null
  cp "$log" "$shots/dashboard.log" 2>/dev/null
  echo "(the dashboard's trace and log are in $shots)" >&2
  exit 1
}
seen=0
source "$here/kiosk_trace.sh"
# field NAME LINE: the value of NAME=... in a "figures" trace line.
field() { sed -nE "s/.* $1=([^ ]+).*/\1/p" <<<"$2"; }

# --- The demo: arrivals spread over the last hours -------------------------------------------
trace=$work/demo-trace.txt
accueil --demo --dashboard --demo-dir "$work/demo" --trace "$trace" --screenshots "$shots/demo" >"$log" 2>&1 &
kiosk_pid=$!
wait_for " figures " 30
line=$(grep " figures " "$trace" | tail -1)
demo_db=$work/demo/accueil.db
expect_eq "the demo's arrivals today, as its store has them" \
  "$(sqlite3 "$demo_db" "SELECT count(DISTINCT attendee_id) FROM checkins WHERE day = 1 AND kind = 'checkin'")" \
  "$(field arrived "$line")"
(($(field arrived "$line") > 500)) || fail "the demo has few arrivals: $line"
(($(field bins "$line") >= 10)) || fail "the demo's chart has few bars: $line"
(($(field vip "$line") > 0)) || fail "no VIP arrived in the demo: $line"
wait_for " screenshot 01-dashboard-fr" 10
kill "$kiosk_pid" && wait "$kiosk_pid" 2>/dev/null
kiosk_pid=

# --- A store of our own, checked in from another process -----------------------------------
accueilctl init --event "$sample_event" >/dev/null || fail "init"
accueilctl demo-data --count 300 --seed 11 --out demo.csv >/dev/null || fail "demo-data"
accueilctl import demo.csv >/dev/null || fail "import"
refs=($(sql "SELECT external_ref FROM attendees WHERE status = 'active' AND days & 1 ORDER BY rowid LIMIT 12"))
((${#refs[@]} == 12)) || fail "too few attendees on day 1"
for ref in "${refs[@]:0:5}"; do
  accueilctl checkin --day 1 --kiosk entree-1 "$(code_of "$ref")" >/dev/null || fail "checkin $ref"
done
printf '%s\n' 'store = "store.db"' 'kiosk = "bureau"' 'rehearsal_day = 1' \
  '[screen]' 'fullscreen = false' 'width = 1280' 'height = 800' \
  '[[printers]]' 'name = "none"' "uri = \"file:$work/printed:brother-ql-820nwb\"" 'media = "62x100"' \
  'template = "label-62x100"' >dashboard.toml  # the configuration asks for one; the dashboard prints nothing
seen=0
trace=$work/trace.txt
accueil --config dashboard.toml --dashboard --trace "$trace" --screenshots "$shots" >"$log" 2>&1 &
kiosk_pid=$!
wait_for " figures lang=fr " 20
line=$(grep " figures " "$trace" | tail -1)
registered=$(sql "SELECT count(*) FROM attendees WHERE status = 'active' AND days & 1")
expect_eq "arrived today" 5 "$(field arrived "$line")"
expect_eq "registered today" "$registered" "$(field registered "$line")"
expect_eq "not arrived" $((registered - 5)) "$(field remaining "$line")"
wait_for " screenshot 01-dashboard-fr" 10

# Check-ins from another process: the headline moves within a second.
arrived=5
for ref in "${refs[@]:5:4}"; do
  code=$(code_of "$ref")
  accueilctl checkin --day 1 --kiosk entree-2 "$code" >/dev/null || fail "checkin $ref"
  before=$(date +%s%N)  # the check-in is committed
  arrived=$((arrived + 1))
  wait_for " figures lang=fr .*arrived=$arrived " 3
  took=$((($(date +%s%N) - before) / 1000000))
  echo "check-in committed by accueilctl to the dashboard's figures on screen: $took ms"
  ((took <= 1000)) || fail "the dashboard took $took ms to show a check-in (more than a second)"
done
# An undo takes it back.
accueilctl undo --day 1 --operator e2e --reason "wrong person" "$(code_of "${refs[8]}")" >/dev/null || fail "undo"
arrived=$((arrived - 1))
wait_for " figures lang=fr .*arrived=$arrived " 3

# Read-only: keys, a scan and clicks change nothing in the store.
log_size=$(sql "SELECT count(*) FROM checkins")
xdotool search --sync --name '^Accueil$' windowfocus --sync >/dev/null 2>&1 || fail "no dashboard window"
xdotool type --delay 5 "$(code_of "${refs[10]}")" 2>/dev/null
xdotool key Return 2>/dev/null
xdotool mousemove 640 400 click 1 mousemove 100 700 click 1 2>/dev/null
sleep 1
expect_eq "nothing written by the dashboard" "$log_size" "$(sql "SELECT count(*) FROM checkins")"

# Idle: no check-ins for a few seconds, CPU of the dashboard process.
ticks() { awk '{ print $14 + $15 }' "/proc/$kiosk_pid/stat"; }
hz=$(getconf CLK_TCK)
t0=$(ticks)
sleep 5
idle=$(( ($(ticks) - t0) * 100 * 1000 / hz / 5 ))  # thousandths of a percent... per mille of a core x 10
echo "idle CPU of the dashboard: $((idle / 1000)).$(printf %03d $((idle % 1000))) % of a core over 5 s"
((idle <= 3000)) || fail "the dashboard idles at more than 3 % of a core"
polls=$(grep -c " poll " "$trace")
echo "polls: $polls; their read time (ms): $(awk '/ poll / { s += $3; n++ } END { printf "%.2f mean", s / n }' "$trace")"

# English: L switches the labels; a screenshot of each language is kept.
xdotool key l 2>/dev/null
wait_for " figures lang=en .*arrived=$arrived " 5
wait_until 10 "the English screenshot" grep -q " screenshot 02-dashboard-en" "$trace"
[[ -s $shots/01-dashboard-fr.png && -s $shots/02-dashboard-en.png ]] || fail "screenshots missing"
cp "$trace" "$shots/trace.txt"
passed
