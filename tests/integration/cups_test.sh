#!/usr/bin/env bash
# The CUPS path end to end: accueilctl print against a real cupsd whose queue
# ("Badges", made with lpadmin -m everywhere) prints to an ippeveprinter that
# plays a Brother QL-820NWB and keeps what it prints. The kept PDFs are read
# back with pdftotext and zbarimg; printer trouble is injected through
# ippeveprinter's print command (see cups_lib.sh).
#   cups_test.sh BIN_DIR SOURCE_DIR CASE
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh" "$1" "$2"
source "$here/cups_lib.sh"
case_name=$3

# A store with a few attendees and a printers' configuration naming the queue.
setup() {
  cups_start
  accueilctl init --event "$sample_event" >/dev/null || fail "init"
  accueilctl demo-data --count 6 --seed 3 --out demo.csv >/dev/null || fail "demo-data"
  accueilctl import demo.csv >/dev/null || fail "import"
  cat >printers.toml <<EOF
[[printers]]
name = "desk"
uri = "cups:Badges"
media = "62x100"
template = "label-62x100"
EOF
  export ACCUEIL_PRINTERS=$work/printers.toml
}

name_of() { sql "SELECT first_name || ' ' || last_name FROM attendees WHERE external_ref = '$1'"; }
request_field() { sql "SELECT $2 FROM print_requests WHERE id = $1"; }
last_request() { sql "SELECT max(id) FROM print_requests"; }
# Jobs ippeveprinter completed under this title (the queue names them "Badge N: who").
completed_jobs() {
  ipptool -tv "ipp://localhost:$ipp_port/ipp/print" get-completed-jobs.test 2>/dev/null |
    awk -v want="$1" '/job-name/ { name = $0; sub(/^[^=]*= /, "", name) }
                      /job-state \(enum\)/ && name == want && /completed/ { n++ } END { print n + 0 }'
}
# Whether ippeveprinter ended (completed, cancelled or aborted) a job of this title.
job_ended() {
  ipptool -tv "ipp://localhost:$ipp_port/ipp/print" get-completed-jobs.test 2>/dev/null | grep -qF "= $1"
}
# Reads a kept PDF back: its text, and the QR code of its page at 300 dpi.
check_badge() {  # check_badge PDF REF
  local pdf=$1 ref=$2
  [[ -s $pdf ]] || fail "no PDF was printed for $ref"
  local text
  text=$(pdftotext "$pdf" -) || fail "pdftotext could not read $pdf"
  local first last
  first=$(sql "SELECT first_name FROM attendees WHERE external_ref = '$ref'")
  last=$(sql "SELECT last_name FROM attendees WHERE external_ref = '$ref'")
  expect_contains "the badge names the attendee" "$first" "$text"
  expect_contains "the badge names the attendee" "$last" "$text"
  pdftoppm -r 300 -png -singlefile "$pdf" "$work/page" || fail "pdftoppm could not draw $pdf"
  expect_eq "the QR code holds the badge code" "$(badge_code_of "$ref")" "$(zbarimg --nodbus -q --raw "$work/page.png")"
  expect_eq "one page" 1 "$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')"
}
pdf_for() { find "$cups_spool" -name "*$1*.pdf" | head -1; }  # the PDF of request N ("badge_N_...")

# cupsd writes its configuration lazily: a clean restart writes the queue
# down, so that a crash loses only what a crash at a venue would (the job).
cups_settle() {
  cups_stop_scheduler
  cups_start_scheduler
  [[ -f $cups_dir/printers.conf ]] || fail "cupsd did not write printers.conf"
}

# accueilctl print in the background; its stderr shows progress.
print_in_background() {  # print_in_background REF [ARGS...]
  accueilctl print "$@" --printer desk --json >bg.out 2>bg.err &
  bg_pid=$!
}
progress_says() { grep -q -- "$1" bg.err; }

