#!/usr/bin/env bash
# accueilctl end to end, on generated and malformed files.
#   cli_test.sh BIN_DIR SOURCE_DIR CASE
source "$(dirname "$0")/lib.sh" "$1" "$2"
case_name=$3

init() { accueilctl init --event "$sample_event" >/dev/null || fail "init"; }
count() { accueilctl report --json | jq '.total.registered.people'; }

case_demo_round_trip() {
  init
  expect_status "demo-data" 0 accueilctl demo-data --count 1500 --seed 42 --out demo.csv
  expect_status "import" 0 accueilctl import demo.csv --json
  expect_eq "inserted" 1500 "$(jq .inserted out)"
  expect_eq "rejected" 0 "$(jq '.rejected | length' out)"
  expect_eq "encoding" "UTF-8" "$(jq -r .encoding out)"
  expect_status "import again" 0 accueilctl import demo.csv --json
  expect_eq "unchanged on re-import" 1500 "$(jq .unchanged out)"
  expect_eq "nothing added" 0 "$(jq '.inserted + .updated' out)"
  accueilctl demo-data --count 1500 --seed 42 --out again.csv >/dev/null
  expect_eq "same seed, same file" "$(sha256sum <demo.csv)" "$(sha256sum <again.csv)"

  expect_status "search" 0 accueilctl search "moncondhuy" --json --limit 5
  expect_eq "search finds someone" true "$(jq '.count > 0' out)"
  for key in id ticket_code first_name last_name organisation country category; do
    expect_eq "result has $key" true "$(jq --arg k "$key" '.results | all(has($k))' out)"
  done
  expect_eq "accent-free query finds accented name" true \
    "$(accueilctl search "helene" --json --limit 50 | jq '[.results[].first_name] | any(. == "Hélène" or . == "Marie-Hélène")')"

  expect_status "report" 0 accueilctl report --json
  expect_eq "two days" 2 "$(jq '.days | length' out)"
  expect_eq "registered" true "$(jq '.total.registered.people > 1400' out)"
  expect_eq "30+ countries registered" true "$(jq '.total.registered.countries > 30' out)"
  expect_status "report text" 0 accueilctl report
  expect_contains "report text" "local authorities" "$(cat out)"
}

case_windows_1252() {
  init
  printf 'Nom;Pr\xe9nom;Code;Cat\xe9gorie;Pays\r\nMoncond'"'"'huy;H\xe9l\xe8ne;C1;\xc9lu\xb7e;S\xe9n\xe9gal\r\n' >cp1252.csv
  expect_status "import" 0 accueilctl import cp1252.csv --json
  expect_eq "inserted" 1 "$(jq .inserted out)"
  expect_eq "decoded" "Hélène" "$(accueilctl search moncondhuy --json | jq -r '.results[0].first_name')"
  expect_eq "country" "SN" "$(accueilctl search moncondhuy --json | jq -r '.results[0].country')"
}

# Excel's "CSV" on a French Windows: Windows-1252 with bytes ISO-8859-1 does not
# have (0x8C Œ, 0x92 ’, 0x80 €, 0x85 …), which uchardet takes for ISO-8859-1
# (first file) or, with apostrophes only, for Windows-1250 (second file).
case_windows_1252_typography() {
  init
  printf 'Nom;Pr\xe9nom;Code;Cat\xe9gorie\r\n\x8cillet;Marie;C1;elu\r\nBl\xe9riot;Fran\xe7ois;C2;elu\r\n' >oeillet.csv
  expect_status "import" 0 accueilctl import oeillet.csv --json
  expect_eq "read as" "WINDOWS-1252" "$(jq -r .encoding out)"
  expect_eq "Œ decoded" "Œillet" "$(accueilctl search oeillet --json | jq -r '.results[0].last_name')"
  expect_eq "found as typed" "Œillet" "$(accueilctl search Œillet --json | jq -r '.results[0].last_name')"
  printf 'Nom;Prenom;Code;Categorie;Organisme\r\nN\x92Diaye;Awa;C3;elu;Mairie d\x92Aubervilliers\r\nO\x92Neill;Sean;C4;elu;Conseil\r\n' >apostrophes.csv
  expect_status "apostrophes only" 0 accueilctl import apostrophes.csv --json
  expect_eq "inserted" 2 "$(jq .inserted out)"
  expect_eq "’ decoded" "Mairie d’Aubervilliers" "$(sql "SELECT organisation FROM attendees WHERE ticket_code = 'C3'")"
}

