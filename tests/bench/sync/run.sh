#!/usr/bin/env bash
# Starts a PostgreSQL of its own (tests/integration/pg_lib.sh) and runs
# accueil-sync-bench against it.
#   tests/bench/sync/run.sh BIN_DIR [bench options: --kiosks 20 --attendees 20000 --samples 60]
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../../integration/lib.sh" "$1" "$here/../../.."
source "$source_dir/tests/integration/pg_lib.sh"
shift
pg_start
accueil-sync-bench "$pg_url" "$@"
