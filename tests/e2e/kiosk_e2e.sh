#!/usr/bin/env bash
# The kiosk end to end, in one language: the real accueil binary in an Xvfb
# display whose keyboard is French AZERTY (setxkbmap fr), printing through a
# real cupsd to an ippeveprinter (tests/integration/cups_lib.sh).
#
#   - A US-layout scanner's key events for a signed ticket (raw X keycodes with
#     xdotool, as the scanner's firmware sends them): the check-in is in the
#     store and a badge with the right name and QR code reaches CUPS
#     (pdftotext, zbarimg).
#   - "Find my name" by tapping the on-screen keyboard (xdotool mousemove/click
#     on the touch targets the app reports in its trace): the same checks.
#   - Every refusal; printer trouble, where the badge goes to the reception
#     list and never prints here, and "out of order" until the printer
#     comes back.
# A screenshot of every screen lands in SHOTS_DIR, kept after the run.
#
#   kiosk_e2e.sh BIN_DIR SOURCE_DIR LANGUAGE SHOTS_DIR
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../integration/lib.sh" "$1" "$2"
source "$here/../integration/cups_lib.sh"
source "$here/scanner.sh"
source "$here/kiosk_trace.sh"
lang=$3
shots=$4

for tool in Xvfb xdotool setxkbmap; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (deploy/setup.sh test installs it)"
done

checkins_of() { sql "SELECT count(*) FROM checkins WHERE kind = 'checkin' AND day = 1 AND attendee_id = '$(id_of "$1")'"; }

# --- The event, its registrations and tickets ------------------------------------------
cups_start
accueilctl init --event "$sample_event" >/dev/null || fail "init"
accueilctl keygen --secret "$ACCUEIL_SIGNING_KEY" --public key.pub >/dev/null || fail "keygen"
accueilctl demo-data --count 120 --seed 4 --out demo.csv >/dev/null || fail "demo-data"
accueilctl import demo.csv >/dev/null || fail "import demo.csv"
# The people the test looks for, in French and in English, with names nobody else has.
printf '%s\n' \
  "Référence;Code billet;Prénom;Nom;Prénom (latin);Nom (latin);Organisme;Catégorie;Pays;Langue;Jours;Statut" \
  "E2E-SCAN-fr;E2E-SCAN-FR;Hélène;Moncond'huy-Test;;;Ville de Poitiers;Élu·e;France;fr;1,2;Confirmé" \
  "E2E-SCAN-en;E2E-SCAN-EN;Արամ;Պետրոսյան;Aram;Petrosyan;Mairie d'Erevan;Délégation;Arménie;en;1,2;Confirmé" \
  "E2E-DAY2-fr;E2E-DAY2-FR;Mathilde;Lendemain;;;Ville de Lyon;Collectivité;France;fr;2;Confirmé" \
  "E2E-DAY2-en;E2E-DAY2-EN;Harry;Tomorrow;;;Glasgow City Council;Délégation;Royaume-Uni;en;2;Confirmé" \
  "E2E-GONE-fr;E2E-GONE-FR;Camille;Désistée;;;Ville de Nantes;Élu·e;France;fr;1,2;Annulé" \
  "E2E-GONE-en;E2E-GONE-EN;Oliver;Withdrawn;;;Bristol City Council;Délégation;Royaume-Uni;en;1,2;Annulé" \
  "E2E-LATE-fr;E2E-LATE-FR;Yuki;Yamada;;;Ville de Yokohama;Délégation;Japon;fr;1,2;Confirmé" \
  "E2E-LATE-en;E2E-LATE-EN;美咲;山田;Misaki;Yamada;Ville de Yokohama;Délégation;Japon;en;1,2;Confirmé" \
  >e2e.csv