case_bad_encoding() {
  init
  printf 'Nom;Code;Cat\xc3\xa9gorie\nDupont;C1;elu\nH\xe9l\xe8ne;C2;elu\n' >mixed.csv
  expect_status "mixed encodings refused" 1 accueilctl import mixed.csv
  expect_contains "says where" "mixed.csv: line 3" "$(cat err)"
  expect_contains "says why" "mixes two encodings" "$(cat err)"
  expect_eq "nothing imported" 0 "$(count)"
  head -c 3000 /dev/urandom >random.bin
  printf '\0' >>random.bin
  expect_status "binary refused" 1 accueilctl import random.bin
  expect_eq "nothing imported" 0 "$(count)"
}

case_empty_file() {
  init
  : >empty.csv
  expect_status "empty refused" 1 accueilctl import empty.csv --json
  expect_contains "says empty" "empty" "$(jq -r .error out)"
  printf 'Nom;Code;Catégorie\r\n' >header-only.csv
  expect_status "header only" 0 accueilctl import header-only.csv --json
  expect_eq "no rows" 0 "$(jq .rows out)"
  expect_status "missing file" 1 accueilctl import nowhere.csv
  expect_contains "names the file" "nowhere.csv" "$(cat err)"
}

case_ragged_rows() {
  init
  printf 'Ref;Nom;Prénom;Catégorie\nA1;Dupont;Jean;elu\nA2;Durand\nA3;Martin;Paul;elu;extra;more\nA4;Petit;Anne;elu\n' >ragged.csv
  expect_status "import" 0 accueilctl import ragged.csv --json
  expect_eq "good rows, and the one with values beyond the header" 3 "$(jq .inserted out)"
  expect_eq "rejected lines" "[3]" "$(jq -c '[.rejected[].line]' out)"
  expect_contains "reason" "2 fields where the header has 4" "$(jq -r '.rejected[0].reason' out)"
  expect_eq "Martin imported from the header's columns" "Martin|Paul" \
    "$(sqlite3 "$ACCUEIL_DB" "SELECT last_name || '|' || first_name FROM attendees WHERE external_ref = 'A3'")"
  expect_contains "flagged with what was left out" '"extra", "more"' "$(jq -r '.warnings[] | select(.line == 4) | .reason' out)"
}

case_days_as_written() {
  init
  printf 'Ref;Nom;Catégorie;Jours\nA1;Dupont;délégué.e.s;3 et 4 décembre\nA2;Durand;ministre;peut-être\nA3;Martin;elu;04/12\n' >days.csv
  expect_status "import" 0 accueilctl import days.csv
  expect_contains "unreadable days said" '1 row imported with a warning:' "$(cat out)"
  expect_contains "the value, and how to write it" '"peut-être" as event days; imported for all days' "$(cat out)"
  expect_eq "nobody lost" 3 "$(sqlite3 "$ACCUEIL_DB" 'SELECT count(*) FROM attendees')"
  expect_eq "inclusive writing" delegation "$(sqlite3 "$ACCUEIL_DB" "SELECT category FROM attendees WHERE external_ref = 'A1'")"
  expect_eq "neutral default" participant "$(sqlite3 "$ACCUEIL_DB" "SELECT category FROM attendees WHERE external_ref = 'A2'")"
}

