#!/usr/bin/env bash
# The central list on a real PostgreSQL (pg_lib.sh starts one per script):
# schema and roles, central import, kiosks syncing through it, offline.
# One server for all the cases; each case has a database and a folder of its own.
#   central_test.sh BIN_DIR SOURCE_DIR [CASE...]    (default: all)
source "$(dirname "$0")/lib.sh" "$1" "$2"
source "$source_dir/tests/integration/pg_lib.sh"
shift 2
pg_start

init_central() {  # the event, two kiosk logins, a viewer
  accueilctl central init --url "$pg_url" --event "$sample_event" --kiosk kiosk_a --kiosk kiosk_b --viewer board \
    >/dev/null || fail "central init"
}
import_demo() {  # COUNT
  accueilctl demo-data --count "$1" --seed 7 --event "$sample_event" --out demo.csv >/dev/null || fail "demo-data"
  accueilctl central import demo.csv --url "$pg_url" >/dev/null || fail "central import"
}
central_sql() { psql_as postgres "$1"; }
# For wait_until: the answer of a query is (already) the expected one.
store_is() { [[ $(sqlite3 -cmd ".timeout 2000" "$1" "$2" 2>/dev/null) == "$3" ]]; }  # DB SQL EXPECTED
central_is() { [[ $(central_sql "$1" 2>/dev/null) == "$2" ]]; }                      # SQL EXPECTED
central_more_than() { (($(central_sql "$1" 2>/dev/null || echo 0) > $2)); }            # SQL NUMBER
sync_a() { accueilctl --db a.db sync --central "$(url_as kiosk_a)" --kiosk kiosk-a --json; }
sync_b() { accueilctl --db b.db sync --central "$(url_as kiosk_b)" --kiosk kiosk-b --json; }
# The ticket code of the Nth active attendee registered for day 1.
code_at() {
  sqlite3 "$1" "SELECT ticket_code FROM attendees WHERE status = 'active' AND days & 1 ORDER BY external_ref LIMIT 1 OFFSET $2"
}