accueilctl import e2e.csv >/dev/null || fail "import e2e.csv"
# Two people registered at the desk once the kiosk is running: "find my name"
# must find them without a restart.
printf '%s\n' \
  "Référence;Code billet;Prénom;Nom;Organisme;Catégorie;Pays;Langue;Jours;Statut" \
  "E2E-FIND-fr;E2E-FIND-FR;Ambroise;Zabulon;Ville de Brest;Élu·e;France;fr;1,2;Confirmé" \
  "E2E-FIND-en;E2E-FIND-EN;Winifred;Quackenbush;City of Atlanta;Délégation;États-Unis;en;1,2;Confirmé" \
  >walkins.csv
accueilctl tickets --out tickets >/dev/null || fail "tickets"
# A ticket of another event, signed with another key.
sed 's/^id = "rencontres-2026"/id = "salon-2027"/' "$sample_event" >other-event.toml
(
  export ACCUEIL_DB=$work/other.db ACCUEIL_SIGNING_KEY=$work/other.key
  accueilctl init --event other-event.toml && accueilctl keygen --secret other.key --public other.pub &&
    accueilctl import e2e.csv && accueilctl tickets --out other-tickets
) >/dev/null || fail "the other event"
other_token=$(awk -F, 'NR == 2 { print $9 }' other-tickets/tickets.csv)

printf '%s\n' \
  'store = "store.db"' 'kiosk = "e2e"' 'rehearsal_day = 1' 'printer = "desk"' 'print_timeout_s = 6' 'list_check_s = 1' \
  '[done_message]' "fr = \"Plénière d'ouverture à 9 h 30, salle Bordeaux.\"" \
  'en = "Opening plenary at 9:30 in room Bordeaux."' \
  '[scanner]' 'layout = "us"' \
  '[camera]' "device = \"$work/video-unplugged\"" \
  '[screen]' 'fullscreen = false' 'width = 1280' 'height = 800' \
  '[[printers]]' 'name = "desk"' 'uri = "cups:Badges"' 'media = "62x100"' 'template = "label-62x100"' \
  >kiosk.toml

# --- The display: Xvfb with a French keyboard ---------------------------------------------
# start_xvfb runs Xvfb with -noreset: without it, Xvfb resets its keyboard map when its last client
# (setxkbmap) disconnects, and the kiosk would start with a US keyboard.
xvfb_pid=
kiosk_pid=
kiosk_cleanup() {
  kill $kiosk_pid "$xvfb_pid" 2>/dev/null
  cups_cleanup
}
trap kiosk_cleanup EXIT
start_xvfb "$work"
setxkbmap fr || fail "setxkbmap fr"
expect_eq "the X keyboard is French" "fr" "$(setxkbmap -query | awk '/layout/ { print $2 }')"

rm -rf "$shots" && mkdir -p "$shots"
trace=$work/trace.txt
log=$work/kiosk.log
# A failure keeps the kiosk's trace and log beside the screenshots, for a person to read.
fail() {
  echo "FAIL: $*" >&2
  cp "$trace" "$shots/trace.txt" 2>/dev/null
  cp "$log" "$shots/kiosk.log" 2>/dev/null
  echo "(the kiosk's trace and log are in $shots)" >&2
  exit 1
}
accueil --config kiosk.toml --screenshots "$shots" --trace "$trace" >"$log" 2>&1 &
kiosk_pid=$!

