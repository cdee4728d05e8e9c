#!/usr/bin/env bash
# The kiosk at the door when its printer fails, and after a restart: the real
# accueil binary under Xvfb, printing Brother QL raster over raw TCP to a
# socat listener on loopback that the test stops and starts (a network label
# printer switched off, then on).
#
#   1. The printer goes away between two people: the next one scans, is
#      checked in, and is sent to reception as soon as the print queue holds
#      the badge for the trouble (a few seconds), not after print_timeout_s
#      (60 s here). Their badge is on the reception list.
#   2. A scan on the "out of order" screen is answered ("your code was read,
#      this kiosk cannot print: next kiosk or reception"); nothing is recorded,
#      so the next kiosk checks them in.
#   3. A restart with badges of this kiosk still queued: the one queued longer
#      ago than print_timeout_s goes to the reception list (nobody waits for it
#      at the kiosk); one queued just now prints.
#
#   kiosk_doors_e2e.sh BIN_DIR SOURCE_DIR SHOTS_DIR
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../integration/lib.sh" "$1" "$2"
source "$here/scanner.sh"
source "$here/kiosk_trace.sh"
shots=$3

for tool in Xvfb xdotool socat; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed (deploy/setup.sh test installs it)"; exit 77; }
done

checkins_of() { sql "SELECT count(*) FROM checkins WHERE kind = 'checkin' AND attendee_id = '$(id_of "$1")'"; }
state_of_request() { sql "SELECT state FROM print_requests WHERE id = $1"; }
newest_request_of() { sql "SELECT max(id) FROM print_requests WHERE attendee_id = '$(id_of "$1")'"; }

accueilctl init --event "$sample_event" >/dev/null || fail "init"
accueilctl keygen --secret "$ACCUEIL_SIGNING_KEY" --public key.pub >/dev/null || fail "keygen"
printf '%s\n' \
  "Référence;Code billet;Prénom;Nom;Organisme;Catégorie;Pays;Langue;Jours;Statut" \
  "DOOR-1;DOOR-1;Hélène;Premier;Ville de Poitiers;Élu·e;France;fr;1,2;Confirmé" \
  "DOOR-2;DOOR-2;Mathilde;Deuxième;Ville de Lyon;Élu·e;France;fr;1,2;Confirmé" \
  "DOOR-3;DOOR-3;Camille;Troisième;Ville de Nantes;Élu·e;France;fr;1,2;Confirmé" \
  "DOOR-OLD;DOOR-OLD;Denis;Ancien;Ville de Brest;Élu·e;France;fr;1,2;Confirmé" \
  "DOOR-NEW;DOOR-NEW;Inès;Récente;Ville de Rennes;Élu·e;France;fr;1,2;Confirmé" \
  >door.csv
accueilctl import door.csv >/dev/null || fail "import door.csv"
accueilctl tickets --out tickets >/dev/null || fail "tickets"

# A free loopback port for the "printer".
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printer_pid=
printer_on() {
  socat -u "TCP-LISTEN:$port,bind=127.0.0.1,reuseaddr,fork" "OPEN:$work/received.prn,creat,append" 2>>"$work/socat.log" &
  printer_pid=$!
  wait_until 10 "the printer's port" bash -c "exec 3<>/dev/tcp/127.0.0.1/$port"
}
printer_off() {
  kill "$printer_pid" 2>/dev/null
  wait "$printer_pid" 2>/dev/null
  printer_pid=
}
received_bytes() { stat -c %s "$work/received.prn" 2>/dev/null || echo 0; }

kiosk_config() {  # kiosk_config PRINT_TIMEOUT_S
  printf '%s\n' 'store = "store.db"' 'kiosk = "door"' 'rehearsal_day = 1' 'printer = "door"' \
    "print_timeout_s = $1" 'list_check_s = 1' '[scanner]' 'layout = "us"' \
    '[screen]' 'fullscreen = false' 'width = 1280' 'height = 800' \
    '[[printers]]' 'name = "door"' "uri = \"tcp:127.0.0.1:$port:brother-ql-820nwb\"" 'media = "62x100"' \
    'template = "label-62x100"' >kiosk.toml
}
printf '%s\n' '[[printers]]' 'name = "door"' "uri = \"tcp:127.0.0.1:$port:brother-ql-820nwb\"" 'media = "62x100"' \
  'template = "label-62x100"' >printers.toml

