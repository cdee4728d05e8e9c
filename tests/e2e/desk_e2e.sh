#!/usr/bin/env bash
# The reception desk end to end: the real accueil --desk under Xvfb, driven
# by xdotool on the touch targets it reports in its trace. A wrong PIN is
# refused and makes the next try wait, the right one opens the staff screens;
# staff find someone by typing, check them in for a day and reprint their
# badge (one event each, with the operator, queued for the desk's printer),
# undo the check-in, which asks why first (Esc changes nothing; a reason
# picked by its number, confirmed by a tap, shows in accueilctl audit);
# then lock. The PIN appears nowhere: not in the store, the trace or the log.
# Then the forms: a misspelt name is corrected with the badge preview redrawn
# as it is typed and printed (the PDF at a real CUPS says the corrected name:
# pdftotext); a reprint for "other" needs its text; VIP and "see reception";
# a walk-in typed without accents is warned as a duplicate, another one is
# registered and found afterwards as a kiosk finds names; a delegation is
# checked in as one batch, its head's badge first. A screenshot of every
# staff screen, in French and in English, lands in SHOTS_DIR.
#
#   desk_e2e.sh BIN_DIR SOURCE_DIR SHOTS_DIR
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../integration/lib.sh" "$1" "$2"
source "$here/../integration/cups_lib.sh"
source "$here/kiosk_trace.sh"
shots=$3

for tool in Xvfb xdotool; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (deploy/setup.sh test installs it)"
done

cups_start
accueilctl init --event "$sample_event" >/dev/null || fail "init"
accueilctl demo-data --count 200 --seed 5 --out demo.csv >/dev/null || fail "demo-data"
accueilctl import demo.csv >/dev/null || fail "import"
printf '%s\n' \
  "Référence;Code billet;Prénom;Nom;Organisme;Catégorie;Pays;Langue;Jours;Statut;E-mail" \
  "DESK-1;DESK-1;Hélène;Zabulon-Desk;Ville de Poitiers;Élu·e;France;fr;1,2;Confirmé;helene.zabulon@poitiers.fr" \
  "DESK-2;DESK-2;Jean-Marc;Dupnotx;Ville de Dijon;Élu·e;France;fr;1,2;Confirmé;" \
  "DESK-3;DESK-3;Émilie;Lefèvre;Mairie de Lyon;Élu·e;France;fr;1,2;Confirmé;" \
  >desk.csv
printf '%s\n' \
  "Référence;Code billet;Prénom;Nom;Organisme;Fonction;Catégorie;Pays;Langue;Jours;Statut;Délégation" \
  "DEL-1;DEL-1;Hanako;Yamada;Ville de Kyoto;Interprète;Délégation étrangère;Japon;en;1,2;Confirmé;Délégation du Japon" \
  "DEL-2;DEL-2;花子;山田;京都市;Maire;Délégation étrangère;Japon;en;1,2;Confirmé;Délégation du Japon" \
  "DEL-3;DEL-3;Kenji;Sato;Ambassade du Japon;Chef de délégation;Délégation étrangère;Japon;en;1,2;Confirmé;Délégation du Japon" \
  "DEL-4;DEL-4;فاطمة;الزهراء;Ville de Tunis;Adjointe;Délégation étrangère;Tunisie;fr;1,2;Confirmé;Délégation de Tunisie" \
  "DEL-5;DEL-5;Անի;Հակոբյան;Erevan;Maire;Délégation étrangère;Arménie;fr;1,2;Confirmé;Délégation d'Arménie" \
  "DEL-6;DEL-6;Andrianampoinimerinatompokoindrindra;Rakotoarisoa-Ravalomanana-Andriamanjato;Région Analamanga;Chef de délégation et directeur général des collectivités territoriales décentralisées de la région Analamanga;Délégation étrangère;Madagascar;fr;1,2;Confirmé;Délégation de la République de Madagascar et des collectivités territoriales de la région Analamanga" \
  "DEL-7;DEL-7;Hery;Rasoanaivo;Commune urbaine d'Antananarivo;Premier adjoint au maire chargé des relations internationales et de la coopération décentralisée;Délégation étrangère;Madagascar;fr;1,2;Confirmé;Délégation de la République de Madagascar et des collectivités territoriales de la région Analamanga" \
  "DEL-8;DEL-8;Wolfgang-Johann;Schmidt-Rottluff;Ville de Dresde;Conseiller;Délégation étrangère;Madagascar;fr;1,2;Confirmé;Délégation de la République de Madagascar et des collectivités territoriales de la région Analamanga" \
  >delegations.csv