case_unknown_columns() {
  init
  printf 'Ref;Nom;Prénom;Catégorie;Téléphone;Régime alimentaire\nA1;Dupont;Jean;elu;0102;végétarien\n' >extra.csv
  expect_status "import" 0 accueilctl import extra.csv --json
  expect_eq "imported" 1 "$(jq .inserted out)"
  expect_eq "ignored columns" '["Téléphone","Régime alimentaire"]' "$(jq -c .ignored_columns out)"
  printf 'Téléphone;Ville\n0102;Paris\n' >nothing.csv
  expect_status "no usable column" 1 accueilctl import nothing.csv
  expect_contains "explains" "no column gives the name" "$(cat err)"
  printf '[columns]\n"Téléphone" = "ticket_code"\n"Ville" = "last_name"\n[defaults]\ncategory = "agent"\n' >map.toml
  expect_status "with a mapping" 0 accueilctl import nothing.csv --mapping map.toml --json
  expect_eq "mapped" 1 "$(jq .inserted out)"
}

# Exports as organisers have them, previewed, imported with no option, then
# placed exactly with the mapping file the preview wrote.
case_real_exports() {
  init
  local data="$source_dir/tests/data/import"
  expect_status "preview" 0 accueilctl import "$data/organisateur_fr.csv" --dry-run --write-mapping map.toml
  expect_contains "column chosen, with its header" 'full_name        <- "NOM Prénom"' "$(cat out)"
  expect_contains "combined header" 'organisation     <- "Organisme / Collectivité"' "$(cat out)"
  expect_contains "value read" '"Délégation du Japon"        -> delegation (extends a label' "$(cat out)"
  expect_contains "flagged, with how to map" '3 rows have a category that is not one' "$(cat out)"
  expect_contains "ambiguity said" 'agent or partenaire?' "$(cat out)"
  expect_eq "dry run wrote nothing" 0 "$(count)"
  expect_contains "mapping file" '# "Ministre" = "participant"  # UNKNOWN' "$(cat map.toml)"
  expect_status "json preview" 0 accueilctl import "$data/organisateur_fr.csv" --dry-run --json
  expect_eq "json: flagged values" '["Ministre","Collectivité partenaire",""]' \
    "$(jq -c '[.categories[] | select(.flagged) | .value]' out)"
  expect_eq "json: how" '"extends a label"' "$(jq -c '.categories[] | select(.value == "Presse écrite") | .how' out)"

  expect_status "import" 0 accueilctl import "$data/organisateur_fr.csv"
  expect_eq "nobody lost to a category" 10 "$(count)"
  local id6; id6=$(id_of 6)
  sed -i 's/^# "Ministre" = "participant"/"Ministre" = "organisation"/' map.toml
  expect_status "import with the edited mapping" 0 accueilctl import "$data/organisateur_fr.csv" --mapping map.toml --json
  expect_eq "updated in place" '1 0' "$(jq -r '"\(.updated) \(.inserted)"' out)"
  expect_eq "placed" organisation "$(sql "SELECT category FROM attendees WHERE external_ref = '6'")"
  expect_eq "same person" "$id6" "$(id_of 6)"
  expect_status "again" 0 accueilctl import "$data/organisateur_fr.csv" --mapping map.toml --json
  expect_eq "idempotent" 10 "$(jq .unchanged out)"

  # Each platform's export into a store of its own (their references would meet).
  for f in eventbrite_attendees billetterie_fr helloasso pretix_checkin indico_registrations google_forms_fr microsoft_forms; do
    export ACCUEIL_DB="$work/$f.db"
    init
    expect_status "$f with no option" 0 accueilctl import "$data/$f.csv" --json
    expect_eq "$f: nothing rejected" 0 "$(jq '.rejected | length' out)"
    expect_eq "$f: everyone imported" "$(jq .rows out)" "$(sql "SELECT count(*) FROM attendees")"
  done
  expect_eq "Eventbrite ticket type" intervenant "$(sql -cmd "ATTACH '$work/eventbrite_attendees.db' AS e" \
    "SELECT category FROM e.attendees WHERE external_ref = '9912345001'")"
}