seen=0
# wait_started PATTERN: start-up lines come in any order; look at the whole trace.
wait_started() { wait_until 20 "\"$1\" in the kiosk's trace" grep -qE "$1" "$trace"; }
screenshot_now() {
  kill -USR1 "$kiosk_pid"
  wait_for " screenshot " 5
}
# The badge CUPS printed last: its names in its text, its QR code decoded back.
printed_badges() { find "$cups_spool" -type f -name '*.pdf' | wc -l; }
printed_more_than() { (($(printed_badges) > $1)); }
check_printed() {  # check_printed REF COUNT_BEFORE
  wait_until 30 "a badge at CUPS for $1" printed_more_than "$2"
  local pdf latin native text
  pdf=$(ls -t "$cups_spool"/*.pdf | head -1)
  native=$(sql "SELECT last_name FROM attendees WHERE external_ref = '$1'")
  latin=$(sql "SELECT last_name_latin FROM attendees WHERE external_ref = '$1'")
  text=$(pdftotext "$pdf" -)
  expect_contains "the badge of $1 names them" "$native" "$text"
  [[ -z $latin ]] || expect_contains "the badge of $1 gives the Latin form" "$latin" "$text"
  pdftoppm -r 300 -png -singlefile "$pdf" "$work/badge" || fail "pdftoppm"
  expect_eq "the badge's QR code holds $1's ticket" "$(badge_code_of "$1")" "$(zbarimg --nodbus -q --raw "$work/badge.png")"
}

wait_started " first_frame"
# No GPU here (no render node under /dev/dri, as on Xvfb): SDL's software renderer
# draws, and OpenGL's software rasteriser (llvmpipe, ~85 MB resident) stays out.
if ! compgen -G "/dev/dri/renderD*" >/dev/null; then
  wait_started " renderer software"
  expect_eq "no OpenGL driver in the kiosk's memory" 0 "$(grep -cE 'libLLVM|_dri\.so|libGLX_mesa' "/proc/$kiosk_pid/maps")"
fi
wait_started " index "
# A camera named but not plugged in: the log says why there is no picture, and the rest goes on.
wait_until 10 "the kiosk's log saying the camera is missing" \
  grep -qF "camera: $work/video-unplugged: cannot open: No such file or directory; no preview" "$log"
xdotool search --sync --name '^Accueil$' windowfocus --sync >/dev/null 2>&1 || fail "no kiosk window"
wait_started " screenshot .*welcome"
# Each visit starts in the default language, French: choose ours.
choose_language() {
  [[ $lang == fr ]] && return 0
  tap "language:$lang"
  wait_for " screenshot .*welcome-$lang" 10
}
choose_language

# --- A scan: checked in, badge printed -------------------------------------------------------
before=$(printed_badges)
scan "$(token_of "E2E-SCAN-$lang")"
wait_for " scan " 5
wait_for " decision ok" 10
wait_for " screen printing" 5
wait_for " screenshot .*printing-$lang" 10
wait_for " screen done" 30
expect_eq "the scan checked E2E-SCAN-$lang in" 1 "$(checkins_of "E2E-SCAN-$lang")"
check_printed "E2E-SCAN-$lang" "$before"
wait_for " screenshot .*done-$lang" 10

# --- Each refusal, on its own screen ---------------------------------------------------------
refuse() {  # refuse CODE OUTCOME
  scan "$1"
  wait_for " decision $2" 10
  wait_for " screenshot .*refused-$2" 10
}
refuse "$(token_of "E2E-SCAN-$lang")" already_checked_in
refuse "$(token_of "E2E-DAY2-$lang")" not_registered_today
refuse "E2E-GONE-${lang^^}" cancelled  # no ticket was issued after cancelling: the plain code
refuse "RIC26-999999-ZZ" unknown
token=$(token_of "E2E-LATE-$lang")
refuse "${token:0:40}$([[ ${token:40:1} == A ]] && echo B || echo A)${token:41}" invalid_signature
refuse "$other_token" other_event
expect_eq "refusals record nothing" 1 "$(sql "SELECT count(*) FROM checkins")"
tap ok
wait_for " screen welcome" 5
choose_language

# --- Find my name on the on-screen keyboard, for someone registered a moment ago ------------
accueilctl import walkins.csv >/dev/null || fail "import walkins.csv"
wait_for " index $(sql "SELECT count(*) FROM attendees WHERE status = 'active' AND vip = 0")\$" 10
[[ $lang == fr ]] && last=zabul || last=quack
before=$(printed_badges)
tap find
wait_for " screen find_name" 5
wait_for " widget key:${last:0:1} " 5
for ((i = 0; i < ${#last}; i++)); do
  tap "key:${last:i:1}"
  sleep 0.15
done
wait_for " widget result:0 " 10
screenshot_now
tap result:0
wait_for " screen confirm" 5
wait_for " screenshot .*confirm-$lang" 10
tap confirm:yes
wait_for " decision ok" 10
wait_for " screen done" 30
expect_eq "find my name checked E2E-FIND-$lang in" 1 "$(checkins_of "E2E-FIND-$lang")"
check_printed "E2E-FIND-$lang" "$before"

# --- Printer trouble: the attendee is sent to reception and so is the badge; the kiosk is out of order ---
# The badge does not come out here, unattended, once the labels are back: it is
# on the reception list, and the desk prints it from there.
echo media-empty >"$cups_dir/fault"
fault_mark=$(($(wc -l <"$trace") + 1))
scan "$(token_of "E2E-LATE-$lang")"
wait_for " decision ok" 10
wait_for " screen printer_trouble" 30
wait_for " screenshot .*printer_trouble-$lang" 10
expect_eq "the check-in is kept" 1 "$(checkins_of "E2E-LATE-$lang")"
late_id=$(sql "SELECT max(id) FROM print_requests WHERE attendee_id = '$(id_of "E2E-LATE-$lang")'")
late_on_list() { [[ $(sql "SELECT state FROM print_requests WHERE id = $late_id") == reception ]]; }
wait_until 20 "the badge of E2E-LATE-$lang on the reception list" late_on_list
# Jobs of this request ippeveprinter ended, and those it completed.
jobs_of_late() {
  ipptool -tv "ipp://localhost:$ipp_port/ipp/print" get-completed-jobs.test 2>/dev/null |
    awk -v want="= Badge $late_id:" -v only="$1" '/job-name/ { mine = index($0, want) > 0 }
                                                 /job-state \(enum\)/ && mine && $0 ~ only { n++ } END { print n + 0 }'
}
late_job_ended() { (($(jobs_of_late .) > 0)); }
tap ok
wait_for " screen out_of_order" 15
wait_for " screenshot .*out_of_order" 10
scan "$(token_of "E2E-FIND-$lang")"  # someone tries anyway
sleep 1
expect_eq "out of order: nobody is checked in" 0 "$(tail -n +$((seen + 1)) "$trace" | grep -c ' decision ')"
rm -f "$cups_dir/fault"  # labels loaded
wait_until 30 "ippeveprinter to end the stopped job" late_job_ended
sleep 3
expect_eq "no badge came out for the attendee sent to reception" 0 "$(jobs_of_late completed)"
expect_eq "nor any badge at all" 0 "$(tail -n +"$fault_mark" "$trace" | grep -c ' print printed')"
expect_eq "it waits on the reception list" reception "$(sql "SELECT state FROM print_requests WHERE id = $late_id")"
expect_contains "saying why" "collect it at reception" "$(sql "SELECT detail FROM print_requests WHERE id = $late_id")"
# The desk prints it on the kiosk's printer: the kiosk runs the store's queue
# and serves printer desk, so it prints it, once. (CUPS keeps the stopped
# job's media-empty-warning on its idle queue until a job runs: this job is
# what brings the kiosk back.)
before=$(printed_badges)
accueilctl reception print "$late_id" --printer desk --printers kiosk.toml --operator desk-e2e >reception.out 2>&1 ||
  fail "accueilctl reception print: $(cat reception.out)"
expect_contains "left to the kiosk's queue" "accueil kiosk e2e" "$(cat reception.out)"
check_printed "E2E-LATE-$lang" "$before"
expect_eq "completed once" 1 "$(jobs_of_late completed)"
wait_for " printer available" 30
wait_for " screen welcome" 5

echo "screenshots: $(ls "$shots" | tr '\n' ' ')"
passed