# A delegation of ten: longer than the members' list on screen.
for i in $(seq 1 10); do
  echo "DEL-W$i;DEL-W$i;Wei;Zhang-$i;Ville de Qiqihar;Adjoint au maire;Délégation étrangère;Chine;en;1,2;Confirmé;Délégation de Qiqihar"
done >>delegations.csv
accueilctl import delegations.csv >/dev/null || fail "import delegations.csv"
accueilctl import desk.csv >/dev/null || fail "import desk.csv"
echo 482916 | accueilctl staff add Camille --role desk >/dev/null || fail "staff add"
mkdir -p jobs
printf '%s\n' 'store = "store.db"' 'kiosk = "desk-1"' 'rehearsal_day = 1' 'printer = "desk"' \
  '[screen]' 'fullscreen = false' 'width = 1280' 'height = 800' \
  '[[printers]]' 'name = "desk"' 'uri = "cups:Badges"' 'media = "62x100"' 'template = "label-62x100"' >desk.toml
printf '%s\n' '[[printers]]' 'name = "desk"' 'uri = "cups:Badges"' 'media = "62x100"' 'template = "label-62x100"' \
  >printers.toml

xvfb_pid=
kiosk_pid=
trap 'kill $kiosk_pid "$xvfb_pid" 2>/dev/null; cups_cleanup' EXIT

start_xvfb "$work"

rm -rf "$shots" && mkdir -p "$shots"
trace=$work/trace.txt
log=$work/desk.log
fail() {
  echo "FAIL: $*" >&2
  cp "$trace" "$shots/trace.txt" 2>/dev/null
  cp "$log" "$shots/desk.log" 2>/dev/null
  exit 1
}
accueil --desk --config desk.toml --screenshots "$shots" --trace "$trace" >"$log" 2>&1 &
kiosk_pid=$!
seen=0
wait_for " first_frame" 20
wait_for " shown pin"
# Digits one by one, slower than a scanner's burst.
keys() { xdotool key --delay 120 "$@"; }

tap staff:Camille
keys 1 2 3 4 Return
wait_for " pin wrong"
# The terminal waits a second before the next try (unit tests cover the rest).
sleep 1.1
keys 4 8 2 9 1 6 Return
wait_for " pin right"
wait_for " screen find"

xdotool type --delay 120 "zabulon"
wait_for " results 1"
keys Return
wait_for " screen person"
wait_for " person Hélène Zabulon-Desk"
id=$(id_of DESK-1)

# Not checked in yet: "undo" is disabled (a tap does nothing), and the
# reprint button keeps its place when the history gains a row.
widget_rect() { grep " widget $1 " "$trace" | tail -1 | cut -d' ' -f4-; }
wait_for " widget reprint:lost "
reprint_before=$(widget_rect reprint:lost)
mark=$seen
tap undo
sleep 0.3
tap checkin:1
wait_for " notice Checked in Hélène Zabulon-Desk for day 1"
checks=$((checks + 1))
! tail -n +$((mark + 1)) "$trace" | grep -q " screen undo" || fail "the undo button opened with nothing to undo"
expect_eq "checked in by Camille at desk-1" "checkin|Camille|desk-1|1" \
  "$(sql "SELECT kind || '|' || operator || '|' || kiosk || '|' || day FROM checkins WHERE attendee_id = '$id'")"
wait_for " person Hélène Zabulon-Desk"
# The desk runs its printer's queue: the badge of the check-in comes out first.
first_printed() { [[ $(sql "SELECT state FROM print_requests WHERE attendee_id = '$id'") == printed ]]; }
wait_until 20 "the check-in's badge printed at the desk" first_printed
expect_eq "the reprint button did not move when the history grew" "$reprint_before" "$(widget_rect reprint:lost)"
tap reprint:lost
wait_for " notice Badge reprinted \\(lost\\)"
expect_eq "reprint logged" "reprint|Camille|lost" \
  "$(sql "SELECT kind || '|' || operator || '|' || reason FROM checkins WHERE attendee_id = '$id' ORDER BY seq DESC LIMIT 1")"
expect_eq "two badges for the desk's printer" "desk|desk|lost" \
  "$(sql "SELECT group_concat(printer, '|') || '|' || max(reason) FROM print_requests WHERE attendee_id = '$id'")"