case_print_and_read_back() {
  setup
  local ref
  ref=$(ref_of 0)
  expect_status "print" 0 accueilctl print "$ref" --printer desk --json
  expect_eq "printed" printed "$(jq -r .state out)"
  expect_eq "on the queue asked" desk "$(jq -r .printer out)"
  local id
  id=$(jq -r .id out)
  expect_eq "one CUPS job completed" 1 "$(completed_jobs "Badge $id: $(name_of "$ref")")"
  check_badge "$(pdf_for "badge_${id}_")" "$ref"
  # Media negotiated from cupsCopyDestInfo: the queue's 62 x 100 mm labels
  # (62.09 x 99.84 mm in the PPD), not its default 62 mm tape (100.19 mm long).
  expect_contains "the job's media" "media-size={x-dimension=6209 y-dimension=9984}" "$(cat "$cups_dir/jobs.log")"
  expect_contains "the job's format" "format=application/pdf" "$(cat "$cups_dir/jobs.log")"

  # Printed once: again only when the operator says why, and it is logged.
  expect_status "a second print is refused" 3 accueilctl print "$ref" --printer desk
  expect_contains "says how" "--reprint" "$(cat err)"
  expect_status "a reprint" 0 accueilctl print "$ref" --printer desk --reprint "badge lost" --day 1 --json
  expect_eq "reprint of" "$id" "$(jq -r .reprint_of out)"
  expect_eq "logged" "reprint|badge lost" "$(sql "SELECT kind || '|' || reason FROM checkins WHERE kind = 'reprint'")"
  expect_eq "two PDFs printed" 2 "$(printed_pdfs | wc -l)"

  expect_status "printers" 0 accueilctl printers --no-usb --json
  expect_eq "CUPS reachable" true "$(jq .cups.reachable out)"
  expect_eq "the queue listed" '"Badges"' "$(jq -c '[.cups.queues[].name] | map(select(. == "Badges")) | .[0]' out)"
  expect_eq "configured printer ready" ready "$(jq -r '.configured[0].state.readiness' out)"
}

case_media_empty_waits() {
  setup
  local ref
  ref=$(ref_of 1)
  echo "media-empty" >"$cups_dir/fault"
  print_in_background "$ref" --language en
  wait_until 30 "media_empty reported by accueilctl print" progress_says "media_empty: Out of labels"
  local id
  id=$(last_request)
  expect_eq "still being sent" sending "$(request_field "$id" state)"
  expect_eq "the trouble, in the common vocabulary" media_empty "$(request_field "$id" problem)"
  expect_contains "CUPS's own words" "media-empty" "$(request_field "$id" detail)"
  expect_eq "a CUPS job is recorded" true "$([[ -n $(request_field "$id" job_id) ]] && echo true || echo false)"
  expect_status "printers shows it" 0 accueilctl printers --no-usb --json --language en
  expect_eq "the queue's state" media_empty "$(jq -r '.configured[0].state.problem' out)"
  rm "$cups_dir/fault"  # labels loaded
  wait "$bg_pid"
  expect_eq "printed once the labels are in" 0 $?
  expect_eq "printed" printed "$(jq -r .state bg.out)"
  expect_eq "no trouble left on the request" none "$(request_field "$id" problem)"
  check_badge "$(pdf_for "badge_${id}_")" "$ref"
}

case_cancelled() {
  setup
  local ref
  ref=$(ref_of 2)
  echo "cover-open" >"$cups_dir/fault"
  print_in_background "$ref"
  wait_until 30 "cover_open reported" progress_says "cover_open"
  local id
  id=$(last_request)
  expect_status "cancel from another process" 0 accueilctl print-queue --cancel "$id" --json
  expect_contains "asked" "cancel asked" "$(jq -r '.cancelled[0].result' out)"
  wait "$bg_pid"
  expect_eq "not printed" 4 $?
  expect_eq "reported cancelled" cancelled "$(jq -r .state bg.out)"
  expect_contains "CUPS says so" "canceled" "$(jq -r .detail bg.out)"
  rm "$cups_dir/fault"
  local title
  title="Badge $id: $(name_of "$ref")"
  wait_until 30 "ippeveprinter to end the job" job_ended "$title"
  expect_eq "the printer never completed it" 0 "$(completed_jobs "$title")"
}

