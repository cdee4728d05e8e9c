#!/usr/bin/env bash
# The print queue survives SIGKILL: requests queued and being sent when the
# process dies end printed or failed with a reason after a restart; none is
# lost, none reaches the printer twice. The printer is a usblp stand-in (a
# FIFO read slowly), so that a job takes a while to send; what it receives is
# compared, job by job, with what each request should print.
#   durability_test.sh BIN_DIR SOURCE_DIR
source "$(dirname "$0")/lib.sh" "$1" "$2"

tool=accueil_print_durability
count=16
count_in() { sql "SELECT count(*) FROM print_requests WHERE state = '$1'"; }
states() { sql "SELECT group_concat(state || ' ' || n, ', ') FROM (SELECT state, count(*) n FROM print_requests GROUP BY state)"; }
on_timeout() { echo "requests: $(states); the queue said: $(tail -3 "${current_log:-/dev/null}")"; }

# True when a badge is being sent and at least $1 have printed.
sending_after() {
  local sending printed
  sending=$(count_in sending)
  printed=$(count_in printed)
  [[ $sending -gt 0 && $printed -ge $1 ]]
}

$tool init store.db $count >/dev/null || fail "init"
$tool sink printer.fifo received.prn 1000000 >sink.log 2>&1 &
sink_pid=$!
trap 'kill $sink_pid 2>/dev/null; rm -rf "$work"' EXIT
wait_until 10 "the printer's FIFO" test -p printer.fifo
cat >printers.toml <<EOF
[[printers]]
name = "desk"
uri = "lp:$work/printer.fifo:brother-ql-820nwb"
media = "62x100"
template = "label-62x100"
EOF

# Runs the queue and SIGKILLs it while a badge is being sent, once at least
# $2 have printed. The badge may finish between the look and the kill: then
# try again.
crash() {
  local cycle=$1 try pid
  for try in 1 2 3 4 5; do
    $tool run store.db printers.toml >"run-$cycle-$try.log" 2>&1 &
    pid=$!
    current_log=run-$cycle-$try.log
    wait_until 20 "a badge being sent (cycle $cycle)" sending_after "$2"
    kill -KILL $pid
    wait $pid 2>/dev/null
    [[ $(count_in sending) -ge 1 ]] && return 0
  done
  fail "cycle $cycle: the queue was never killed while a badge was being sent"
}

# Three crashes at different points: as soon as a badge is being sent, then
# after a few more have printed.
for cycle in 1 2 3; do
  crash $cycle $(($(count_in printed) + (cycle - 1) * 2))
  expect_eq "cycle $cycle: killed with requests still queued" true "$([[ $(count_in queued) -ge 1 ]] && echo true || echo false)"
done

timeout 60 $tool run store.db printers.toml >run-last.log 2>&1 || fail "the last run did not finish: $(tail -5 run-last.log)"
expect_eq "nothing left queued" 0 "$(count_in queued)"
expect_eq "nothing left sending" 0 "$(count_in sending)"
expect_eq "none lost" $count "$(sql "SELECT count(*) FROM print_requests WHERE state IN ('printed', 'failed')")"
expect_eq "interrupted ones say what to do" 0 \
  "$(sql "SELECT count(*) FROM print_requests WHERE state = 'failed' AND detail NOT LIKE '%reprint%'")"
expect_eq "at least one interrupted" true "$([[ $(count_in failed) -ge 1 ]] && echo true || echo false)"
$tool check store.db received.prn >check.log 2>&1 || fail "$(cat check.log)"
expect_contains "checked" "0 problems" "$(cat check.log)"
cat check.log
passed
