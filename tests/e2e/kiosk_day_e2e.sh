#!/usr/bin/env bash
# The kiosk's day, its print queue held by another program, and privacy at a
# public screen: the real accueil binary under Xvfb, its clock moved with
# ACCUEIL_CLOCK_OFFSET_MS (the kiosk's test-only clock offset), printing
# through a real cupsd to an ippeveprinter (tests/integration/cups_lib.sh).
#
#   1. The eve of the event: the kiosk starts (it used to refuse to) and says
#      check-in opens on 3 December; a scan records nothing.
#   2. 23:59 on day 1, while a desk's `accueilctl print` holds the store's
#      print queue (its printer out of labels): a scan still checks the person
#      in and puts their badge on the reception list; the kiosk takes the queue
#      over once accueilctl is done. Then midnight passes with the kiosk
#      running: the person checked in on day 1 is checked in again for day 2,
#      a day-2-only person is welcome, both badges print. "Find my name" lists
#      no cancelled registration and no VIP, and a refusal after a name search
#      is the plain "please see reception".
#   3. A rehearsal (rehearsal_day = 2) on the eve, with an event that asks for
#      the first letters of the e-mail after a name search: a wrong answer
#      prints nothing, the right one checks in for day 2.
#   4. A writer holding the store as the kiosk starts: the first frame comes
#      at once, the print queue starts once the writer is done.
# Screenshots of every screen land in SHOTS_DIR, kept after the run.
#
#   kiosk_day_e2e.sh BIN_DIR SOURCE_DIR SHOTS_DIR
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../integration/lib.sh" "$1" "$2"
source "$here/../integration/cups_lib.sh"
source "$here/scanner.sh"
source "$here/kiosk_trace.sh"
shots=$3

for tool in Xvfb xdotool flock; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (deploy/setup.sh test installs it)"
done

checkins_on() { sql "SELECT count(*) FROM checkins WHERE kind = 'checkin' AND day = $2 AND attendee_id = '$(id_of "$1")'"; }
# Milliseconds to add to this machine's clock for it to read DATE_TIME in Paris.
offset_to() { echo $(($(TZ=Europe/Paris date -d "$1" +%s%3N) - $(date +%s%3N))); }

# --- The event and its people ------------------------------------------------------------------
cups_start
accueilctl init --event "$sample_event" >/dev/null || fail "init"
accueilctl keygen --secret "$ACCUEIL_SIGNING_KEY" --public key.pub >/dev/null || fail "keygen"
printf '%s\n' \
  "Référence;Code billet;Prénom;Nom;Organisme;Catégorie;Pays;Langue;Jours;Statut;VIP;E-mail" \
  "E2E-BOTH;E2E-BOTH;Hélène;Moncond'huy-Test;Ville de Poitiers;Élu·e;France;fr;1,2;Confirmé;;" \
  "E2E-DAY2;E2E-DAY2;Mathilde;Lendemain;Ville de Lyon;Collectivité;France;fr;2;Confirmé;;" \
  "E2E-GONE;E2E-GONE;Camille;Désistée;Ville de Nantes;Élu·e;France;fr;1,2;Annulé;;" \
  "E2E-VIP;E2E-VIP;Aurore;Ministrelle;Ministère de l'Europe;Élu·e;France;fr;1,2;Confirmé;oui;" \
  "E2E-DESK;E2E-DESK;Denis;Comptoir;Ville de Brest;Élu·e;France;fr;1,2;Confirmé;;" \
  "E2E-MAIL;E2E-MAIL;Inès;Vérifiée;Ville de Rennes;Élu·e;France;fr;2;Confirmé;;ines.v@example.org" \
  >e2e.csv
accueilctl import e2e.csv >/dev/null || fail "import e2e.csv"
accueilctl tickets --out tickets >/dev/null || fail "tickets"
printf '%s\n' '[[printers]]' 'name = "desk"' 'uri = "cups:Badges"' 'media = "62x100"' 'template = "label-62x100"' \
  >printers.toml