# A short update file (fewer columns) after a full export, then a full export
# that no longer lists someone.
case_short_reimport() {
  init
  printf 'Ref;Code;Nom;Prénom;Organisme;Fonction;Catégorie;Jours;Statut\nR1;RIC-1;Dupont;Jean;Mairie de Lyon;Adjoint;elu;1;annulé\nR2;RIC-2;Durand;Marie;Ambassade;Conseillère;ambassade;2;\nR3;RIC-3;Martin;Paul;Métropole;Agent;agent;1,2;\n' >full.csv
  accueilctl import full.csv >/dev/null || fail "full import"
  local before
  before=$(sql "SELECT status, organisation, function, days, ticket_code, category FROM attendees WHERE external_ref = 'R1'")
  printf 'Ref;Nom;Prénom\nR1;Dupont;Jeanne\nR3;Martin;Paul\n' >short.csv
  expect_status "short update" 0 accueilctl import short.csv --json
  expect_eq "updated" 1 "$(jq .updated out)"
  expect_eq "other fields kept" "$before" \
    "$(sql "SELECT status, organisation, function, days, ticket_code, category FROM attendees WHERE external_ref = 'R1'")"
  expect_eq "name changed" "Jeanne" "$(sql "SELECT first_name FROM attendees WHERE external_ref = 'R1'")"
  expect_eq "missing reported" '["R2"]' "$(jq -c '[.missing[].external_ref]' out)"
  expect_eq "not cancelled unasked" active "$(sql "SELECT status FROM attendees WHERE external_ref = 'R2'")"
  expect_eq "QR still known" ok "$(accueilctl checkin RIC-3 --day 1 --json | jq -r .outcome)"

  expect_status "summary" 0 accueilctl import short.csv
  expect_contains "summary says" "1 registrations of earlier imports are not in this file" "$(cat out)"
  expect_contains "names them" "Marie Durand (R2)" "$(cat out)"
  expect_status "dry run" 0 accueilctl import short.csv --cancel-missing --dry-run --json
  expect_eq "would cancel" 1 "$(jq .cancelled out)"
  expect_eq "dry run changes nothing" active "$(sql "SELECT status FROM attendees WHERE external_ref = 'R2'")"
  expect_status "cancel missing" 0 accueilctl import short.csv --cancel-missing --json
  expect_eq "cancelled" 1 "$(jq .cancelled out)"
  expect_eq "R2 cancelled" cancelled "$(sql "SELECT status FROM attendees WHERE external_ref = 'R2'")"
  expect_eq "R3 untouched" active "$(sql "SELECT status FROM attendees WHERE external_ref = 'R3'")"
  expect_eq "cancelled at the door" cancelled "$(accueilctl checkin RIC-2 --day 2 --json | jq -r .outcome)"
  # Another event's export given as the full one: refused, nothing changes.
  printf 'Ref;Nom;Prénom\nZ1;Autre;Zoé\n' >other.csv
  expect_status "another event's file" 1 accueilctl import other.csv --cancel-missing
  expect_contains "says why" "would cancel 1 of the 1 registrations" "$(cat "$work/err")"
  expect_contains "says how" "--cancel-many" "$(cat "$work/err")"
  expect_eq "nobody cancelled" active "$(sql "SELECT status FROM attendees WHERE external_ref = 'R3'")"
  expect_eq "nobody added" 0 "$(sql "SELECT count(*) FROM attendees WHERE external_ref = 'Z1'")"
}