case_init_idempotent() {
  expect_status "init" 0 accueilctl central init --url "$pg_url" --event "$sample_event" --kiosk kiosk_a --json
  expect_eq "migrated from 0" 0 "$(jq .from_version "$work/out")"
  expect_eq "event recorded" true "$(jq .event_changed "$work/out")"
  local tables_before
  tables_before=$(central_sql "SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class c
                               JOIN pg_namespace n ON n.oid = c.relnamespace WHERE nspname = 'accueil'")
  expect_status "init again" 0 accueilctl central init --url "$pg_url" --event "$sample_event" --kiosk kiosk_a --json
  expect_eq "nothing to migrate" "$(jq .to_version "$work/out")" "$(jq .from_version "$work/out")"
  expect_eq "event unchanged" false "$(jq .event_changed "$work/out")"
  expect_eq "every migration recorded once" "$(jq .to_version "$work/out")" "$(central_sql 'SELECT count(*) FROM accueil.migrations')"
  expect_eq "same objects" "$tables_before" \
    "$(central_sql "SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class c
                    JOIN pg_namespace n ON n.oid = c.relnamespace WHERE nspname = 'accueil'")"
  expect_eq "roles" "accueil_kiosk accueil_organiser accueil_viewer" \
    "$(central_sql "SELECT string_agg(rolname, ' ' ORDER BY rolname) FROM pg_roles WHERE rolname LIKE 'accueil\_%'")"
  expect_status "print grants" 0 accueilctl central init --url "$pg_url" --print-grants
  expect_contains "kiosk reads its views" "accueil.kiosk_attendees SELECT" "$(cat "$work/out")"
  expect_contains "kiosk logins" "logins: kiosk_a" "$(cat "$work/out")"
  expect_contains "viewer: counts" "accueil.figures        SELECT" "$(cat "$work/out")"
  # A newer schema than this build knows is refused, and changes nothing.
  central_sql "INSERT INTO accueil.migrations (version) VALUES (99)"
  expect_status "newer schema" 1 accueilctl central init --url "$pg_url" --event "$sample_event"
  expect_contains "says why" "schema version 99" "$(cat "$work/err")"
  # A bad URL: a clear message, the password never printed.
  expect_status "unreachable" 1 accueilctl central init --url "postgresql://kiosk_a:s3cret@127.0.0.1:1/accueil" \
    --event "$sample_event"
  expect_contains "says where" "cannot connect to the central list" "$(cat "$work/err")"
  [[ $(cat "$work/err") != *s3cret* ]] || fail "the password was printed: $(cat "$work/err")"
}

case_least_privilege() {
  init_central
  import_demo 50
  # A second event with its own attendee, served by another kiosk login.
  sed 's/^id = "rencontres-2026"/id = "other-2027"/' "$sample_event" >other.toml
  accueilctl central init --url "$pg_url" --event other.toml --kiosk kiosk_other >/dev/null || fail "init other"
  central_sql "INSERT INTO accueil.attendees (id, event_id, external_ref, last_name, email, seq, txid)
               VALUES ('00000000-0000-4000-8000-000000000001', 'other-2027', 'O-1', 'Elsewhere', 'x@y.z', 0, '0')"
  local one
  one=$(central_sql "SELECT id FROM accueil.attendees WHERE event_id = 'rencontres-2026' LIMIT 1")
  refused() {  # WHAT LOGIN SQL EXPECTED_ERROR
    psql_as "$2" "$3" >"$work/out" 2>"$work/err" && fail "$1: accepted"
    checks=$((checks + 1))
    [[ $(cat "$work/err") == *"$4"* ]] || fail "$1: expected [$4], got [$(cat "$work/err")]"
  }
  refused "kiosk updates an attendee" kiosk_a "UPDATE accueil.attendees SET vip = true" \
    "permission denied for table attendees"
  refused "kiosk deletes a check-in" kiosk_a "DELETE FROM accueil.checkins" "permission denied for table checkins"
  refused "kiosk reads e-mails" kiosk_a "SELECT email FROM accueil.attendees" "permission denied for table attendees"
  refused "kiosk writes the log directly" kiosk_a \
    "INSERT INTO accueil.checkins (uuid, event_id, attendee_id, day, kiosk, at_ms, kind) VALUES
     (gen_random_uuid(), 'rencontres-2026', '$one', 1, 'k', 0, 'checkin')" "permission denied for table checkins"
  refused "kiosk checks in someone of another event" kiosk_a \
    "SELECT accueil.push_checkins('[{\"uuid\": \"00000000-0000-4000-8000-0000000000aa\",
       \"attendee_id\": \"00000000-0000-4000-8000-000000000001\", \"day\": 1, \"kiosk\": \"k\", \"at_ms\": 0,
       \"kind\": \"checkin\", \"operator\": \"\", \"undoes\": \"\", \"reason\": \"\"}]')" \
    "is not an attendee of the event rencontres-2026"
  refused "viewer reads attendees" board "SELECT count(*) FROM accueil.kiosk_attendees" "permission denied"
  refused "a login with no role" kiosk_nobody "SELECT 1" "does not exist"
  expect_eq "kiosk sees its event only" 50 "$(psql_as kiosk_a 'SELECT count(*) FROM accueil.kiosk_attendees')"
  expect_eq "choosing another event does nothing for a kiosk" 50 \
    "$(psql_as kiosk_a "SET accueil.event = 'other-2027'; SELECT count(*) FROM accueil.kiosk_attendees")"
  expect_eq "the other kiosk sees the other event" "Elsewhere" \
    "$(psql_as kiosk_other 'SELECT last_name FROM accueil.kiosk_attendees')"
  expect_eq "no e-mail letters unless the name search checks them" "" \
    "$(psql_as kiosk_other 'SELECT email_start FROM accueil.kiosk_attendees')"
  # A kiosk appends through its functions, and its check-ins are its event's.
  expect_eq "kiosk appends" 1 "$(psql_as kiosk_a "SELECT accueil.push_checkins('[{\"uuid\": \"00000000-0000-4000-8000-0000000000bb\",
       \"attendee_id\": \"$one\", \"day\": 1, \"kiosk\": \"k\", \"at_ms\": 1, \"kind\": \"checkin\", \"operator\": \"\",
       \"undoes\": \"\", \"reason\": \"\"}]')")"
  refused "organiser cannot rewrite the log either" postgres "UPDATE accueil.checkins SET day = 2" "append-only"
  expect_eq "viewer counts" 1 "$(psql_as board "SELECT sum(present) FROM accueil.figures WHERE event_id = 'rencontres-2026' AND day = 1")"
}

case_import_idempotent() {
  init_central
  accueilctl demo-data --count 300 --seed 3 --event "$sample_event" --out demo.csv >/dev/null
  # A row with an unreadable day and one without a name: the same row errors as the local importer's.
  printf '%s\n' "$(head -1 demo.csv)" >bad.csv
  sed -n '2,4p' demo.csv >>bad.csv
  expect_status "central import" 0 accueilctl central import demo.csv --url "$pg_url" --json
  expect_eq "inserted" 300 "$(jq .inserted "$work/out")"
  expect_eq "at central" 300 "$(central_sql 'SELECT count(*) FROM accueil.attendees')"
  local seq_before
  seq_before=$(central_sql 'SELECT max(seq) FROM accueil.attendees')
  expect_status "again" 0 accueilctl central import demo.csv --url "$pg_url" --json
  expect_eq "unchanged" 300 "$(jq .unchanged "$work/out")"
  expect_eq "nothing written" 0 "$(jq '.inserted + .updated' "$work/out")"
  expect_eq "no row touched" "$seq_before" "$(central_sql 'SELECT max(seq) FROM accueil.attendees')"
  # One field changed in the file: one update.
  awk 'BEGIN { FS = OFS = ";" } NR == 6 { $8 = "Mairie de Nulle-Part" } { print }' demo.csv >changed.csv
  expect_status "changed file" 0 accueilctl central import changed.csv --url "$pg_url" --json
  expect_eq "one update" "1 0" "$(jq -r '"\(.updated) \(.inserted)"' "$work/out")"
  expect_eq "written" 1 "$(central_sql "SELECT count(*) FROM accueil.attendees WHERE organisation = 'Mairie de Nulle-Part'")"
  # The same file, imported locally and centrally: the same decisions and row errors.
  printf 'Nom;Prénom;Code;Catégorie;Jours\nDupont;Ana;Z1;elu;1\n;;Z2;elu;1\nMartin;Léo;Z3;elu;lundi\n' >errors.csv
  accueilctl init --event "$sample_event" >/dev/null
  accueilctl import errors.csv --json | jq -S '{inserted, rejected, warnings}' >local.json
  accueilctl central import errors.csv --url "$pg_url" --json | jq -S '{inserted, rejected, warnings}' >central.json
  expect_eq "same report as the local import" "$(cat local.json)" "$(cat central.json)"
  # A file that cannot be read changes nothing.
  : >empty.csv
  local count_before
  count_before=$(central_sql 'SELECT count(*) FROM accueil.attendees')
  expect_status "empty file" 1 accueilctl central import empty.csv --url "$pg_url"
  expect_contains "says which file" "empty.csv" "$(cat "$work/err")"
  expect_eq "nothing changed" "$count_before" "$(central_sql 'SELECT count(*) FROM accueil.attendees')"
}

case_two_kiosks() {
  init_central
  import_demo 200
  # First start: empty stores take the event and the whole list from central.
  expect_status "first sync A" 0 sync_a
  expect_eq "A pulled the list" 200 "$(jq .pulled_attendees "$work/out")"
  expect_status "first sync B" 0 sync_b
  expect_contains "B has the event" "id = 'rencontres-2026'" "$(sqlite3 b.db "SELECT value FROM settings WHERE key = 'event'")"
  local code
  code=$(code_at a.db 7)
  expect_status "check in at A" 0 accueilctl --db a.db checkin "$code" --day 1 --kiosk kiosk-2
  expect_status "A pushes" 0 sync_a
  expect_eq "pushed once" 1 "$(jq .pushed_checkins "$work/out")"
  expect_status "B pulls" 0 sync_b
  expect_eq "pulled" 1 "$(jq .pulled_checkins "$work/out")"
  expect_status "same person at B" 3 accueilctl --db b.db checkin "$code" --day 1 --kiosk kiosk-5
  expect_contains "already, at kiosk 2" "already checked in for day 1 at" "$(cat "$work/out")"
  expect_contains "names the kiosk" "kiosk-2" "$(cat "$work/out")"
  expect_status "pushing again" 0 sync_a
  expect_eq "nothing twice" 1 "$(central_sql 'SELECT count(*) FROM accueil.checkins')"
  # Undo at A reaches B: B may check the person in again.
  expect_status "undo at A" 0 accueilctl --db a.db undo "$code" --day 1 --kiosk kiosk-2 --reason "wrong person"
  sync_a >/dev/null && sync_b >/dev/null || fail "sync after undo"
  expect_status "B checks in after the undo" 0 accueilctl --db b.db checkin "$code" --day 1 --kiosk kiosk-5
  sync_b >/dev/null && sync_a >/dev/null || fail "sync after B's check-in"
  expect_eq "three events at central" "checkin kiosk-2,undo kiosk-2,checkin kiosk-5" \
    "$(central_sql "SELECT string_agg(kind || ' ' || kiosk, ',' ORDER BY at_ms, seq) FROM accueil.checkins")"
  expect_eq "A knows B's check-in" 3 "$(sqlite3 a.db 'SELECT count(*) FROM checkins')"
  expect_eq "heartbeats" "kiosk-a kiosk-b" \
    "$(central_sql "SELECT string_agg(kiosk, ' ' ORDER BY kiosk) FROM accueil.heartbeats")"
  # A re-import at central reaches both kiosks.
  awk 'BEGIN { FS = OFS = ";" } NR == 3 { $8 = "Conseil départemental" } { print }' demo.csv >demo2.csv
  mv demo2.csv demo.csv
  accueilctl central import demo.csv --url "$pg_url" --json >"$work/out" || fail "re-import"
  sync_a >out.a && sync_b >out.b || fail "sync after re-import"
  expect_eq "A pulled the change" "$(jq .updated "$work/out")" "$(jq .pulled_attendees out.a)"
  expect_eq "B pulled the change" "$(jq .updated "$work/out")" "$(jq .pulled_attendees out.b)"
}

case_offline() {
  init_central
  import_demo 100
  sync_a >/dev/null || fail "first sync"
  pg_stop fast
  local i
  for i in 1 2 3 4 5; do
    accueilctl --db a.db checkin "$(code_at a.db $i)" --day 1 --kiosk kiosk-a >/dev/null || fail "offline check-in $i"
  done
  expect_status "sync while central is down" 1 sync_a
  expect_contains "says how many wait" "5 waiting" "$(cat "$work/err")"
  pg_restart
  expect_status "sync when back" 0 sync_a
  expect_eq "all pushed" 5 "$(jq .pushed_checkins "$work/out")"
  expect_eq "outbox empty" 0 "$(jq .outbox "$work/out")"
  # A push that central took but whose "sent" mark was lost (a crash between
  # the two) is sent again, to no effect.
  sqlite3 a.db "UPDATE outbox SET sent_ms = NULL"
  expect_status "sent again" 0 sync_a
  expect_eq "nothing new at central" 0 "$(jq .pushed_checkins "$work/out")"
  expect_eq "five at central" 5 "$(central_sql 'SELECT count(*) FROM accueil.checkins')"
  expect_eq "same uuids" "$(sqlite3 a.db 'SELECT uuid FROM checkins ORDER BY uuid')" \
    "$(central_sql 'SELECT uuid FROM accueil.checkins ORDER BY uuid::text')"
}

# A kiosk killed (SIGKILL) in the middle of pushing 3,000 events: the next
# sync sends what central did not take, and nothing twice.
case_killed_mid_push() {
  init_central
  import_demo 50
  sync_a >/dev/null || fail "first sync"
  local id
  id=$(sqlite3 a.db "SELECT id FROM attendees LIMIT 1")
  # 3,000 reprints of one badge, queued as a kiosk queues its log events.
  sqlite3 a.db "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
    INSERT INTO checkins (uuid, attendee_id, day, kiosk, at_ms, kind, reason)
      SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
             || '-8' || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))), '$id', 1, 'kiosk-a',
             1000 + i, 'reprint', 'bench' FROM n;
    INSERT INTO outbox (topic, ref, created_ms) SELECT 'checkin', uuid, at_ms FROM checkins ORDER BY seq;"
  accueilctl --db a.db sync --central "$(url_as kiosk_a)" --kiosk kiosk-a >/dev/null 2>&1 &
  local pid=$!
  wait_until 20 "the push has begun" central_more_than 'SELECT count(*) FROM accueil.checkins' 0
  kill -KILL $pid
  wait $pid 2>/dev/null
  local at_central waiting
  at_central=$(central_sql 'SELECT count(*) FROM accueil.checkins')
  waiting=$(sqlite3 a.db 'SELECT count(*) FROM outbox WHERE sent_ms IS NULL')
  echo "killed with $at_central at central and $waiting still waiting in the outbox"
  ((at_central < 3000)) || echo "note: the push had finished before the kill (a fast machine)"
  expect_status "sync after the kill" 0 sync_a
  expect_eq "all at central, once each" "3000 3000" \
    "$(central_sql 'SELECT count(*), count(DISTINCT uuid) FROM accueil.checkins' | tr '|' ' ')"
  expect_eq "the reprints audited once" 3000 "$(central_sql 'SELECT count(*) FROM accueil.prints')"
  expect_eq "outbox empty" 0 "$(jq .outbox "$work/out")"
}