case_scheduler_stopped() {
  setup
  local ref
  ref=$(ref_of 3)
  cups_stop_scheduler
  expect_status "print with cupsd stopped" 4 accueilctl print "$ref" --printer desk --timeout 3 --json --language en
  local id
  id=$(jq -r .id out)
  expect_eq "kept" queued "$(jq -r .state out)"
  expect_eq "offline" offline "$(jq -r .problem out)"
  expect_contains "says what to do" "not responding" "$(jq -r .problem_text out)"
  expect_contains "says where" "$CUPS_SERVER" "$(jq -r .detail out)"
  expect_contains "says it waits" "stays queued" "$(cat err)"
  expect_status "printers" 0 accueilctl printers --no-usb --json
  expect_eq "CUPS unreachable" false "$(jq .cups.reachable out)"
  expect_eq "configured printer offline" offline "$(jq -r '.configured[0].state.problem' out)"
  cups_start_scheduler
  expect_status "the kept request prints" 0 accueilctl print-queue --run --timeout 60
  expect_eq "printed" printed "$(request_field "$id" state)"
  expect_eq "exactly once" 1 "$(printed_pdfs | wc -l)"
  check_badge "$(pdf_for "badge_${id}_")" "$ref"
}

# jammed N [PRINT ARGS...]: the Nth attendee's badge printed in the background
# and held at the printer by a jam; sets ref and id (its request).
jammed() {
  ref=$(ref_of "$1")
  shift
  echo "media-jam" >"$cups_dir/fault"
  print_in_background "$ref" "$@"
  wait_until 30 "media_jam reported" progress_says "media_jam"
  id=$(last_request)
}

case_crash_while_waiting() {
  setup
  local ref id job
  jammed 4
  job=$(request_field "$id" job_id)
  kill -KILL "$bg_pid"
  wait "$bg_pid" 2>/dev/null
  expect_eq "left sending" sending "$(request_field "$id" state)"
  rm "$cups_dir/fault"  # cleared while nobody watched
  # The restarted queue follows the recorded job instead of sending again.
  expect_status "restart" 0 accueilctl print-queue --run --timeout 60
  expect_eq "printed, from the CUPS job's state" printed "$(request_field "$id" state)"
  expect_contains "that job" "CUPS job $job completed" "$(request_field "$id" detail)"
  expect_eq "one PDF" 1 "$(printed_pdfs | wc -l)"
  expect_eq "one job completed" 1 "$(completed_jobs "Badge $id: $(name_of "$ref")")"
}

# Our badge's job held at the printer by a jam, then cupsd killed (SIGKILL):
# sets ref, id (the request) and job (its CUPS job id).
crash_mid_job() {
  cups_settle  # the queue written down, as on a server that has run a while
  jammed "$1" --language en --timeout 120
  job=$(request_field "$id" job_id)
  cups_kill_scheduler
}

# Our job held at the printer (a jam) when cupsd crashes (SIGKILL) before
# writing the job down: the badge is reported offline while cupsd is away,
# and when cupsd is back without the job, it is not sent again by itself (its
# backend, which outlived cupsd, may have printed it: here it does).
case_cupsd_killed_mid_job() {
  setup
  local ref id job
  crash_mid_job 5
  wait_until 30 "the crash reported offline" progress_says "offline: .*stopped or cannot be reached"
  expect_eq "still being sent while cupsd is away" sending "$(request_field "$id" state)"
  expect_eq "cupsd lost the job (no control file)" "" "$(find "$cups_dir/spool" -name "c*$job" | head -1)"
  cups_start_scheduler
  rm "$cups_dir/fault"
  wait "$bg_pid"
  expect_eq "accueilctl print says it did not see it print" 4 $?
  expect_eq "failed, not printed" failed "$(jq -r .state bg.out)"
  expect_contains "says the job was lost" "no longer has job $job" "$(jq -r .detail bg.out)"
  expect_contains "says what to do" "check whether the badge printed" "$(jq -r .detail bg.out)"
  local title
  title="Badge $id: $(name_of "$ref")"
  wait_until 30 "the orphaned job to end at the printer" job_ended "$title"
  expect_status "the queue runs again" 0 accueilctl print-queue --run --timeout 10
  expect_eq "not sent again" failed "$(request_field "$id" state)"
  expect_eq "printed once, by the backend that outlived cupsd" 1 "$(completed_jobs "$title")"
  expect_eq "one PDF" 1 "$(printed_pdfs | wc -l)"
}

