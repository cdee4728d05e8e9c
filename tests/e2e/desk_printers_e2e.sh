#!/usr/bin/env bash
# The desk's printers screen end to end, in French and in English: the real
# accueil --desk under Xvfb (xdotool on the touch targets it reports in its
# trace), a real cupsd with two ippeveprinters: "Badges" (the desk's printer,
# whose labels run out: media-empty injected through cups_lib.sh's fault
# file) and "Spare". A reprint waits at Badges, held by the trouble; staff
# move it to Spare from the printers screen, and the badge comes out there
# (the PDF Spare kept says the name: pdftotext), never at Badges. A badge put
# on the reception list is marked handed; a test label prints on Spare. Screenshots in SHOTS_DIR/{fr,en}.
#
#   desk_printers_e2e.sh BIN_DIR SOURCE_DIR SHOTS_DIR
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../integration/lib.sh" "$1" "$2"
source "$here/../integration/cups_lib.sh"
source "$here/kiosk_trace.sh"
shots=$3

for tool in Xvfb xdotool pdftotext ipptool; do
  command -v "$tool" >/dev/null || skip "$tool is not installed (deploy/setup.sh test installs it)"
done

cups_start
# The second printer: another ippeveprinter that prints whatever comes, kept in spare/.
spare_port=$(free_port)
mkdir -p "$work/spare" && chmod 777 "$work/spare"
ippeveprinter -p "$spare_port" -n localhost -r off -d "$work/spare" -k -P "$cups_dir/ql820nwb.ppd" -c /bin/true \
  -F application/pdf "Accueil spare $$" >"$cups_dir/log/spare.log" 2>&1 &
spare_pid=$!
wait_until 15 "the spare ippeveprinter" ipptool -q "ipp://localhost:$spare_port/ipp/print" get-printer-attributes.test
lpadmin -p Spare -E -v "ipp://localhost:$spare_port/ipp/print" -m everywhere || fail "lpadmin Spare"

accueilctl init --event "$sample_event" >/dev/null || fail "init"
printf '%s\n' \
  "Référence;Code billet;Prénom;Nom;Organisme;Catégorie;Pays;Langue;Jours;Statut;E-mail" \
  "PR-1;PR-1;Hélène;Zabulon-Printers;Ville de Poitiers;Élu·e;France;fr;1,2;Confirmé;helene@poitiers.fr" \
  "PR-2;PR-2;Kwame;Mensah-Reception;Ambassade du Ghana;Ambassade;Ghana;en;1,2;Confirmé;kwame@ghana.example" \
  >people.csv
accueilctl import people.csv >/dev/null || fail "import"
echo 482916 | accueilctl staff add Camille --role desk >/dev/null || fail "staff add"
# Checked in at a kiosk earlier: the desk reprints only a badge that was handed over.
accueilctl checkin PR-1 --day 1 --kiosk kiosk-1 >/dev/null || fail "checkin PR-1"
printers() {
  printf '%s\n' '[[printers]]' 'name = "desk"' 'uri = "cups:Badges"' 'media = "62x100"' 'template = "label-62x100"' \
    '[[printers]]' 'name = "spare"' 'uri = "cups:Spare"' 'media = "62x100"' 'template = "label-62x100"'
}
printers >printers.toml  # for accueilctl

xvfb_pid=
kiosk_pid=
trap 'kill $kiosk_pid $xvfb_pid $spare_pid 2>/dev/null; cups_cleanup' EXIT

start_xvfb "$work"
rm -rf "$shots" && mkdir -p "$shots"

