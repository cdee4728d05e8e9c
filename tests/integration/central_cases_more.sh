# More cases of central_test.sh (sourced by it, with its helpers and server):
# the viewer's report, kiosk ids bound to logins, printers in heartbeats, a
# walk-in across kiosks, desk corrections against re-imports, signed tickets
# at a kiosk that never synced.
# The viewer's report over central: figures only, from views that carry no
# name or e-mail; --event-id chooses among several events.
case_viewer_report() {
  init_central
  import_demo 100
  sync_a >/dev/null || fail "first sync"
  local i
  for i in 1 2 3; do
    accueilctl --db a.db checkin "$(code_at a.db $i)" --day 1 --kiosk kiosk-a >/dev/null || fail "check-in $i"
  done
  sync_a >/dev/null || fail "A pushes"
  expect_status "report as the viewer" 0 accueilctl report --central "$(url_as board)" --json
  expect_eq "viewer's report = A's report" "$(accueilctl --db a.db report --json | jq -S 'del(.generated_at)')" \
    "$(jq -S 'del(.generated_at)' "$work/out")"
  expect_eq "three present" 3 "$(jq '.days[0].checked_in.people' "$work/out")"
  expect_status "report as text" 0 accueilctl report --central "$(url_as board)"
  expect_contains "the figures" "participants" "$(cat "$work/out")"
  # Several events: the viewer says which.
  sed 's/^id = "rencontres-2026"/id = "other-2027"/' "$sample_event" >other.toml
  accueilctl central init --url "$pg_url" --event other.toml >/dev/null || fail "init other"
  expect_status "which event?" 1 accueilctl report --central "$(url_as board)"
  expect_contains "says to choose" "--event-id" "$(cat "$work/err")"
  expect_status "--event-id" 0 accueilctl report --central "$(url_as board)" --event-id rencontres-2026 --json
  expect_eq "the chosen event's figures" 3 "$(jq '.days[0].checked_in.people' "$work/out")"
  expect_status "--event-id of the other" 0 accueilctl report --central "$(url_as board)" --event-id other-2027 --json
  expect_eq "nobody there" 0 "$(jq '.days[0].checked_in.people' "$work/out")"
  expect_status "an unknown event" 1 accueilctl report --central "$(url_as board)" --event-id nowhere
  expect_contains "says which" 'no event "nowhere"' "$(cat "$work/err")"
  # Least privilege: still no table, no name, no e-mail for the viewer; no report views for a kiosk.
  psql_as board "SELECT first_name FROM accueil.attendees" >/dev/null 2>&1 && fail "the viewer read names"
  psql_as board "SELECT email FROM accueil.report_attendees" >/dev/null 2>&1 && fail "the viewer read e-mails"
  psql_as board "SELECT operator FROM accueil.report_checkins" >/dev/null 2>&1 && fail "the viewer read operators"
  psql_as board "SELECT email_letters FROM accueil.events" >/dev/null 2>&1 && fail "the viewer read events' settings"
  psql_as kiosk_a "SELECT count(*) FROM accueil.report_attendees" >/dev/null 2>&1 && fail "a kiosk read the report view"
  checks=$((checks + 5))
}

