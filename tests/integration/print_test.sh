#!/usr/bin/env bash
# accueilctl print and print-queue with printers that take printer bytes
# (file: URIs here: the same driver as USB, usblp and TCP, over a file). The
# jobs are read back with the encode tests' independent Brother QL reader
# (accueil_ql_explain) and the QR code of the printed raster with zbarimg.
#   print_test.sh BIN_DIR SOURCE_DIR CASE
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh" "$1" "$2"
case_name=$3

setup() {
  accueilctl init --event "$sample_event" >/dev/null || fail "init"
  accueilctl demo-data --count 5 --seed 11 --out demo.csv >/dev/null || fail "demo-data"
  accueilctl import demo.csv >/dev/null || fail "import"
  mkdir -p jobs
  cat >printers.toml <<EOF
[[printers]]
name = "desk"
uri = "file:$work/jobs/desk.prn:brother-ql-820nwb"
media = "62x100"
template = "label-62x100"

[[printers]]
name = "lost"
uri = "file:$work/no-such-folder/lost.prn:brother-ql-820nwb"
media = "62x100"
template = "label-62x100"
failover = "desk"

[[printers]]
name = "alone"
uri = "file:$work/no-such-folder/alone.prn:brother-ql-820nwb"
media = "62x100"
template = "label-62x100"
EOF
  export ACCUEIL_PRINTERS=$work/printers.toml
}

# The raster lines of a job, as the independent reader sees them, as a PBM.
raster_pbm() {  # raster_pbm JOB PAGE
  accueil_ql_explain --lines 90 "$1" | awk -v page="$2" '$2 == page' | awk -f "$here/ql_lines_to_pbm.awk"
}

case_file_printer_read_back() {
  setup
  local ref
  ref=$(ref_of 0)
  expect_status "print" 0 accueilctl print "$ref" --printer desk --json
  expect_eq "printed" printed "$(jq -r .state out)"
  expect_status "the reader knows every byte" 0 accueil_ql_explain jobs/desk.prn
  expect_contains "die-cut labels" "media type: die-cut labels" "$(cat out)"
  expect_contains "62 mm wide" "media width: 62 mm" "$(cat out)"
  expect_contains "100 mm long" "media length: 100 mm" "$(cat out)"
  expect_eq "one label of 1109 raster lines" 1109 "$(accueil_ql_explain --lines 90 jobs/desk.prn | wc -l)"
  raster_pbm jobs/desk.prn 1 >badge.pbm
  expect_eq "the printed QR code holds the badge code" "$(badge_code_of "$ref")" "$(zbarimg --nodbus -q --raw badge.pbm)"
  expect_status "printed once" 3 accueilctl print "$ref" --printer desk
}

case_queued_then_run() {
  setup
  local i
  for i in 1 2 3; do
    expect_status "queue $i" 0 accueilctl print "$(ref_of "$i")" --printer desk --no-wait --json
    expect_eq "queued $i" queued "$(jq -r .state out)"
  done
  expect_status "list" 0 accueilctl print-queue --state queued --json
  expect_eq "three queued" 3 "$(jq '.requests | length' out)"
  expect_status "run" 0 accueilctl print-queue --run --timeout 60
  expect_eq "all printed" 3 "$(sql "SELECT count(*) FROM print_requests WHERE state = 'printed'")"
  expect_eq "three labels" 3 "$(accueil_ql_explain --lines 90 jobs/desk.prn | awk '{ print $2 }' | sort -u | wc -l)"
  raster_pbm jobs/desk.prn 3 >third.pbm
  expect_eq "the third is the third's" "$(badge_code_of "$(ref_of 3)")" "$(zbarimg --nodbus -q --raw third.pbm)"
}

case_failover() {
  setup
  expect_status "print on a printer that cannot" 0 accueilctl print "$(ref_of 0)" --printer lost --json
  expect_eq "printed" printed "$(jq -r .state out)"
  expect_eq "by its failover" desk "$(jq -r .printer out)"
  expect_eq "asked of" lost "$(jq -r .requested_printer out)"
  expect_eq "one label" 1109 "$(accueil_ql_explain --lines 90 jobs/desk.prn | wc -l)"
}