# The desk runs the print queue of its printers: both badges come out.
both_printed() { [[ $(sql "SELECT count(*) FROM print_requests WHERE attendee_id = '$id' AND state = 'printed'") == 2 ]]; }
wait_until 20 "both badges printed at the desk" both_printed
expect_eq "the reprint's QR code is numbered" "DESK-1#2" \
  "$(sql "SELECT ticket_code || '#' || (1 + count(*)) FROM checkins JOIN attendees a ON a.id = attendee_id WHERE attendee_id = '$id' AND kind = 'reprint'")"

# Undo asks why first: Esc leaves it undone; a reason's number then a tap on "undo" records it.
tap undo
wait_for " screen undo"
wait_for " screenshot .*desk-undo-fr"
keys Escape
wait_for " screen person"
tap undo
wait_for " screen undo"
wait_for " shown undo"
keys 2
tap undo:confirm
wait_for " notice Check-in of day 1 undone: checked in by mistake or for the wrong day\\."
expect_eq "one undo, with the reason chosen, in the audit" "undo Camille by-mistake" \
  "$(accueilctl audit --staff --json | jq -r '[.events[] | select(.kind == "undo") | .kind + " " + .operator + " " + .reason] | join("|")')"

source "$here/desk_forms_e2e.sh"

tap lock
wait_for " screen pin"
# ... then the two of the Japanese delegation and the ten of Qiqihar's.
expect_eq "audit" "checkin Camille|reprint Camille|undo Camille|checkin Camille|correction Camille|reprint Camille|reprint Camille|correction Camille|correction Camille|walkin Camille$(printf '|checkin Camille%.0s' $(seq 13))" \
  "$(accueilctl audit --staff --json | jq -r '[.events[] | .kind + " " + .operator] | join("|")')"
expect_eq "PIN tries logged" "wrong|right" \
  "$(accueilctl audit --pins --json | jq -r '[.pin_attempts[].outcome] | join("|")')"
checks=$((checks + 1))
! grep -a -q 482916 "$trace" "$log" "$ACCUEIL_DB"* || fail "the PIN is in the trace, the log or the store"
for screen in pin find person correct reprint undo walkin delegation; do
  for language in fr en; do
    expect_eq "a screenshot of the $screen screen in $language" 1 \
      "$(find "$shots" -name "*desk-$screen-$language*.png" | head -1 | wc -l)"
  done
done
kill "$kiosk_pid"
wait "$kiosk_pid" 2>/dev/null

# The badges the desk queued print at a real CUPS: the corrected one says the corrected name.
expect_status "the desk's badges print" 0 env ACCUEIL_PRINTERS="$work/printers.toml" accueilctl print-queue --run --timeout 200
corrected=$(sql "SELECT id FROM print_requests WHERE attendee_id = '$(id_of DESK-2)' AND reason = 'name-corrected'")
expect_eq "the corrected badge printed" printed "$(sql "SELECT state FROM print_requests WHERE id = $corrected")"
# The check-in's badge, before the correction, has the typo (the mayor at the
# desk); the correction's badge never does, and nothing else printed it.
pdf=
misspelt=0
for f in $(printed_pdfs); do
  text=$(pdftotext "$f" -)
  [[ $text == *Dupnotx* ]] && misspelt=$((misspelt + 1))
  [[ $text == *Dupont* && -z $pdf ]] && pdf=$f
done
expect_eq "one badge with the misspelt name, the check-in's" 1 "$misspelt"
[[ -n $pdf ]] || fail "no PDF at CUPS says Dupont: $(printed_pdfs | tr '\n' ' ')"
expect_contains "the printed badge has the corrected name" "Jean-Marc" "$(pdftotext "$pdf" -)"
cp "$pdf" "$shots/corrected-badge.pdf"

# accueil --demo --desk: the demo event's desk, opened with the demo's PIN.
trace=$work/demo-trace.txt
seen=0
accueil --demo --desk --demo-dir "$work/demo" --window 1280x800 --trace "$trace" >"$log" 2>&1 &
kiosk_pid=$!
wait_for " shown pin" 30
tap staff:Démo
keys 0 0 0 0 Return
wait_for " pin right"
wait_for " screen find"
kill "$kiosk_pid"
wait "$kiosk_pid" 2>/dev/null
kiosk_pid=
passed