# The same crash, and the restarted cupsd gives our lost job's id to another
# client's job: following by id alone would call that job our badge (and a
# cancel would end it). The follower sees it is not ours.
case_cupsd_reuses_job_id() {
  setup
  local ref id job
  crash_mid_job 4
  wait_until 30 "the crash reported offline" progress_says "stopped or cannot be reached"
  kill -STOP "$bg_pid"  # still asleep while another client takes the id
  cups_start_scheduler
  accueilctl badge "$(ref_of 0)" --out other.pdf >/dev/null || fail "badge to a file"
  local other
  other=$(lp -d Badges -t "someone else" other.pdf 2>&1)
  kill -CONT "$bg_pid"
  expect_contains "the other job has our job's id" "Badges-$job " "$other "
  wait "$bg_pid"
  expect_eq "not printed" 4 $?
  expect_eq "failed, not printed" failed "$(jq -r .state bg.out)"
  expect_contains "says the id is someone else's" "the id now belongs to another job" "$(jq -r .detail bg.out)"
  rm "$cups_dir/fault"
  wait_until 30 "the other job to end" job_ended "someone else"
  expect_eq "the other client's job was left alone (not cancelled)" 1 "$(completed_jobs "someone else")"
}

# Handed over while its CUPS job waits for labels (what a kiosk does when it
# tells the attendee "at reception"): the job is cancelled, the request is on
# the reception list, nothing prints when the labels are back; the desk
# prints it from the list, once.
case_handed_over_not_printed() {
  setup
  local ref
  ref=$(ref_of 1)
  echo "media-empty" >"$cups_dir/fault"
  print_in_background "$ref" --language en
  wait_until 30 "media_empty reported by accueilctl print" progress_says "media_empty"
  local id title
  id=$(last_request)
  title="Badge $id: $(name_of "$ref")"
  expect_status "handed over from another process" 0 accueilctl reception take "$id" --json
  expect_contains "asked" "being sent" "$(jq -r .result out)"
  wait "$bg_pid"
  expect_eq "not printed" 4 $?
  expect_eq "on the reception list" reception "$(jq -r .state bg.out)"
  expect_eq "in the store" reception "$(request_field "$id" state)"
  rm "$cups_dir/fault"  # labels loaded
  wait_until 30 "ippeveprinter to end the job" job_ended "$title"
  sleep 1
  expect_eq "the printer never completed it" 0 "$(completed_jobs "$title")"
  expect_status "a queue run later prints nothing" 0 accueilctl print-queue --run --timeout 10
  expect_eq "still on the list" reception "$(request_field "$id" state)"
  expect_status "the desk prints it from the list" 0 accueilctl reception print "$id" --printer desk --operator Inès
  expect_eq "printed" printed "$(request_field "$id" state)"
  expect_eq "the job from the list completed" 1 "$(completed_jobs "Badge $id: $(name_of "$ref")")"
  check_badge "$(pdf_for "badge_${id}_" | tail -1)" "$ref"
  expect_status "and not twice" 3 accueilctl print "$ref" --printer desk
}

# Killed while its CUPS job waited; restarted after the printer's max wait:
# the job is cancelled, the request goes to the reception list.
case_old_job_after_restart() {
  setup
  printf 'max_wait_s = 3\n' >>printers.toml
  local ref id title
  jammed 4
  title="Badge $id: $(name_of "$ref")"
  kill -KILL "$bg_pid"
  wait "$bg_pid" 2>/dev/null
  expect_eq "left sending" sending "$(request_field "$id" state)"
  sleep 3.5
  expect_status "restart" 0 accueilctl print-queue --run --timeout 60
  expect_eq "on the reception list" reception "$(request_field "$id" state)"
  expect_contains "says why" "max_wait_s of 3 s" "$(request_field "$id" detail)"
  rm "$cups_dir/fault"  # cleared: nothing must come out
  wait_until 30 "ippeveprinter to end the job" job_ended "$title"
  sleep 1
  if [[ $(completed_jobs "$title") != 0 ]]; then
    ipptool -tv "ipp://localhost:$ipp_port/ipp/print" get-completed-jobs.test >&2
    sql "SELECT * FROM print_requests" >&2
    tail -30 "$cups_dir/log/error_log" >&2
  fi
  expect_eq "the printer never completed it" 0 "$(completed_jobs "$title")"
}

