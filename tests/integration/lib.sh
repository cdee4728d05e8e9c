# Helpers for the integration test scripts: a scratch directory, assertions
# that say what was expected, and the built programs on PATH.
#   source lib.sh BIN_DIR SOURCE_DIR
set -uo pipefail

bin_dir=$(cd "$1" && pwd)
source_dir=$(cd "$2" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/accueil-it-XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
export PATH="$bin_dir:$PATH"
export ACCUEIL_DB="$work/store.db"
export ACCUEIL_SIGNING_KEY="$work/accueil-signing.key"
sample_event="$source_dir/assets/events/rencontres-2026.toml"

checks=0
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
expect_eq() {  # expect_eq WHAT EXPECTED ACTUAL
  checks=$((checks + 1))
  [[ "$2" == "$3" ]] || fail "$1: expected [$2], got [$3]"
}
expect_contains() {  # expect_contains WHAT NEEDLE HAYSTACK
  checks=$((checks + 1))
  [[ "$3" == *"$2"* ]] || fail "$1: expected to contain [$2], got [$3]"
}
expect_status() {  # expect_status WHAT EXPECTED_EXIT COMMAND...
  local what=$1 expected=$2
  shift 2
  "$@" >"$work/out" 2>"$work/err"
  local status=$?
  checks=$((checks + 1))
  [[ $status -eq $expected ]] || fail "$what: exit $status, expected $expected; stderr: $(cat "$work/err")"
}
passed() {
  echo "ok: $checks checks"
  exit 0
}

# wait_until SECONDS WHAT COMMAND...: polls COMMAND until it succeeds. A test
# may define on_timeout to say more about where things stood.
wait_until() {
  local deadline=$((SECONDS + $1)) what=$2
  shift 2
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) ||
      fail "timed out after ${SECONDS}s waiting for $what$(declare -F on_timeout >/dev/null && echo "; $(on_timeout)")"
    sleep 0.02
  done
}

# start_xvfb DIR [WxH]: a virtual screen of its own (Xvfb picks a free
# display number), 1280x800 unless said; sets xvfb_pid (set the trap that
# kills it first) and exports DISPLAY. Its log is DIR/xvfb.log.
start_xvfb() {
  local dir=$1 size=${2:-1280x800}
  Xvfb -displayfd 5 -noreset -screen 0 "${size}x24" -nolisten tcp 5>"$dir/display" 2>"$dir/xvfb.log" &
  xvfb_pid=$!
  wait_until 15 "Xvfb" test -s "$dir/display"
  export DISPLAY=":$(cat "$dir/display")"
}

# The store, read the way an operator would: with the sqlite3 shell, not our code.
sql() { sqlite3 -cmd ".timeout 5000" "$ACCUEIL_DB" "$@"; }
ref_of() { sql "SELECT external_ref FROM attendees ORDER BY rowid LIMIT 1 OFFSET $1"; }  # the Nth attendee's reference
id_of() { sql "SELECT id FROM attendees WHERE external_ref = '$1'"; }
token_of() { sql "SELECT ticket_token FROM attendees WHERE external_ref = '$1'"; }
# What the badge's QR code must hold (Store::badge_code): the signed ticket when issued, else the plain code.
code_of() {
  sql "SELECT CASE WHEN ticket_token <> '' THEN ticket_token ELSE ticket_code END FROM attendees WHERE external_ref = '$1'"
}
# What a badge's QR code holds: the code, '#', the badge's number (1 + the reprints).
badge_code_of() {
  echo "$(code_of "$1")#$(sql "SELECT 1 + count(*) FROM checkins c JOIN attendees a ON a.id = c.attendee_id WHERE a.external_ref = '$1' AND c.kind = 'reprint'")"
}