keys() { xdotool key --delay 120 "$@"; }
fail() {
  echo "FAIL: $*$(cups_health)" >&2
  cp "$trace" "$shots/trace-$lang.txt" 2>/dev/null
  cp "$log" "$shots/desk-$lang.log" 2>/dev/null
  exit 1
}
on_timeout() { sql "SELECT id || ' ' || state || ' ' || printer || ' ' || problem || ' ' || detail FROM print_requests" | tr '\n' '|'; }
state_of() { sql "SELECT state || ':' || printer FROM print_requests WHERE id = $1"; }
is_state() { [[ $(state_of "$1") == "$2" ]]; }
# jobs_at_badges REQUEST [STATE]: jobs of that request ippeveprinter ended (in STATE).
jobs_at_badges() {
  ipptool -tv "ipp://localhost:$ipp_port/ipp/print" get-completed-jobs.test 2>/dev/null |
    awk -v want="= Badge $1:" -v only="${2:-.}" '/job-name/ { mine = index($0, want) > 0 }
                                                /job-state \(enum\)/ && mine && $0 ~ only { n++ } END { print n + 0 }'
}
newest_spare_pdf() { ls -t "$work/spare"/*.pdf | head -1; }
spare_pdfs() { find "$work/spare" -name '*.pdf' | sort; }

for lang in fr en; do
  printf '%s\n' 'store = "store.db"' 'kiosk = "desk-1"' 'rehearsal_day = 1' 'printer = "desk"' \
    "languages = [\"$lang\"]" '[screen]' 'fullscreen = false' 'width = 1280' 'height = 800' >desk.toml
  printers >>desk.toml
  trace=$work/trace-$lang.txt
  log=$work/desk-$lang.log
  seen=0
  mkdir -p "$shots/$lang"
  echo media-empty >"$cups_dir/fault"
  accueil --desk --config desk.toml --screenshots "$shots/$lang" --trace "$trace" >"$log" 2>&1 &
  kiosk_pid=$!
  wait_for " first_frame" 20
  queue_started() { grep -q " print_queue started" "$trace"; }
  wait_until 20 "the desk to run its printers' queue" queue_started
  tap staff:Camille
  keys 4 8 2 9 1 6 Return
  wait_for " pin right"
  wait_for " screen find"

  # A reprint for the desk's printer, which has no labels: its job waits at Badges.
  xdotool type --delay 120 "zabulon"
  wait_for " results 1"
  keys Return
  wait_for " person Hélène Zabulon-Printers"
  tap reprint:lost
  wait_for " notice Badge reprinted"
  id=$(sql "SELECT max(id) FROM print_requests WHERE attendee_id = '$(id_of PR-1)'")
  held() { [[ $(sql "SELECT state || ':' || problem FROM print_requests WHERE id = $id") == sending:media_empty ]]; }
  wait_until 30 "the reprint held at Badges by media-empty" held
  # The desk says so: the badge waits, in the printers screen's words, not "reprinted".
  wait_for " notice Reprint recorded \\(lost\\)\\. The badge is held at desk\\. media empty" 15
  [[ $lang == en ]] || wait_for " notice_shown Réimpression enregistrée \\(perdu\\)\\. Le badge est en attente sur desk\\. Plus d'étiquettes" 5

  # A badge a kiosk could not print, on the reception list.
  again=()
  [[ $lang == fr ]] || again=(--reprint "lost at the kiosk" --day 1)
  last_other=$(sql "SELECT coalesce(max(id), 0) FROM print_requests WHERE attendee_id = '$(id_of PR-2)'")
  accueilctl print PR-2 --printer desk --no-wait "${again[@]}" >print.out 2>&1
  other=$(sql "SELECT max(id) FROM print_requests WHERE attendee_id = '$(id_of PR-2)'")
  ((other > last_other)) || fail "accueilctl print did not queue PR-2's badge: $(cat print.out)"
  accueilctl reception take "$other" >take.out 2>&1 || fail "reception take: $(cat take.out)"
  wait_until 30 "the second badge on the reception list" is_state "$other" "reception:desk"

  tap printers
  wait_for " screen reception"
  wait_for " print_requests .*$id:sending:desk:media_empty.*$other:reception:desk"
  shots_now=$(grep -c " screenshot .*desk-reception-$lang" "$trace")
  ((shots_now > 0)) || wait_for " screenshot .*desk-reception-$lang" 10
  before=$(spare_pdfs | wc -l)
  tap "req:$id:move:spare"
  wait_for " printers_notice #$id → spare: stopping"
  wait_until 30 "the reprint printed at Spare" is_state "$id" "printed:spare"
  spare_has_more() { (($(spare_pdfs | wc -l) > before)); }
  wait_until 15 "Spare kept the badge" spare_has_more
  expect_contains "the badge at Spare is Hélène's" "Zabulon-Printers" "$(pdftotext "$(newest_spare_pdf)" - 2>&1)"

  wait_for " print_requests .*$other:reception:desk"
  tap "req:$other:handed"
  wait_until 10 "the second badge handed" is_state "$other" "handed:desk"
  expect_contains "handed by whom" "by Camille" "$(sql "SELECT detail FROM print_requests WHERE id = $other")"
  wait_for " print_requests none"
  # A test label on Spare: a made-up badge, no request, nothing in the log.
  before=$(spare_pdfs | wc -l)
  tap test:spare
  wait_for " printers_notice .*spare: (printed|imprimée)" 60
  wait_until 15 "Spare kept the test label" spare_has_more
  expect_contains "the test label" "Étiquette" "$(pdftotext "$(newest_spare_pdf)" - 2>&1)"

  # Reprint on a printer chosen on the person page.
  tap back
  wait_for " screen find"
  keys Return
  wait_for " screen person"
  rm -f "$cups_dir/fault"
  tap print_on:spare
  tap reprint:damaged
  wait_for " notice Badge reprinted"
  chosen=$(sql "SELECT max(id) FROM print_requests WHERE attendee_id = '$(id_of PR-1)'")
  wait_until 30 "the reprint printed on the printer chosen" is_state "$chosen" "printed:spare"
  # The labels are back at Badges: the job stopped for the move ends there, unprinted.
  badges_job_ended() { (($(jobs_at_badges "$id") > 0)); }
  wait_until 30 "Badges to end the job stopped for the move" badges_job_ended
  sleep 2
  expect_eq "the moved badge never came out at Badges" 0 "$(jobs_at_badges "$id" completed)"
  kill "$kiosk_pid"
  wait "$kiosk_pid" 2>/dev/null
  kiosk_pid=
  expect_eq "a screenshot of the printers screen in $lang" 1 \
    "$(find "$shots/$lang" -name "*desk-reception-$lang*.png" | head -1 | wc -l)"
done
passed
