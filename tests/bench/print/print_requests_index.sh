#!/usr/bin/env bash
# The print queue's queries on a store holding ROWS badges of a day (schema 8
# and its print_requests_state index), beside the same store with schema 7's
# indexes (a partial index SQLite never used for them). Prints seconds per
# query, as the sqlite3 shell times them (each run twice; the second, warm).
#   tests/bench/print/print_requests_index.sh build/bin [ROWS]
set -euo pipefail
bin=$(cd "$1" && pwd)
source_dir=$(cd "$(dirname "$0")/../../.." && pwd)
rows=${2:-200000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
"$bin/accueilctl" --db store.db init --event "$source_dir/assets/events/rencontres-2026.toml" >/dev/null
sqlite3 store.db "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $rows)
  INSERT INTO print_requests (attendee_id, printer, requested_printer, state, detail, created_ms, updated_ms, finished_ms, queued_ms)
  SELECT printf('a-%06d', i), 'entree-' || (i % 8), 'entree-' || (i % 8),
         CASE WHEN i % 500 = 0 THEN 'reception' ELSE 'printed' END, 'printed', i, i, i, i FROM n;
  INSERT INTO print_requests (attendee_id, printer, requested_printer, state, created_ms, updated_ms, next_attempt_ms, queued_ms)
  VALUES ('a-x', 'entree-1', 'entree-1', 'queued', $rows + 1, $rows + 1, $rows + 1, $rows + 1);"
queries() {  # the statements of printer/queue/request_store.cpp, with their parameters bound
  cat <<SQL
.parameter set @p 'entree-1'
.parameter set @s 'queued'
.parameter set @now $((rows + 10))
.timer on
SELECT 'next_due'; SELECT id FROM print_requests WHERE printer = @p AND state = 'queued' AND next_attempt_ms <= @now ORDER BY next_attempt_ms, id LIMIT 1;
SELECT 'next_due'; SELECT id FROM print_requests WHERE printer = @p AND state = 'queued' AND next_attempt_ms <= @now ORDER BY next_attempt_ms, id LIMIT 1;
SELECT 'next_due_time'; SELECT min(next_attempt_ms) FROM print_requests WHERE printer = @p AND state = 'queued';
SELECT 'next_due_time'; SELECT min(next_attempt_ms) FROM print_requests WHERE printer = @p AND state = 'queued';
SELECT 'in_state'; SELECT count(*) FROM (SELECT id FROM print_requests WHERE state = @s AND (@p IS NULL OR printer = @p) ORDER BY id);
SELECT 'in_state'; SELECT count(*) FROM (SELECT id FROM print_requests WHERE state = @s AND (@p IS NULL OR printer = @p) ORDER BY id);
SQL
}
report() { queries | sqlite3 store.db 2>&1 | awk '/^[a-z_]+$/ { q = $1 } /^Run Time/ { t[q] = $4 } END { for (k in t) printf "  %-14s %s s\n", k, t[k] }' | sort; }
echo "$rows print requests, schema 8 (print_requests_state):"
report
sqlite3 store.db "DROP INDEX print_requests_state;
  CREATE INDEX print_requests_open ON print_requests (printer, next_attempt_ms) WHERE state IN ('queued', 'sending');"
echo "the same, with schema 7's indexes:"
report
