#!/usr/bin/env bash
# accueilctl staff and audit: PINs only as Argon2id hashes (never echoed,
# stored or printed), and the desk's actions in the audit with their operator.
#   desk_test.sh BIN_DIR SOURCE_DIR CASE
source "$(dirname "$0")/lib.sh" "$1" "$2"
case_name=$3

init() { accueilctl init --event "$sample_event" >/dev/null || fail "init"; }

# Runs accueilctl staff add under a pseudo-terminal (script), typing each
# PIN only once its prompt shows; the transcript is in $work/tty.
add_at_terminal() {  # add_at_terminal NAME ROLE PIN1 PIN2
  rm -f "$work/tty.in" "$work/tty"
  mkfifo "$work/tty.in"
  script -qec "accueilctl staff add '$1' --role $2" /dev/null <"$work/tty.in" >"$work/tty" 2>&1 &
  local pid=$!
  exec 3>"$work/tty.in"
  wait_until 10 "the PIN prompt" grep -q "PIN for" "$work/tty"
  printf '%s\r' "$3" >&3
  wait_until 10 "the second PIN prompt" grep -q "again: " "$work/tty"
  printf '%s\r' "$4" >&3
  wait "$pid"
  local status=$?
  exec 3>&-
  return $status
}

case_pins_at_a_terminal_and_from_stdin() {
  init
  add_at_terminal "Léa Martin" admin 48151623 48151623 || fail "staff add at a terminal: $(cat "$work/tty")"
  expect_contains "prompted" "PIN for Léa Martin" "$(cat "$work/tty")"
  expect_contains "confirmed" "The same PIN again" "$(cat "$work/tty")"
  checks=$((checks + 1))
  ! grep -q 48151623 "$work/tty" || fail "the PIN was echoed: $(cat "$work/tty")"
  add_at_terminal "Tom" desk 1111 2222 && fail "two different PINs were accepted"
  expect_contains "different PINs" "the two PINs differ" "$(cat "$work/tty")"

  echo 2468 | accueilctl staff add Camille --role desk >"$work/out" 2>&1 || fail "staff add from stdin: $(cat "$work/out")"
  expect_status "list" 0 accueilctl staff list --json
  expect_eq "staff" '[{"name":"Camille","role":"desk"},{"name":"Léa Martin","role":"admin"}]' \
    "$(jq -c '[.staff[] | {name, role}]' out)"
  expect_eq "hashes are Argon2id" 2 "$(sql "SELECT count(*) FROM staff WHERE pin_hash LIKE '\$argon2id\$v=19\$m=65536,t=2,p=1\$%'")"
  checks=$((checks + 1))
  ! grep -a -q -e 48151623 -e 2468 "$ACCUEIL_DB"* || fail "a PIN is in the store's files"
  ! sql .dump | grep -q -e 48151623 -e 2468 || fail "a PIN is in the store"

  expect_status "same name again" 1 sh -c 'echo 1357 | accueilctl staff add Camille --role desk'
  expect_contains "same name again" 'already a staff member named "Camille"' "$(cat err)"
  expect_status "replace" 0 sh -c 'echo 1357 | accueilctl staff add Camille --role admin --replace'
  expect_eq "replaced role" admin "$(sql "SELECT role FROM staff WHERE name = 'Camille'")"
  expect_status "short PIN" 1 sh -c 'echo 12 | accueilctl staff add Zoé'
  expect_contains "short PIN" "a PIN has 4 to 12 digits" "$(cat err)"
  expect_status "letters" 1 sh -c 'echo 12ab | accueilctl staff add Zoé'
  expect_contains "letters" "only digits" "$(cat err)"
  expect_status "no PIN" 1 accueilctl staff add Zoé </dev/null
  expect_contains "no PIN" "no PIN on standard input" "$(cat err)"
  expect_eq "nothing added" 2 "$(sql "SELECT count(*) FROM staff")"
  expect_status "remove" 0 accueilctl staff remove Camille
  expect_status "remove again" 1 accueilctl staff remove Camille
  expect_contains "remove again" 'no staff member named "Camille"' "$(cat err)"
  expect_eq "one left" "Léa Martin" "$(sql "SELECT name FROM staff")"
}

case_audit() {
  init
  accueilctl demo-data --count 20 --seed 3 --out demo.csv >/dev/null
  accueilctl import demo.csv >/dev/null || fail "import"
  local a b
  a=$(sql "SELECT ticket_code FROM attendees WHERE days = 3 AND status = 'active' LIMIT 1")
  b=$(sql "SELECT ticket_code FROM attendees WHERE days = 3 AND status = 'active' LIMIT 1 OFFSET 1")
  expect_status "kiosk check-in" 0 accueilctl checkin "$a" --day 1 --kiosk kiosk-2
  expect_status "desk check-in" 0 accueilctl checkin "$b" --day 2 --kiosk desk-1 --operator "Léa Martin"
  expect_status "desk undo" 0 accueilctl undo "$b" --day 2 --kiosk desk-1 --operator "Camille" --reason "wrong person"
  expect_status "audit" 0 accueilctl audit --json
  expect_eq "three events" 3 "$(jq '.events | length' out)"
  expect_eq "kinds" '["checkin","checkin","undo"]' "$(jq -c '[.events[].kind]' out)"
  expect_eq "operators" '["","Léa Martin","Camille"]' "$(jq -c '[.events[].operator]' out)"
  expect_eq "undo reason" "wrong person" "$(jq -r '.events[2].reason' out)"
  expect_eq "attendee named" true "$(jq '.events | all(.attendee != "")' out)"
  expect_status "staff only" 0 accueilctl audit --staff --json
  expect_eq "staff actions" 2 "$(jq '.events | length' out)"
  expect_status "one operator" 0 accueilctl audit --operator Camille
  expect_contains "text audit" "Camille" "$(cat out)"
  expect_contains "text audit" "undo" "$(cat out)"
  expect_contains "text audit" "(wrong person)" "$(cat out)"
  expect_eq "one line" 1 "$(wc -l <out)"
  expect_status "pins" 0 accueilctl audit --pins --json
  expect_eq "no PIN tries yet" 0 "$(jq '.pin_attempts | length' out)"
}

"case_$case_name"
passed