# Kiosks cut off from each other both check the same person in: central
# keeps both events and lists the pair; both kiosks, once synced, answer
# "already checked in" with the earliest.
case_conflict() {
  init_central
  import_demo 50
  sync_a >/dev/null && sync_b >/dev/null || fail "first syncs"
  local code
  code=$(code_at a.db 4)
  expect_status "at A, cut off" 0 accueilctl --db a.db checkin "$code" --day 1 --kiosk kiosk-2
  sleep 0.05
  expect_status "at B, cut off" 0 accueilctl --db b.db checkin "$code" --day 1 --kiosk kiosk-5
  sync_b >/dev/null && sync_a >/dev/null && sync_b >/dev/null || fail "syncs after the cut"
  expect_eq "both events kept" 2 "$(central_sql 'SELECT count(*) FROM accueil.checkins')"
  expect_status "conflicts" 0 accueilctl central conflicts --url "$pg_url" --json
  expect_eq "one pair" 1 "$(jq '.conflicts | length' "$work/out")"
  expect_eq "kiosks, earliest first" "kiosk-2 kiosk-5" "$(jq -r '.conflicts[0] | "\(.first.kiosk) \(.later.kiosk)"' "$work/out")"
  expect_status "conflicts as text" 0 accueilctl central conflicts --url "$pg_url"
  expect_contains "says who and where" "at kiosk-2, again" "$(cat "$work/out")"
  for db in a.db b.db; do
    expect_status "again at $db" 3 accueilctl --db $db checkin "$code" --day 1 --kiosk kiosk-9
    expect_contains "$db answers with the earliest" "on kiosk-2" "$(cat "$work/out")"
  done
  expect_eq "counts agree" "1 1" "$(accueilctl --db a.db report --json | jq '.days[0].checked_in.people') $(accueilctl --db b.db report --json | jq '.days[0].checked_in.people')"
}