# A kiosk id belongs to the login that first used it: kiosk B's login can
# neither record A's heartbeat nor log events in A's name.
case_kiosk_binding() {
  init_central
  import_demo 20
  sync_a >/dev/null && sync_b >/dev/null || fail "first syncs"
  expect_eq "bound" "kiosk-a kiosk_a,kiosk-b kiosk_b" \
    "$(central_sql "SELECT string_agg(kiosk || ' ' || login, ',' ORDER BY kiosk) FROM accueil.kiosk_ids")"
  local before
  before=$(central_sql "SELECT at FROM accueil.heartbeats WHERE kiosk = 'kiosk-a'")
  expect_status "B's login as kiosk-a" 1 accueilctl --db b.db sync --central "$(url_as kiosk_b)" --kiosk kiosk-a
  expect_contains "says whose it is" 'the kiosk id "kiosk-a" belongs to the login kiosk_a, not to kiosk_b' "$(cat "$work/err")"
  psql_as kiosk_b "SELECT accueil.heartbeat('kiosk-a', 'x', now(), 0, '[]')" >/dev/null 2>"$work/err" &&
    fail "B's login wrote A's heartbeat"
  expect_contains "refused by central" "belongs to the login kiosk_a" "$(cat "$work/err")"
  expect_eq "A's heartbeat untouched" "$before kiosk_a" \
    "$(central_sql "SELECT at || ' ' || login FROM accueil.heartbeats WHERE kiosk = 'kiosk-a'")"
  # A check-in logged at B under A's id is set aside, not taken.
  expect_status "B checks in as kiosk-a" 0 accueilctl --db b.db checkin "$(code_at b.db 2)" --day 1 --kiosk kiosk-a
  expect_status "B syncs" 0 sync_b
  expect_eq "set aside" 1 "$(jq .refused "$work/out")"
  expect_eq "nothing in A's name at central" 0 "$(central_sql "SELECT count(*) FROM accueil.checkins WHERE kiosk = 'kiosk-a'")"
  # A keeps its own id.
  expect_status "A as itself" 0 sync_a
}

# Heartbeats carry printers in the common vocabulary of printer states;
# accueilctl sync has none, whatever the store's print queue serves.
case_heartbeat_printers() {
  init_central
  import_demo 10
  sync_a >/dev/null || fail "first sync"
  sqlite3 a.db "INSERT INTO print_queue_holders VALUES ('h:1', 'accueil kiosk kiosk-a', 'desk', 0, 0)"
  expect_status "sync" 0 sync_a
  expect_eq "accueilctl sync: no printers" "[]" "$(central_sql "SELECT printers FROM accueil.heartbeats WHERE kiosk = 'kiosk-a'")"
  expect_eq "a kiosk's printers" "" "$(psql_as kiosk_a "SELECT accueil.heartbeat('kiosk-a', '1', now(), 0,
    '[{\"name\": \"desk\", \"state\": \"media_empty\", \"queue\": 4}]')")"
  expect_eq "recorded" "desk media_empty 4" \
    "$(central_sql "SELECT p->>'name' || ' ' || (p->>'state') || ' ' || (p->>'queue') FROM accueil.heartbeats,
                    jsonb_array_elements(printers) AS p WHERE kiosk = 'kiosk-a'")"
  local bad
  for bad in '[{"name": "desk", "state": "on fire", "queue": 0}]' '[{"name": "desk", "state": "none", "queue": -1}]' \
             '[{"state": "none", "queue": 0}]' '{"name": "desk"}'; do
    psql_as kiosk_a "SELECT accueil.heartbeat('kiosk-a', '1', now(), 0, '$bad')" >/dev/null 2>"$work/err" &&
      fail "central took the printers $bad"
    expect_contains "refused: $bad" "heartbeats_printers_check" "$(cat "$work/err")"
  done
}

# A walk-in registered at the desk of A is found by name at B once both synced.
case_walkin_across() {
  init_central
  import_demo 30
  sync_a >/dev/null && sync_b >/dev/null || fail "first syncs"
  expect_status "walk-in at A" 0 accueilctl --db a.db walkin --first-name Tsiory --last-name Randrianarivelo \
    --organisation "Commune d'Antsirabe" --country MG --category delegation --day 1 --kiosk kiosk-a --operator Claire
  expect_status "nobody of that name at B yet" 0 accueilctl --db b.db search Randrianarivelo --json
  expect_eq "not yet" 0 "$(jq .count "$work/out")"
  expect_status "A pushes" 0 sync_a
  expect_eq "the record and the walk-in" "1 1" "$(jq -r '"\(.pushed_attendees) \(.pushed_checkins)"' "$work/out")"
  expect_status "B pulls" 0 sync_b
  expect_status "found by name at B" 0 accueilctl --db b.db search randrianarivelo --json
  expect_eq "one" 1 "$(jq .count "$work/out")"
  expect_eq "the walk-in" "Tsiory Randrianarivelo, Commune d'Antsirabe" \
    "$(jq -r '.results[0] | "\(.first_name) \(.last_name), \(.organisation)"' "$work/out")"
  local id
  id=$(jq -r '.results[0].id' "$work/out")
  expect_status "already checked in at B" 3 accueilctl --db b.db checkin "$id" --day 1 --kiosk kiosk-b
  expect_contains "by A" "kiosk-a" "$(cat "$work/out")"
  expect_eq "once at central" 1 "$(central_sql "SELECT count(*) FROM accueil.attendees WHERE last_name = 'Randrianarivelo'")"
}