xvfb_pid=
kiosk_pid=
cleanup() {
  kill $kiosk_pid $printer_pid "$xvfb_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

start_xvfb "$work"
rm -rf "$shots" && mkdir -p "$shots"
trace=$work/trace.txt
log=$work/kiosk.log
fail() {
  echo "FAIL: $*" >&2
  cp "$trace" "$shots/trace.txt" 2>/dev/null
  cp "$log" "$shots/kiosk.log" 2>/dev/null
  echo "(the kiosk's trace and log are in $shots)" >&2
  exit 1
}
start_kiosk() {
  : >"$trace"
  seen=0
  accueil --config kiosk.toml --screenshots "$shots" --trace "$trace" >>"$log" 2>&1 &
  kiosk_pid=$!
  wait_until 20 "the kiosk's first frame" grep -q " first_frame" "$trace"
  wait_until 20 "the kiosk's print queue" grep -q " print_queue started" "$trace"
  xdotool search --sync --name '^Accueil$' windowfocus --sync >/dev/null 2>&1 || fail "no kiosk window"
}
stop_kiosk() {
  kill "$kiosk_pid" 2>/dev/null
  wait "$kiosk_pid" 2>/dev/null
  kiosk_pid=
}

# --- 1. The printer goes away between two people ---------------------------------------------
printer_on
kiosk_config 60
start_kiosk
wait_for " screen welcome" 10
scan "$(token_of DOOR-1)"
wait_for " decision ok" 10
wait_for " print printed" 20
wait_for " screen done" 10
expect_eq "a badge reached the printer" 1 "$(( $(received_bytes) > 1000 ))"

printer_off
scan "$(token_of DOOR-2)"
wait_for " decision ok" 10
scanned_at=$SECONDS
wait_for " screen printing" 5
# The queue meets "offline" at its first try, a second or so later. Before,
# the attendee stood there until print_timeout_s (60 s).
wait_for " screen printer_trouble" 15
expect_eq "sent to reception within 15 s, not after print_timeout_s" 1 $(( SECONDS - scanned_at <= 15 ))
expect_eq "DOOR-2 is checked in" 1 "$(checkins_of DOOR-2)"
door2=$(newest_request_of DOOR-2)
on_list() { [[ $(state_of_request "$door2") == reception ]]; }
wait_until 10 "the badge of DOOR-2 on the reception list" on_list
expect_contains "saying why" "collect it at reception" "$(sql "SELECT detail FROM print_requests WHERE id = $door2")"

# --- 2. A scan on "out of order" is answered, and records nothing ------------------------------
tap ok
wait_for " screen out_of_order" 10
scan "$(token_of DOOR-3)"
wait_for " scan bounced" 5
wait_for " screenshot .*out_of_order-scanned" 10
expect_eq "DOOR-3 is not checked in: the next kiosk will" 0 "$(checkins_of DOOR-3)"
expect_eq "and no badge asked for" "" "$(newest_request_of DOOR-3)"

# The printer comes back: the kiosk is back, DOOR-2's badge stays at reception.
printer_on
before=$(received_bytes)
wait_for " screen welcome" 40
scan "$(token_of DOOR-3)"
wait_for " decision ok" 10
wait_for " print printed" 20
expect_eq "DOOR-2's badge still waits at reception" reception "$(state_of_request "$door2")"
stop_kiosk

# --- 3. A restart with badges still queued -----------------------------------------------------
# Queued for the kiosk's printer while the kiosk was down (a crash): one
# 4 s before it starts again (older than print_timeout_s = 3), one just now.
kiosk_config 3
accueilctl --db store.db print DOOR-OLD --printer door --printers printers.toml --no-wait --json >out 2>err ||
  fail "queue DOOR-OLD: $(cat err)"
old_id=$(jq -r .id out)
sleep 4
accueilctl --db store.db print DOOR-NEW --printer door --printers printers.toml --no-wait --json >out 2>err ||
  fail "queue DOOR-NEW: $(cat err)"
new_id=$(jq -r .id out)
expect_eq "both queued" "queued queued" "$(state_of_request "$old_id") $(state_of_request "$new_id")"
start_kiosk
printed_new() { [[ $(state_of_request "$new_id") == printed ]]; }
wait_until 20 "the badge queued just now to print" printed_new
expect_eq "the old one is on the reception list, not printed to an empty kiosk" reception "$(state_of_request "$old_id")"
expect_contains "saying why" "restarted" "$(sql "SELECT detail FROM print_requests WHERE id = $old_id")"
stop_kiosk
passed