# A cut off behind its own TCP relay (socat) that the test stops and starts
# again, both workers running: A and B check people in meanwhile, the same
# person included. After the relay is back: every event at central exactly
# once, the pair flagged, the same counts at A, B and central.
case_partition() {
  command -v socat >/dev/null || fail "socat is not installed (deploy/setup.sh test)"
  init_central
  import_demo 100
  local relay_port=$((pg_port + 1)) relay
  start_relay() {
    socat TCP-LISTEN:$relay_port,bind=127.0.0.1,reuseaddr,fork TCP:127.0.0.1:$pg_port 2>/dev/null &
    relay=$!
    pg_test_pids+=("$relay")
    wait_until 10 "the relay listens" bash -c "exec 3<>/dev/tcp/127.0.0.1/$relay_port"
  }
  start_relay
  accueilctl --db a.db sync --follow --central "postgresql://kiosk_a@127.0.0.1:$relay_port/$pg_db" --kiosk kiosk-a \
    >follow_a.log 2>&1 &
  local pid_a=$!
  pg_test_pids+=("$pid_a")
  accueilctl --db b.db sync --follow --central "$(url_as kiosk_b)" --kiosk kiosk-b >follow_b.log 2>&1 &
  local pid_b=$!
  pg_test_pids+=("$pid_b")
  on_timeout() { echo "A: $(tail -2 follow_a.log)"; echo "B: $(tail -2 follow_b.log)"; }
  wait_until 20 "A has the list" store_is a.db 'SELECT count(*) FROM attendees' 100
  wait_until 20 "B has the list" store_is b.db 'SELECT count(*) FROM attendees' 100
  stop_relay() {  # the listener first (no reconnecting through it), then every connection it forked
    local children
    children=$(pgrep -P "$relay")
    kill -KILL "$relay"
    [[ -z $children ]] || kill -KILL $children
    wait "$relay" 2>/dev/null
  }
  stop_relay  # the cut
  local same
  same=$(code_at a.db 0)
  accueilctl --db a.db checkin "$same" --day 1 --kiosk kiosk-a >/dev/null || fail "A, cut off"
  accueilctl --db b.db checkin "$same" --day 1 --kiosk kiosk-b >"$work/out" || fail "B checks the same person in: $(cat "$work/out"); A: $(tail -3 follow_a.log)"
  for i in 1 2 3; do
    accueilctl --db a.db checkin "$(code_at a.db $i)" --day 1 --kiosk kiosk-a >/dev/null || fail "A $i"
    accueilctl --db b.db checkin "$(code_at a.db $((i + 10)))" --day 1 --kiosk kiosk-b >/dev/null || fail "B $i"
  done
  wait_until 10 "A knows it is cut off" grep -q "offline since .*, 4 check-ins waiting" follow_a.log
  wait_until 10 "central has B's four" central_is 'SELECT count(*) FROM accueil.checkins' 4
  start_relay
  wait_until 20 "central has all eight" central_is 'SELECT count(*) FROM accueil.checkins' 8
  wait_until 20 "A has all eight" store_is a.db 'SELECT count(*) FROM checkins' 8
  wait_until 20 "B has all eight" store_is b.db 'SELECT count(*) FROM checkins' 8
  expect_eq "each event once" 8 "$(central_sql 'SELECT count(DISTINCT uuid) FROM accueil.checkins')"
  expect_eq "the pair flagged" "kiosk-a kiosk-b" \
    "$(central_sql "SELECT first_kiosk || ' ' || later_kiosk FROM accueil.conflicts")"
  local central_count
  central_count=$(central_sql "SELECT sum(present) FROM accueil.figures WHERE day = 1")
  expect_eq "counts agree" "7 7 7" "$central_count $(accueilctl --db a.db report --json | jq '.days[0].checked_in.people') $(accueilctl --db b.db report --json | jq '.days[0].checked_in.people')"
  # The organiser's report over central: the same figures as each kiosk's own.
  expect_status "report --central" 0 accueilctl report --central "$pg_url" --json
  expect_eq "report over central = A's report" "$(accueilctl --db a.db report --json | jq -S 'del(.generated_at)')" \
    "$(jq -S 'del(.generated_at)' "$work/out")"
  # ... and as a document: the PDF says the same count.
  expect_status "report --central --pdf" 0 accueilctl report --central "$pg_url" --pdf "$work/central.pdf"
  expect_contains "PDF over central" "7 sur" "$(pdftotext "$work/central.pdf" - | tr -s ' \n' '  ')"
  kill -TERM "$pid_a" "$pid_b"
  wait "$pid_a" "$pid_b" || fail "sync --follow did not stop cleanly"
  stop_relay
  pg_test_pids=()
}