kiosk_config() {  # kiosk_config FILE KIOSK [LINES...]: the kiosk's configuration, with extra lines
  local file=$1 kiosk=$2
  shift 2
  printf '%s\n' 'store = "store.db"' "kiosk = \"$kiosk\"" 'printer = "desk"' 'print_timeout_s = 20' 'list_check_s = 1' \
    'print_queue_retry_s = 0.5' "$@" '[scanner]' 'layout = "us"' \
    '[screen]' 'fullscreen = false' 'width = 1280' 'height = 800' \
    '[[printers]]' 'name = "desk"' 'uri = "cups:Badges"' 'media = "62x100"' 'template = "label-62x100"' >"$file"
}
kiosk_config kiosk.toml e2e

# --- The display ----------------------------------------------------------------------------------
xvfb_pid=
kiosk_pid=
desk_pid=
writer_pid=
kiosk_cleanup() {
  # The writer (part 4) reads a FIFO this shell holds open: close it first,
  # or cups_cleanup's wait would wait on the writer until ctest's timeout.
  exec 7>&- 2>/dev/null
  kill $kiosk_pid $desk_pid $writer_pid "$xvfb_pid" 2>/dev/null
  cups_cleanup
}
trap kiosk_cleanup EXIT
start_xvfb "$work"
rm -rf "$shots" && mkdir -p "$shots"

fail() {
  echo "FAIL: $*" >&2
  cp "$work"/trace-*.txt "$work"/kiosk-*.log "$shots/" 2>/dev/null
  echo "(the kiosk's traces and logs are in $shots)" >&2
  exit 1
}