case_offline_kept_then_cancelled() {
  setup
  expect_status "print on a printer that is not there" 4 accueilctl print "$(ref_of 0)" --printer alone --timeout 2 \
    --json --language en
  local id
  id=$(jq -r .id out)
  expect_eq "kept" queued "$(jq -r .state out)"
  expect_eq "offline" offline "$(jq -r .problem out)"
  expect_contains "the printer's words" "no-such-folder/alone.prn" "$(jq -r .detail out)"
  expect_contains "says what to do" "print-queue --cancel $id" "$(cat err)"
  expect_status "cancel" 0 accueilctl print-queue --cancel "$id" --json
  expect_eq "cancelled" cancelled "$(jq -r '.cancelled[0].result' out)"
  expect_eq "in the store" cancelled "$(sql "SELECT state FROM print_requests WHERE id = $id")"
  expect_status "again" 0 accueilctl print-queue --cancel "$id" --json
  expect_contains "too late" "too late" "$(jq -r '.cancelled[0].result' out)"
}

case_mistakes() {
  accueilctl init --event "$sample_event" >/dev/null || fail "init"
  accueilctl demo-data --count 2 --out demo.csv >/dev/null && accueilctl import demo.csv >/dev/null || fail "import"
  expect_status "no printers configured" 1 accueilctl print "$(ref_of 0)" --printer desk
  expect_contains "says how" "no printers are configured" "$(cat err)"
  printf '[[printers]]\nname = "desk"\nuri = "usb:epson"\nmedia = "62x100"\n' >bad.toml
  expect_status "a bad URI" 1 accueilctl print "$(ref_of 0)" --printer desk --printers bad.toml
  expect_contains "where and why" "bad.toml:1: printers[1] (desk): printer URI \"usb:epson\"" "$(cat err)"
  setup
  expect_status "unknown printer" 1 accueilctl print "$(ref_of 0)" --printer lobby
  expect_contains "lists them" "the printers are: desk, lost, alone" "$(cat err)"
  expect_status "unknown attendee" 1 accueilctl print NOBODY --printer desk
  expect_contains "says who" "NOBODY" "$(cat err)"
  expect_status "printers" 0 accueilctl printers --no-usb --no-cups --json
  expect_eq "three configured" 3 "$(jq '.configured | length' out)"
  expect_eq "desk ready" ready "$(jq -r '.configured[] | select(.name == "desk") | .state.readiness' out)"
  expect_eq "alone offline" offline "$(jq -r '.configured[] | select(.name == "alone") | .state.problem' out)"
}

# Labels in a job file, as the independent reader counts them.
labels_in() { if [[ -f $1 ]]; then accueil_ql_explain --lines 90 "$1" | awk '{ print $2 }' | sort -u | wc -l; else echo 0; fi; }
state_of() { sql "SELECT state FROM print_requests WHERE id = $1"; }

case_timed_out_print_twice() {
  setup
  local ref id
  ref=$(ref_of 0)
  expect_status "the printer is not there: times out" 4 accueilctl print "$ref" --printer alone --timeout 1 --json
  id=$(jq -r .id out)
  expect_eq "kept" queued "$(jq -r .state out)"
  # The operator tries again: refused while the first is still on its way.
  expect_status "a second print is refused" 3 accueilctl print "$ref" --printer alone --timeout 1 --json --language en
  expect_contains "says which request" "already queued on alone" "$(cat err)"
  expect_contains "says how to go on" "print-queue --cancel $id" "$(cat err)"
  expect_eq "no second request" 1 "$(sql "SELECT count(*) FROM print_requests")"
  expect_status "nor on another printer" 3 accueilctl print "$ref" --printer desk --timeout 1
  mkdir -p no-such-folder  # the printer is back
  expect_status "run" 0 accueilctl print-queue --run --timeout 60
  expect_eq "printed" printed "$(state_of "$id")"
  expect_eq "one label in all" 1 "$(labels_in no-such-folder/alone.prn)"
  expect_eq "none at the desk" 0 "$(labels_in jobs/desk.prn)"
  expect_status "forced, with a reason" 0 accueilctl print "$ref" --printer desk --reprint "smudged" --day 1
  expect_eq "the reprint printed" 1 "$(labels_in jobs/desk.prn)"
}