# A desk's correction reaches central and the other kiosks; a re-import that
# leaves the field as it was keeps it; one that changes the field wins, and
# the correction it replaced is listed.
case_correction_vs_reimport() {
  init_central
  import_demo 30
  sync_a >/dev/null && sync_b >/dev/null || fail "first syncs"
  local ref
  ref=$(sqlite3 a.db "SELECT external_ref FROM attendees ORDER BY external_ref LIMIT 1 OFFSET 4")
  expect_status "desk at A corrects" 0 accueilctl --db a.db correct "$ref" --set "organisation=Ville de Rodez" \
    --set "last_name=Dupont-Corrigé" --day 1 --kiosk kiosk-a --operator Claire
  expect_status "A pushes" 0 sync_a
  expect_eq "at central" "Ville de Rodez Dupont-Corrigé" \
    "$(central_sql "SELECT organisation || ' ' || last_name FROM accueil.attendees WHERE external_ref = '$ref'")"
  expect_status "B pulls" 0 sync_b
  expect_eq "at B" "Ville de Rodez" "$(sqlite3 b.db "SELECT organisation FROM attendees WHERE external_ref = '$ref'")"
  # The same file again: it says what it said, the corrections stay.
  expect_status "re-import, file unchanged" 0 accueilctl central import demo.csv --url "$pg_url" --json
  expect_eq "kept" 1 "$(jq .corrections_kept "$work/out")"
  expect_eq "none overridden" 0 "$(jq '.corrections_overridden | length' "$work/out")"
  expect_eq "still corrected" "Ville de Rodez Dupont-Corrigé" \
    "$(central_sql "SELECT organisation || ' ' || last_name FROM accueil.attendees WHERE external_ref = '$ref'")"
  # The organiser's file now changes the organisation: the file wins there, the name stays corrected.
  local line
  line=$(grep -n "^$ref;" demo.csv | cut -d: -f1)
  [[ -n $line ]] || fail "no line for $ref in demo.csv: $(head -2 demo.csv)"
  awk -v n="$line" 'BEGIN { FS = OFS = ";" } NR == n { $8 = "Rodez Agglomération" } { print }' demo.csv >demo2.csv
  expect_status "re-import, organisation changed" 0 accueilctl central import demo2.csv --url "$pg_url" --json
  expect_eq "the file wins on the field it changed" "Rodez Agglomération Dupont-Corrigé" \
    "$(central_sql "SELECT organisation || ' ' || last_name FROM accueil.attendees WHERE external_ref = '$ref'")"
  expect_eq "the replaced correction listed" "organisation Ville de Rodez Rodez Agglomération" \
    "$(jq -r '.corrections_overridden[] | "\(.field) \(.desk_value) \(.file_value)"' "$work/out")"
  expect_eq "and recorded" "organisation|Ville de Rodez|Rodez Agglomération" \
    "$(central_sql "SELECT field, desk_value, file_value FROM accueil.import_overrides")"
  expect_status "B pulls the file's value" 0 sync_b
  expect_eq "at B" "Rodez Agglomération" "$(sqlite3 b.db "SELECT organisation FROM attendees WHERE external_ref = '$ref'")"
  # Pushing the correction again changes nothing (applied once).
  sqlite3 a.db "UPDATE outbox SET sent_ms = NULL"
  expect_status "sent again" 0 sync_a
  expect_eq "the file's value stays" "Rodez Agglomération" \
    "$(central_sql "SELECT organisation FROM accueil.attendees WHERE external_ref = '$ref'")"
}