# start_kiosk NAME CONFIG OFFSET_MS: a kiosk whose clock is moved by OFFSET_MS.
start_kiosk() {
  trace=$work/trace-$1.txt
  log=$work/kiosk-$1.log
  seen=0
  ACCUEIL_CLOCK_OFFSET_MS=$3 accueil --config "$2" --screenshots "$shots/$1" --trace "$trace" >"$log" 2>&1 &
  kiosk_pid=$!
  wait_started " first_frame"
  xdotool search --sync --name '^Accueil$' windowfocus --sync >/dev/null 2>&1 || fail "no kiosk window"
}
stop_kiosk() {
  kill "$kiosk_pid" 2>/dev/null
  wait "$kiosk_pid" 2>/dev/null
  kiosk_pid=
}
# wait_started PATTERN [SECONDS]: anywhere in the trace (start-up lines come in any order).
wait_started() {
  local deadline=$((SECONDS + ${2:-20}))
  until grep -qE "$1" "$trace" 2>/dev/null; do
    kill -0 "$kiosk_pid" 2>/dev/null || fail "the kiosk stopped: $(tail -5 "$log")"
    ((SECONDS < deadline)) || fail "timed out waiting for \"$1\" in the kiosk's trace"
    sleep 0.05
  done
}
# A person typing on a keyboard: far slower than a scanner.
type_slowly() { xdotool type --delay 120 "$1"; }
last_results() { grep ' results ' "$trace" | tail -1 | awk '{ print $3 }'; }
results_are() { [[ $(last_results) == "$1" ]]; }
decisions_since_seen() { tail -n +$((seen + 1)) "$trace" | grep -c ' decision '; }
printed_badges() { find "$cups_spool" -type f -name '*.pdf' | wc -l; }
printed_more_than() { (($(printed_badges) > $1)); }
check_printed() {  # check_printed REF COUNT_BEFORE: the newest badge at CUPS is REF's
  wait_until 30 "a badge at CUPS for $1" printed_more_than "$2"
  local pdf
  pdf=$(ls -t "$cups_spool"/*.pdf | head -1)
  expect_contains "the badge printed is $1's" "$(sql "SELECT last_name FROM attendees WHERE external_ref = '$1'")" \
    "$(pdftotext "$pdf" -)"
}
# Who runs the store's print queue, as it says in the store. (Not by trying
# its lock: a probe that takes the lock for an instant makes the very program
# it waits for find the queue taken.)
queue_held_by() { [[ $(sql "SELECT count(*) FROM print_queue_holders WHERE program = '$1'") -ge 1 ]]; }

# --- 1. The eve: the kiosk starts, closed, and says when check-in opens --------------------------
start_kiosk eve kiosk.toml "$(offset_to '2026-12-02 20:00:00')"
wait_started " day none next 1$"
wait_started " screen closed"
wait_started " screenshot .*closed"
scan "$(token_of E2E-BOTH)"
sleep 1
expect_eq "on the eve a scan records nothing" 0 "$(sql "SELECT count(*) FROM checkins")"
expect_eq "on the eve the kiosk stays closed" "closed" "$(grep ' screen ' "$trace" | tail -1 | awk '{ print $3 }')"
stop_kiosk

# --- 2. 23:59 on day 1, the print queue held by a desk's accueilctl print ------------------------
echo media-empty >"$cups_dir/fault"
before=$(printed_badges)  # (ippeveprinter may keep the desk's file while it waits for labels)
accueilctl print E2E-DESK --printer desk --printers printers.toml --timeout 120 >"$work/desk.out" 2>&1 &
desk_pid=$!
on_timeout() { echo "accueilctl print said: $(cat "$work/desk.out")"; }
wait_until 60 "accueilctl print holding the store's print queue" queue_held_by "accueilctl print"
unset -f on_timeout
start_kiosk night kiosk.toml "$(offset_to '2026-12-03 23:59:15')"
wait_started " day 1$"
wait_started " print_queue waiting"
expect_contains "the kiosk's log says why it does not print" "another program runs the print queue" "$(cat "$log")"
wait_started " screen welcome"
scan "$(token_of E2E-BOTH)"
wait_for " decision ok" 10
wait_for " print reception" 5
wait_for " screen printer_trouble" 5
wait_for " screenshot .*printer_trouble" 10
expect_eq "checked in on day 1 although the queue is elsewhere" 1 "$(checkins_on E2E-BOTH 1)"
expect_eq "the badge is on the reception list" reception \
  "$(sql "SELECT state FROM print_requests WHERE attendee_id = '$(id_of E2E-BOTH)'")"
tap ok
wait_for " screen welcome" 5
# The desk's printer gets its labels: accueilctl prints and lets go; the kiosk takes the queue.
rm -f "$cups_dir/fault"
wait "$desk_pid" || fail "accueilctl print: $(cat "$work/desk.out")"
desk_pid=
wait_started " print_queue started" 10
check_printed E2E-DESK "$before"
sleep 2
expect_eq "only the desk's badge printed, not the one sent to reception" $((before + 1)) "$(printed_badges)"
expect_eq "still on the reception list" reception \
  "$(sql "SELECT state FROM print_requests WHERE attendee_id = '$(id_of E2E-BOTH)'")"

# Midnight in Paris, with the kiosk running.
wait_started " day 2$" 60
seen=$(wc -l <"$trace")
before=$(printed_badges)
scan "$(token_of E2E-BOTH)"
wait_for " decision ok" 10
wait_for " screen done" 30
expect_eq "the day-1 person is checked in for day 2" 1 "$(checkins_on E2E-BOTH 2)"
check_printed E2E-BOTH "$before"
before=$(printed_badges)
scan "$(token_of E2E-DAY2)"
wait_for " decision ok" 10
wait_for " screen done" 30
expect_eq "the day-2 person is welcome after midnight" 1 "$(checkins_on E2E-DAY2 2)"
check_printed E2E-DAY2 "$before"
tap_back_to_welcome() {
  xdotool key Escape
  wait_for " screen welcome" 10
}
tap_back_to_welcome

# Find my name: nobody cancelled, no VIP; a known name is found.
search_for() {  # search_for TEXT EXPECTED_COUNT
  tap find
  wait_for " screen find_name" 5
  type_slowly "$1"
  wait_until 10 "\"$1\" to find $2 (found $(last_results))" results_are "$2"
}
search_for desist 0
xdotool key Escape
wait_for " screen welcome" 5
search_for ministrel 0
xdotool key Escape
wait_for " screen welcome" 5
# Someone who is already in today, found by name: "please see reception", nothing more.
search_for moncond 1
wait_started " widget result:0 "
tap result:0
wait_for " screen confirm" 5
tap confirm:yes
wait_for " decision already_checked_in" 10
wait_for " screen refused" 5
wait_for " screenshot .*refused-private" 10
# With the ticket, its holder still learns when they checked in.
scan "$(token_of E2E-BOTH)"
wait_for " decision already_checked_in" 10
wait_for " screenshot .*refused-already_checked_in" 10
expect_eq "refusals record nothing" 1 "$(checkins_on E2E-BOTH 2)"
stop_kiosk

# --- 3. A rehearsal on the eve, with the e-mail check after a name search -------------------------
{ cat "$sample_event" && printf '\n[name_search]\ncheck = "email"\n'; } >event-check.toml
kiosk_config rehearsal.toml e2e-rehearsal 'rehearsal_day = 2' 'event = "event-check.toml"'
start_kiosk rehearsal rehearsal.toml "$(offset_to '2026-12-02 20:00:00')"
wait_started " day 2 rehearsal$"
wait_started " screenshot .*welcome"
wait_started " widget find "
search_for verifi 1
wait_started " widget result:0 "
tap result:0
wait_for " screen confirm" 5
tap confirm:yes
wait_for " screen verify" 5
type_slowly xyz
xdotool key Return
sleep 1
expect_eq "a wrong answer checks nobody in" 0 "$(decisions_since_seen)"
expect_eq "still asked" "verify" "$(grep ' screen ' "$trace" | tail -1 | awk '{ print $3 }')"
before=$(printed_badges)
type_slowly ine
wait_for " widget verify:ok " 5
tap verify:ok
wait_for " decision ok" 10
wait_for " screen done" 30
expect_eq "the rehearsal checks in for day 2" 1 "$(checkins_on E2E-MAIL 2)"
expect_eq "by the rehearsal kiosk" "e2e-rehearsal" "$(sql "SELECT kiosk FROM checkins WHERE attendee_id = '$(id_of E2E-MAIL)'")"
check_printed E2E-MAIL "$before"
stop_kiosk

# --- 4. The store busy with a writer as the kiosk starts: the window does not wait for the queue --
# Starting the print queue writes to the store (who runs it); a writer that
# holds the store (an import, say) makes it wait, up to the store's 5 s. The
# writer holds it here until the kiosk has drawn its first frame.
mkfifo "$work/writer"
sqlite3 "$ACCUEIL_DB" <"$work/writer" >"$work/writer.log" 2>&1 &
writer_pid=$!
exec 7>"$work/writer"
# The probe below takes the store for an instant too: with no busy timeout, a
# writer slow to start (a loaded CI machine) would fail its BEGIN against the
# probe and never hold the store.
printf '%s\n' ".timeout 20000" "BEGIN IMMEDIATE;" >&7
store_free() { sqlite3 "$ACCUEIL_DB" "BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1; }
store_held() { ! store_free; }
wait_until 10 "the writer holding the store" store_held
start_kiosk busy kiosk.toml "$(offset_to '2026-12-04 10:00:00')"
# The order is what counts: the first frame, then anything from the queue.
expect_eq "the first frame came before the print queue's start ended" " first_frame" \
  "$(grep -o -m1 -e ' first_frame' -e ' print_queue ' "$trace")"
echo "COMMIT;" >&7
exec 7>&-
wait_started " print_queue started" 20
wait_started " screen welcome"
stop_kiosk

echo "screenshots: $(cd "$shots" && ls -R | tr '\n' ' ')"
passed