case_reception_list() {
  setup
  local ref other id other_id
  ref=$(ref_of 1)
  other=$(ref_of 2)
  expect_status "times out" 4 accueilctl print "$ref" --printer alone --timeout 1 --json
  id=$(jq -r .id out)
  expect_status "times out" 4 accueilctl print "$other" --printer alone --timeout 1 --json
  other_id=$(jq -r .id out)
  expect_status "the desk takes it" 0 accueilctl reception take "$id" --operator Inès --json
  expect_eq "moved" "on the reception list" "$(jq -r .result out)"
  expect_eq "in the store" reception "$(state_of "$id")"
  expect_status "and the other" 0 accueilctl reception take "$other_id"
  mkdir -p no-such-folder  # the printer is back: it must not print them
  expect_status "run" 0 accueilctl print-queue --run --timeout 10
  expect_eq "nothing printed where the attendees were" 0 "$(labels_in no-such-folder/alone.prn)"
  expect_eq "still on the list" "reception reception" "$(state_of "$id") $(state_of "$other_id")"
  expect_status "list" 0 accueilctl reception list --json
  expect_eq "listed" "$id $other_id" "$(jq -r '[.reception[].id] | join(" ")' out)"
  expect_eq "with the attendee" "$ref" "$(jq -r '.reception[0].attendee.external_ref' out)"
  expect_status "a new print is refused while it waits there" 3 accueilctl print "$ref" --printer desk
  expect_contains "points to the list" "reception print $id" "$(cat err)"
  expect_status "printed from the list at the desk" 0 accueilctl reception print "$id" --printer desk --operator Inès
  expect_eq "printed" printed "$(state_of "$id")"
  expect_eq "one label, at the desk" 1 "$(labels_in jobs/desk.prn)"
  expect_status "not twice" 3 accueilctl reception print "$id" --printer desk
  expect_contains "says where it is" "not on the reception list: it is printed" "$(cat err)"
  # The other handed over by hand: it never prints.
  expect_status "handed" 0 accueilctl reception done "$other_id" --operator Inès
  expect_eq "handed" handed "$(state_of "$other_id")"
  expect_status "run" 0 accueilctl print-queue --run --timeout 10
  expect_eq "still one label at the desk, none at the printer" "1 0" \
    "$(labels_in jobs/desk.prn) $(labels_in no-such-folder/alone.prn)"
  expect_status "served once: refused" 3 accueilctl print "$other" --printer desk
  expect_contains "says it was handed" "handed at reception" "$(cat err)"
  expect_status "help" 0 accueilctl reception --help
  expect_contains "help names the actions" "take" "$(cat out)"
}

case_old_request_after_restart() {
  setup
  printf '\n[[printers]]\nname = "slow"\nuri = "file:%s/slow-folder/slow.prn:brother-ql-820nwb"\nmedia = "62x100"\ntemplate = "label-62x100"\nmax_wait_s = 2\n' \
    "$work" >>printers.toml
  local id
  expect_status "times out" 4 accueilctl print "$(ref_of 3)" --printer slow --timeout 1 --json
  id=$(jq -r .id out)
  mkdir -p slow-folder
  sleep 2.5  # nobody ran the queue meanwhile; the printer is back when it restarts
  expect_status "restart" 0 accueilctl print-queue --run --timeout 10
  expect_eq "on the reception list" reception "$(state_of "$id")"
  expect_contains "says why" "more than its max_wait_s of 2 s" "$(sql "SELECT detail FROM print_requests WHERE id = $id")"
  expect_eq "not printed" 0 "$(labels_in slow-folder/slow.prn)"
  printf '[[printers]]\nname = "p"\nuri = "file:/dev/null:brother-ql-820nwb"\nmedia = "62x100"\nmax_wait_s = "ten"\n' >bad.toml
  expect_status "a bad max_wait_s" 1 accueilctl print "$(ref_of 4)" --printer p --printers bad.toml
  expect_contains "where and why" "bad.toml:1: printers[1] (p): max_wait_s must be a whole number" "$(cat err)"
  # A float past any integer's range: refused alike (toml++ casts it first).
  printf '[[printers]]\nname = "p"\nuri = "file:/dev/null:brother-ql-820nwb"\nmedia = "62x100"\nmax_wait_s = 1e300\n' >bad.toml
  expect_status "a float max_wait_s" 1 accueilctl print "$(ref_of 4)" --printer p --printers bad.toml
  expect_contains "where and why" "max_wait_s must be a whole number" "$(cat err)"
}