# Two kiosks running the worker (sync --follow): a check-in at A reaches B
# by LISTEN/NOTIFY; a server crash (-m immediate) and restart lose nothing.
case_follow() {
  init_central
  import_demo 100
  accueilctl --db a.db sync --follow --central "$(url_as kiosk_a)" --kiosk kiosk-a >follow_a.log 2>&1 &
  local pid_a=$!
  pg_test_pids+=("$pid_a")
  accueilctl --db b.db sync --follow --central "$(url_as kiosk_b)" --kiosk kiosk-b >follow_b.log 2>&1 &
  local pid_b=$!
  pg_test_pids+=("$pid_b")
  on_timeout() { echo "A: $(tail -2 follow_a.log)"; echo "B: $(tail -2 follow_b.log)"; }
  wait_until 20 "B has the list" store_is b.db 'SELECT count(*) FROM attendees' 100
  wait_until 20 "A has the list" store_is a.db 'SELECT count(*) FROM attendees' 100
  local start=$EPOCHREALTIME uuid
  accueilctl --db a.db checkin "$(code_at a.db 3)" --day 1 --kiosk kiosk-a >/dev/null || fail "check-in at A"
  uuid=$(sqlite3 a.db 'SELECT uuid FROM checkins LIMIT 1')
  wait_until 10 "B sees A's check-in" store_is b.db "SELECT count(*) FROM checkins WHERE uuid = '$uuid'" 1
  echo "check-in at A visible at B after $(awk "BEGIN { printf \"%d\", ($EPOCHREALTIME - $start) * 1000 }") ms (sqlite3 polling included)"
  pg_stop immediate
  for i in 10 11 12; do
    accueilctl --db a.db checkin "$(code_at a.db $i)" --day 1 --kiosk kiosk-a >/dev/null || fail "check-in while down"
  done
  wait_until 10 "A says it is offline, with what waits" grep -q "offline since .*, 3 check-ins waiting" follow_a.log
  pg_restart
  wait_until 20 "central has all four" central_is 'SELECT count(*) FROM accueil.checkins' 4
  wait_until 20 "B has all four" store_is b.db 'SELECT count(*) FROM checkins' 4
  kill -TERM "$pid_a" "$pid_b"
  wait "$pid_a" "$pid_b" || fail "sync --follow did not stop cleanly"
  pg_test_pids=()
  expect_eq "nothing doubled" 4 "$(central_sql 'SELECT count(DISTINCT uuid) FROM accueil.checkins')"
}