case_duplicate_references() {
  init
  printf 'Ref;Code;Nom;Catégorie\nA1;C1;Dupont;elu\nA2;C2;Durand;elu\nA1;C3;Martin;elu\nA4;C2;Petit;elu\n' >dups.csv
  expect_status "import" 0 accueilctl import dups.csv --json
  expect_eq "imported" 2 "$(jq .inserted out)"
  expect_eq "rejected" '[4,5]' "$(jq -c '[.rejected[].line]' out)"
  expect_contains "duplicate ref" "already used on line 2" "$(jq -r '.rejected[0].reason' out)"
  expect_contains "duplicate code" "already used on line 3" "$(jq -r '.rejected[1].reason' out)"
}

case_huge_field() {
  init
  {
    printf 'Ref;Nom;Organisme;Catégorie\nA1;Dupont;Mairie;elu\nA2;Durand;"'
    head -c 10485760 /dev/zero | tr '\0' 'x'
    printf '";elu\nA3;Martin;Mairie;elu\n'
  } >huge.csv
  expect_status "import" 0 accueilctl import huge.csv --json
  expect_eq "others imported" 2 "$(jq .inserted out)"
  expect_eq "rejected line" 3 "$(jq '.rejected[0].line' out)"
  expect_eq "rejected field" "Organisme" "$(jq -r '.rejected[0].field' out)"
  printf 'Ref;Nom;Catégorie\nA9;"never closed;elu\nA10;Martin;elu\n' >open-quote.csv
  expect_status "unterminated quote" 1 accueilctl import open-quote.csv
  expect_contains "says where" "open-quote.csv: line 2" "$(cat err)"
  expect_eq "unchanged" 2 "$(count)"
}

case_checkin_and_undo() {
  init
  printf 'Ref;Code;Nom;Prénom;Catégorie;Jours\nA1;C1;Dupont;Jean;elu;1\nA2;C2;Durand;Marie;elu;2\n' >list.csv
  accueilctl import list.csv >/dev/null || fail import
  expect_status "check in" 0 accueilctl checkin C1 --day 1 --kiosk entree-1 --json
  expect_eq "ok" ok "$(jq -r .outcome out)"
  expect_eq "where" entree-1 "$(jq -r .checkin.kiosk out)"
  expect_status "twice" 3 accueilctl checkin C1 --day 1 --kiosk entree-2 --json
  expect_eq "already" already_checked_in "$(jq -r .outcome out)"
  expect_eq "where first" entree-1 "$(jq -r .previous.kiosk out)"
  expect_status "wrong day" 3 accueilctl checkin C2 --day 1 --json
  expect_eq "not today" not_registered_today "$(jq -r .outcome out)"
  expect_status "unknown" 3 accueilctl checkin NOPE --day 1 --json
  expect_eq "unknown" unknown "$(jq -r .outcome out)"
  expect_status "no such day" 1 accueilctl checkin C1 --day 3
  expect_status "undo" 0 accueilctl undo A1 --day 1 --reason "wrong person"
  expect_status "undo twice" 1 accueilctl undo A1 --day 1
  expect_contains "why" "no check-in to undo" "$(cat err)"
  expect_status "again after undo" 0 accueilctl checkin C1 --day 1
  expect_eq "log" 3 "$(sqlite3 "$ACCUEIL_DB" 'SELECT count(*) FROM checkins')"
  expect_eq "outbox" 3 "$(sqlite3 "$ACCUEIL_DB" 'SELECT count(*) FROM outbox WHERE sent_ms IS NULL')"
}