# A desk print while another program runs the store's queue: queued only
# when that program serves the printer, refused otherwise.
case_queue_held_elsewhere() {
  setup
  printf '[[printers]]\nname = "alone"\nuri = "file:%s/no-such-folder/alone.prn:brother-ql-820nwb"\nmedia = "62x100"\ntemplate = "label-62x100"\n' \
    "$work" >kiosk-printers.toml
  # It holds the queue, serving "alone" only, while its badge waits.
  accueilctl print "$(ref_of 0)" --printer alone --printers kiosk-printers.toml --timeout 30 >holder.out 2>holder.err &
  local holder_pid=$!
  holder_published() { [[ $(sql "SELECT printers FROM print_queue_holders") == alone ]]; }
  wait_until 10 "the holder's entry" holder_published
  expect_status "a printer it does not serve: refused" 1 accueilctl print "$(ref_of 1)" --printer desk --timeout 5
  expect_contains "says who" "is run by accueilctl print" "$(cat err)"
  expect_contains "says which printers" "prints on alone but not on desk" "$(cat err)"
  expect_eq "nothing queued for desk" 0 "$(sql "SELECT count(*) FROM print_requests WHERE printer = 'desk'")"
  expect_status "--no-wait too" 1 accueilctl print "$(ref_of 1)" --printer desk --no-wait
  expect_status "a printer it serves: left to it" 4 accueilctl print "$(ref_of 2)" --printer alone --timeout 2
  expect_contains "says who prints it" "runs the print queue" "$(cat err)"
  # Hung (stopped, its heartbeat old): nothing is left to it.
  kill -STOP "$holder_pid"
  sql "UPDATE print_queue_holders SET heartbeat_ms = heartbeat_ms - 60000"
  expect_status "a hung holder: refused" 1 accueilctl print "$(ref_of 3)" --printer alone --timeout 2
  expect_contains "says it may be hung" "no sign of life for 6" "$(cat err)"
  kill -CONT "$holder_pid"
  kill "$holder_pid"
  wait "$holder_pid" 2>/dev/null
  expect_status "nobody holds it: printed here" 0 accueilctl print "$(ref_of 1)" --printer desk
  expect_eq "one label at the desk" 1 "$(labels_in jobs/desk.prn)"
}

# A name with a character no installed font draws (an emoji): the import
# says so, and the badge prints without it, at the kiosk's printer as at the
# desk, with a warning the desk sees; its QR code still holds the badge code.
case_undrawable_name() {
  setup
  printf 'Ref;Nom;Prénom;Organisation;Catégorie\nE1;Lefèvre;Zoé \xf0\x9f\x98\x80;Mairie \xf0\x9f\x87\xab\xf0\x9f\x87\xb7;elu\nE2;Durand;Paul;Mairie;elu\n' >emoji.csv
  expect_status "import" 0 accueilctl import emoji.csv
  expect_contains "the import says which row" 'line 2, first_name: "Zoé 😀" prints as "Zoé" (U+1F600)' "$(cat out)"
  expect_contains "and which text" 'line 2, organisation: "Mairie 🇫🇷" prints as "Mairie" (U+1F1EB U+1F1F7)' "$(cat out)"
  expect_contains "counted" "2 names or texts have characters no badge font can draw" "$(cat out)"
  expect_status "import --json" 0 accueilctl import emoji.csv --dry-run --json
  expect_eq "listed in JSON" '[2,2]' "$(jq -c '[.undrawable[].line]' out)"
  expect_eq "imported all the same" 1 "$(sql "SELECT count(*) FROM attendees WHERE external_ref = 'E1'")"

  expect_status "print" 0 accueilctl print E1 --printer desk --json
  expect_eq "printed" printed "$(jq -r .state out)"
  expect_contains "the request keeps the warning" "U+1F600" "$(jq -r '.warnings[0]' out)"
  expect_contains "the desk is told" "accueilctl: warning: the badge of Zoé" "$(cat err)"
  expect_contains "what was left out" 'printed as "Zoé"' "$(cat err)"
  raster_pbm jobs/desk.prn 1 >badge.pbm
  expect_eq "the printed QR code holds the badge code" "$(badge_code_of E1)" "$(zbarimg --nodbus -q --raw badge.pbm)"
  expect_status "print-queue lists it" 0 accueilctl print-queue --state printed
  expect_contains "with its warning" "warning: the badge of Zoé" "$(cat out)"
}

"case_$case_name"
passed