# The pull cursor is commit-safe: transaction 1 takes a lower seq, transaction
# 2 a higher one and commits first; a pull in between must not move past 1.
case_late_commit() {
  init_central
  import_demo 10
  sync_a >/dev/null || fail "first sync"
  local insert="INSERT INTO accueil.attendees (id, event_id, external_ref, last_name, category, days, seq, txid)
                VALUES (gen_random_uuid(), 'rencontres-2026', '%s', '%s', 'elu', 1, 0, '0');"
  mkfifo session1
  "$pg_bin/psql" "$pg_url" -X -q -v ON_ERROR_STOP=1 <session1 >session1.log 2>&1 &
  local psql_pid=$!
  exec 3>session1
  printf "BEGIN; $insert\n" LATE-1 Early >&3
  wait_until 10 "transaction 1 open" central_is "SELECT count(*) FROM pg_stat_activity WHERE state = 'idle in transaction'" 1
  central_sql "$(printf "$insert" LATE-2 Second)"
  expect_eq "1 took the lower seq" t "$(psql_as postgres "SELECT (SELECT seq FROM accueil.attendees WHERE external_ref = 'LATE-2') > (SELECT last_value FROM accueil.changes) - 1")"
  expect_status "pull while 1 runs" 0 sync_a
  expect_eq "2 is held back" "0 true" "$(jq -r '"\(.pulled_attendees) \(.held_back)"' "$work/out")"
  printf 'COMMIT;\n' >&3
  exec 3>&-
  wait $psql_pid || fail "session 1: $(cat session1.log)"
  expect_status "pull after 1 commits" 0 sync_a
  expect_eq "both arrive" 2 "$(jq .pulled_attendees "$work/out")"
  expect_eq "both in the store" "Early Second" \
    "$(sqlite3 a.db "SELECT group_concat(last_name, ' ') FROM (SELECT last_name FROM attendees WHERE external_ref LIKE 'LATE-%' ORDER BY external_ref)")"
}