# A search cut at --limit says so, and how many matched; each person found
# says which days they are checked in.
case_search_total_and_arrivals() {
  init
  printf 'Ref;Code;Nom;Prénom;Catégorie;Jours\nA1;C1;Dupont;Jean;elu;1,2\nA2;C2;Dupond;Marie;elu;1,2\nA3;C3;Dupont;Luc;elu;1\nA4;C4;Dupontel;Ana;elu;2\n' >list.csv
  accueilctl import list.csv >/dev/null || fail import
  accueilctl checkin C2 --day 1 >/dev/null || fail "check in"
  accueilctl checkin C2 --day 2 >/dev/null || fail "check in"
  accueilctl checkin C3 --day 1 >/dev/null || fail "check in"
  expect_status "a search cut at --limit" 0 accueilctl --json search dupon --limit 2
  expect_eq "count: the results given" 2 "$(jq .count out)"
  expect_eq "total: everyone who matched" 4 "$(jq .total out)"
  expect_eq "says it was cut" "true 2" "$(jq -r '"\(.truncated) \(.limit)"' out)"
  expect_status "everyone" 0 accueilctl --json search dupon
  expect_eq "not cut" "false 4 4" "$(jq -r '"\(.truncated) \(.count) \(.total)"' out)"
  expect_eq "who arrived, which days" "C1 [] C2 [1,2] C3 [1] C4 []" \
    "$(jq -r '[.results[] | "\(.ticket_code) \(.checked_in_days | tojson)"] | sort | join(" ")' out)"
  expect_eq "the attendee's own fields are as before" "Dupond elu [1,2]" \
    "$(jq -r '.results[] | select(.ticket_code == "C2") | "\(.last_name) \(.category) \(.days | tojson)"' out)"
  expect_status "in text" 0 accueilctl search dupon --limit 2
  expect_contains "says how many of how many" "2 of 4 shown" "$(cat out)"
  expect_status "in text, everyone" 0 accueilctl search dupon
  expect_contains "who arrived" "Marie Dupond - " "$(grep 'checked in: day 1, 2' out)"
  expect_eq "nothing said of a cut" "" "$(grep ' shown' out)"
}

# A walk-in whose name is already registered (accents and case aside) is said
# and not written, as at the desk; --anyway registers a namesake.
case_walkin_duplicate() {
  init
  printf 'Ref;Code;Nom;Prénom;Organisme;Catégorie;Jours\nA1;C1;Lefèvre;Émilie;Mairie de Lyon;elu;1\n' >list.csv
  accueilctl import list.csv >/dev/null || fail import
  expect_status "a namesake at the desk" 3 accueilctl walkin --first-name EMILIE --last-name LEFEVRE \
    --organisation "Mairie de Lyon" --category elu --day 1 --operator Test
  expect_contains "says who" "Émilie Lefèvre, Mairie de Lyon, is already registered" "$(cat err)"
  expect_eq "nobody added" 1 "$(sqlite3 "$ACCUEIL_DB" 'SELECT count(*) FROM attendees')"
  expect_eq "nothing logged" 0 "$(sqlite3 "$ACCUEIL_DB" 'SELECT count(*) FROM checkins')"
  expect_status "not the same person" 0 accueilctl walkin --first-name EMILIE --last-name LEFEVRE \
    --organisation "Mairie de Lyon" --category elu --day 1 --operator Test --anyway
  expect_eq "the namesake added" 2 "$(sqlite3 "$ACCUEIL_DB" 'SELECT count(*) FROM attendees')"
}

case_signed_tickets() {
  init
  accueilctl demo-data --count 20 --seed 5 --out demo.csv >/dev/null && accueilctl import demo.csv >/dev/null || fail setup
  expect_status "keygen" 0 accueilctl keygen --secret "$ACCUEIL_SIGNING_KEY" --public key.pub
  expect_eq "secret key private" 600 "$(stat -c %a "$ACCUEIL_SIGNING_KEY")"
  expect_status "keygen twice refused" 1 accueilctl keygen --secret "$ACCUEIL_SIGNING_KEY" --public key.pub
  expect_status "tickets" 0 accueilctl tickets --out tickets --json
  local n
  n=$(jq .tickets out)
  expect_eq "csv rows" "$((n + 1))" "$(wc -l <tickets/tickets.csv)"
  local png
  png=$(find tickets -name '*.png' | sort | head -1)
  local token
  token=$(zbarimg --nodbus -q --raw "$png") || fail "zbarimg could not read $png"
  expect_contains "a signed token" "AC1:" "$token"
  expect_status "token checks in" 0 accueilctl checkin "$token" --day 2 --json
  expect_eq "ok" ok "$(jq -r .outcome out)"
  local altered="${token:0:30}$([[ ${token:30:1} == A ]] && echo B || echo A)${token:31}"
  expect_status "altered token" 3 accueilctl checkin "$altered" --day 2 --json
  expect_eq "invalid" invalid_signature "$(jq -r .outcome out)"
  accueilctl keygen --secret other.key --public other.pub --db /nonexistent/none.db >/dev/null || fail "second key"
  ACCUEIL_SIGNING_KEY=other.key expect_status "a key the kiosks do not trust" 1 accueilctl tickets --out other
  expect_contains "explains" "does not match the public key" "$(cat err)"
}