# A signed ticket at a kiosk that never synced (no list): checked in from the
# ticket alone and queued; central files the check-in under the person it
# already has (the kiosk's record becomes an alias), and the pull then makes
# the kiosk's record central's person: one record, one check-in, nothing doubled.
case_token_never_synced() {
  accueilctl demo-data --count 30 --seed 7 --event "$sample_event" --out demo.csv >/dev/null || fail "demo-data"
  # The organiser's store signs the tickets; the event file the kiosks get carries the public key.
  accueilctl --db org.db init --event "$sample_event" >/dev/null && accueilctl --db org.db import demo.csv >/dev/null &&
    accueilctl --db org.db keygen --secret org.key --public org.pub >/dev/null &&
    ACCUEIL_SIGNING_KEY=org.key accueilctl --db org.db tickets --out tickets >/dev/null || fail "tickets"
  sed "s|^id = \"rencontres-2026\"|id = \"rencontres-2026\"\npublic_key = \"$(tr -d '\n' <org.pub)\"|" "$sample_event" >signed.toml
  accueilctl central init --url "$pg_url" --event signed.toml --kiosk kiosk_a --kiosk kiosk_b >/dev/null || fail "init"
  accueilctl central import demo.csv --url "$pg_url" >/dev/null || fail "central import"
  local ref token
  ref=$(grep -v '"' tickets/tickets.csv | awk -F, 'NR == 3 { print $1 }')
  token=$(grep -v '"' tickets/tickets.csv | awk -F, 'NR == 3 { print $9 }')
  accueilctl --db c.db init --event signed.toml >/dev/null || fail "the kiosk's store"
  expect_status "the ticket checks in with no list" 0 accueilctl --db c.db checkin "$token" --day 1 --kiosk kiosk-c
  expect_eq "a record from the ticket" "1 token" "$(sqlite3 c.db "SELECT count(*) || ' ' || source FROM attendees")"
  expect_status "first sync" 0 accueilctl --db c.db sync --central "$(url_as kiosk_a)" --kiosk kiosk-c --json
  expect_eq "the check-in taken, nothing refused" "1 0" "$(jq -r '"\(.pushed_checkins) \(.refused)"' "$work/out")"
  expect_eq "no second record at central" 30 "$(central_sql 'SELECT count(*) FROM accueil.attendees')"
  expect_eq "filed under central's person" "$ref" \
    "$(central_sql 'SELECT a.external_ref FROM accueil.checkins c JOIN accueil.attendees a ON a.id = c.attendee_id')"
  expect_eq "the whole list, once" "30|30" "$(sqlite3 c.db "SELECT count(*), count(DISTINCT external_ref) FROM attendees")"
  expect_eq "one check-in" 1 "$(sqlite3 c.db 'SELECT count(*) FROM checkins')"
  expect_status "already, at the kiosk" 3 accueilctl --db c.db checkin "$token" --day 1 --kiosk kiosk-c
  # Another kiosk sees the check-in under the person it pulled; C sees B's events of that person.
  sync_b >/dev/null || fail "B syncs"
  expect_status "already at B" 3 accueilctl --db b.db checkin "$(sqlite3 b.db "SELECT id FROM attendees WHERE external_ref = '$ref'")" \
    --day 1 --kiosk kiosk-b
  expect_status "B checks them in for day 2" 0 accueilctl --db b.db checkin \
    "$(sqlite3 b.db "SELECT id FROM attendees WHERE external_ref = '$ref'")" --day 2 --kiosk kiosk-b
  sync_b >/dev/null || fail "B pushes"
  expect_status "C pulls" 0 accueilctl --db c.db sync --central "$(url_as kiosk_a)" --kiosk kiosk-c --json
  expect_eq "B's check-in at C" 1 "$(jq .pulled_checkins "$work/out")"
  expect_status "already for day 2 at C" 3 accueilctl --db c.db checkin "$token" --day 2 --kiosk kiosk-c
  expect_eq "nothing doubled at central" "2 2" "$(central_sql 'SELECT count(*), count(DISTINCT uuid) FROM accueil.checkins' | tr '|' ' ')"
}