case_desk_events() {
  init_central
  import_demo 20
  sync_a >/dev/null && sync_b >/dev/null || fail "first sync"
  local id
  id=$(sqlite3 a.db "SELECT id FROM attendees ORDER BY external_ref LIMIT 1")
  # What the desk logs (shared/store/desk.cpp): a correction with what changed,
  # and a kiosk refusing a badge that a reprint replaced.
  sqlite3 a.db "INSERT INTO checkins (uuid, attendee_id, day, kiosk, at_ms, kind, operator, reason) VALUES
      ('6f1c2a1e-0000-4000-8000-000000000001', '$id', 1, 'desk', 1000, 'correction', 'Claire',
       '{\"last_name\":[\"Dupnot\",\"Dupont\"]}'),
      ('6f1c2a1e-0000-4000-8000-000000000002', '$id', 1, 'kiosk-a', 2000, 'superseded', '', 'T-1#1');
    INSERT INTO outbox (topic, ref, created_ms) SELECT 'checkin', uuid, at_ms FROM checkins ORDER BY seq;"
  expect_status "A pushes the desk's events" 0 sync_a
  expect_eq "both at central" "correction Claire,superseded " \
    "$(central_sql "SELECT string_agg(kind || ' ' || operator, ',' ORDER BY at_ms) FROM accueil.checkins")"
  expect_status "B pulls them" 0 sync_b
  expect_eq "B has them" "correction,superseded" \
    "$(sqlite3 b.db "SELECT group_concat(kind, ',') FROM (SELECT kind FROM checkins ORDER BY at_ms)")"
}