case_badges() {
  init
  accueilctl demo-data --count 300 --seed 9 --out demo.csv >/dev/null && accueilctl import demo.csv >/dev/null || fail setup
  accueilctl keygen --secret "$ACCUEIL_SIGNING_KEY" --public key.pub >/dev/null && accueilctl tickets --out t >/dev/null ||
    fail tickets
  local ref token
  ref=$(awk -F, 'NR == 2 { print $1 }' t/tickets.csv)
  token=$(awk -F, 'NR == 2 { print $9 }' t/tickets.csv)
  for out in badge.png badge.pbm badge.pdf; do
    expect_status "badge $out" 0 accueilctl badge "$ref" --out "$out"
  done
  expect_eq "PNG QR holds the ticket" "$token#1" "$(zbarimg --nodbus -q --raw badge.png)"
  expect_eq "1-bit QR holds the ticket" "$token#1" "$(zbarimg --nodbus -q --raw badge.pbm)"
  expect_status "203 dpi" 0 accueilctl badge "$ref" --template continuous-62 --dpi 203 --out small.pbm
  expect_eq "203 dpi QR holds the ticket" "$token#1" "$(zbarimg --nodbus -q --raw small.pbm)"
  local last
  last=$(sqlite3 "$ACCUEIL_DB" "SELECT last_name FROM attendees WHERE external_ref = '$ref'")
  expect_contains "PDF text" "$last" "$(pdftotext badge.pdf -)"

  expect_status "VIP sheets" 0 accueilctl badges --vip --out vip.pdf --json
  local n
  n=$(jq .badges out)
  expect_eq "as many badges as active VIPs" "$(sqlite3 "$ACCUEIL_DB" "SELECT count(*) FROM attendees WHERE vip AND status = 'active'")" "$n"
  expect_eq "pages" "$(jq .sheets out)" "$(pdfinfo vip.pdf | awk '/^Pages:/ { print $2 }')"
  local vip
  vip=$(sqlite3 "$ACCUEIL_DB" "SELECT organisation FROM attendees WHERE vip AND status = 'active' LIMIT 1")
  expect_contains "a VIP's organisation in the PDF" "${vip%% *}" "$(pdftotext vip.pdf - | tr '\n' ' ')"
  expect_status "press on day 2" 0 accueilctl badges --category presse --day 2 --template label-62x100 --out press.pdf
  expect_status "unknown category" 1 accueilctl badges --category nope --out x.pdf
  expect_status "unknown template" 1 accueilctl badge "$ref" --template nope --out x.pdf
  expect_contains "lists templates" "label-62x100" "$(cat err)"
  expect_status "unknown attendee" 1 accueilctl badge nobody --out x.pdf
}

case_no_store() {
  expect_status "search without store" 1 accueilctl search dupont
  expect_contains "explains" "accueilctl init" "$(cat err)"
  expect_status "bad event file" 1 accueilctl init --event "$source_dir/README.md"
  expect_status "json error" 1 accueilctl report --json
  expect_contains "json error document" '"error"' "$(cat out)"
}

"case_$case_name" || fail "case $case_name"
passed