# accueilctl print gave up waiting (no labels) and exited: its request is
# still being sent and nobody follows its CUPS job. Taken to the reception
# list, the job is stopped there and then, not left to print on reload.
case_taken_after_print_gave_up() {
  setup
  local ref
  ref=$(ref_of 2)
  echo "media-empty" >"$cups_dir/fault"
  expect_status "print gives up" 4 accueilctl print "$ref" --printer desk --timeout 3
  local id title
  id=$(last_request)
  title="Badge $id: $(name_of "$ref")"
  expect_eq "left being sent" sending "$(request_field "$id" state)"
  expect_status "taken to reception" 0 accueilctl reception take "$id" --json
  expect_contains "says its job was stopped" "its print job was stopped" "$(jq -r .result out)"
  expect_eq "on the reception list" reception "$(request_field "$id" state)"
  expect_contains "the desk is told to look in the printer's tray first" "look in its tray" \
    "$(request_field "$id" detail)"
  rm "$cups_dir/fault"  # labels loaded
  wait_until 30 "ippeveprinter to end the job" job_ended "$title"
  sleep 1
  expect_eq "the printer never completed it" 0 "$(completed_jobs "$title")"
  # cupsd still repeats the printer's last words on its idle queue; the
  # printer itself says it is fine, and so the queue is ready again.
  expect_contains "cupsd's stale reason" "media-empty" "$(lpstat -l -p Badges 2>&1; ipptool -tv "ipp://$CUPS_SERVER/printers/Badges" get-printer-attributes.test 2>/dev/null | grep printer-state-reasons)"
  expect_status "printers" 0 accueilctl printers --no-usb --json
  expect_eq "ready once the labels are in" ready "$(jq -r '.configured[0].state.readiness' out)"
}

# The desk moves a badge whose job is held at the desk printer (out of
# labels) to a spare printer, and the desk's process is killed (SIGKILL)
# right after the move, before the badge printed anywhere. A queue started
# again finishes the move: the badge comes out once, at the spare printer,
# and nothing at the desk printer once its labels are back.
case_moved_then_killed() {
  setup
  mkdir -p spare
  printf '\n[[printers]]\nname = "spare"\nuri = "file:%s/spare/spare.prn:brother-ql-820nwb"\nmedia = "62x100"\ntemplate = "label-62x100"\n' \
    "$work" >>printers.toml
  local ref id title desk_pid
  ref=$(ref_of 4)
  echo "media-empty" >"$cups_dir/fault"
  accueil_move_durability desk "$ACCUEIL_DB" printers.toml "$ref" spare >desk.out 2>desk.err &
  desk_pid=$!
  wait_until 60 "the move at the desk" grep -q "^moved .*: stopping" desk.out
  kill -KILL "$desk_pid"
  wait "$desk_pid" 2>/dev/null
  id=$(last_request)
  title="Badge $id: $(name_of "$ref")"
  expect_eq "killed before it printed anywhere" 0 "$(sql "SELECT count(*) FROM print_requests WHERE state = 'printed'")"
  expect_eq "nothing at the spare printer yet" 0 "$(stat -c %s spare/spare.prn 2>/dev/null || echo 0)"
  expect_status "a queue started again" 0 accueilctl print-queue --run --timeout 60
  expect_eq "printed" printed "$(request_field "$id" state)"
  expect_eq "on the spare printer" spare "$(request_field "$id" printer)"
  expect_eq "asked on the desk printer" desk "$(request_field "$id" requested_printer)"
  spare_labels() { accueil_ql_explain --lines 90 spare/spare.prn | awk '{ print $2 }' | sort -u | wc -l; }
  expect_eq "one label at the spare printer" 1 "$(spare_labels)"
  accueil_ql_explain --lines 90 spare/spare.prn | awk '$2 == 1' | awk -f "$here/ql_lines_to_pbm.awk" >spare.pbm
  expect_eq "the attendee's badge" "$(badge_code_of "$ref")" "$(zbarimg --nodbus -q --raw spare.pbm)"
  rm "$cups_dir/fault"  # labels loaded at the desk printer
  wait_until 30 "ippeveprinter to end the job" job_ended "$title"
  sleep 1
  expect_eq "the desk printer never completed it" 0 "$(completed_jobs "$title")"
  expect_status "nothing left to print" 0 accueilctl print-queue --run --timeout 10
  expect_eq "one label at the spare printer, still" 1 "$(spare_labels)"
}

"case_$case_name"
passed