case_refused_entry() {
  init_central
  import_demo 20
  sync_a >/dev/null && sync_b >/dev/null || fail "first sync"
  # A late registration imported at kiosk A only (not at central), and checked in there.
  printf 'Référence;Prénom;Nom;Organisation;Catégorie;Jours;Code-barres\nLOCAL-1;Anna;Kowalska;Ville de Cracovie;Délégation;1;LOCAL-TICKET-1\n' >late.csv
  accueilctl --db a.db import late.csv >/dev/null || fail "local import: $(cat "$work/err" 2>/dev/null)"
  expect_status "A checks her in" 0 accueilctl --db a.db checkin LOCAL-TICKET-1 --day 1 --kiosk kiosk-a
  local code
  code=$(code_at a.db 3)
  expect_status "A checks in a known person after her" 0 accueilctl --db a.db checkin "$code" --day 1 --kiosk kiosk-a
  # Central refuses her (not an attendee of the event there): set aside, the rest goes on.
  expect_status "A syncs" 0 sync_a
  expect_eq "one set aside" 1 "$(jq .refused "$work/out")"
  expect_eq "the known one pushed" 1 "$(jq .pushed_checkins "$work/out")"
  expect_eq "nothing waits" 0 "$(jq .outbox "$work/out")"
  expect_contains "why is kept" "not an attendee of the event" "$(sqlite3 a.db 'SELECT message FROM outbox_refused')"
  expect_contains "the operator is told" "set aside" "$(cat "$work/err")"
  expect_eq "the status counts it" 1 "$(jq .refused_total "$work/out")"
  expect_contains "with central's reason" "not an attendee of the event" "$(jq -r .last_refusal "$work/out")"
  # A keeps pulling: B's check-in reaches A, which then answers "already".
  local other
  other=$(code_at b.db 5)
  expect_status "B checks in" 0 accueilctl --db b.db checkin "$other" --day 1 --kiosk kiosk-b
  sync_b >/dev/null || fail "B syncs"
  expect_status "A syncs again" 0 sync_a
  expect_eq "A pulled B's check-in" 1 "$(jq .pulled_checkins "$work/out")"
  expect_status "already at A" 3 accueilctl --db a.db checkin "$other" --day 1 --kiosk kiosk-a
  # A login that lost its right to push is no refusal of the data: nothing is set aside, all of it waits.
  central_sql "REVOKE EXECUTE ON FUNCTION accueil.push_checkins(jsonb) FROM accueil_kiosk" >/dev/null
  expect_status "A checks in while it may not push" 0 accueilctl --db a.db checkin "$(code_at a.db 9)" --day 1 --kiosk kiosk-a
  expect_status "A cannot push" 1 sync_a
  expect_contains "says why" "permission denied" "$(cat "$work/err")"
  expect_eq "still one set aside" 1 "$(sqlite3 a.db 'SELECT count(*) FROM outbox_refused')"
  expect_eq "it waits" 1 "$(sqlite3 a.db 'SELECT count(*) FROM outbox WHERE sent_ms IS NULL')"
}

# The cases of the viewer, kiosk ids, heartbeats' printers, walk-ins, corrections
# and tickets before the list: a file of their own, same helpers.
source "$source_dir/tests/integration/central_cases_more.sh"

cases=("$@")
((${#cases[@]})) || cases=(init_idempotent least_privilege import_idempotent two_kiosks offline killed_mid_push late_commit conflict partition follow desk_events refused_entry viewer_report
  kiosk_binding heartbeat_printers walkin_across correction_vs_reimport
  token_never_synced)
for case_name in "${cases[@]}"; do
  mkdir "$work/$case_name" && cd "$work/$case_name" || fail "mkdir $case_name"
  pg_new_database "$case_name"
  started=$SECONDS
  "case_$case_name"
  echo "case $case_name: ok ($((SECONDS - started)) s)"
done
passed
