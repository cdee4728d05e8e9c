#!/usr/bin/env bash
# Builds the fuzz preset (clang 19, libFuzzer, ASan + UBSan) and runs every
# fuzz target of tests/fuzz for SECONDS each (default 60), under nice.
#
#   deploy/fuzz.sh [SECONDS] [TARGET...]      e.g. deploy/fuzz.sh 600 csv_import
#
# Each target starts from its committed corpus (tests/fuzz/corpus/<target>)
# and writes the new inputs it finds to a scratch directory
# (build-fuzz/scratch/<target>), never to the committed corpus: minimise them
# (fuzz_X -merge=1 tests/fuzz/corpus/X build-fuzz/scratch/X) and commit the few
# that add coverage. A crash or a broken invariant leaves its input in
# build-fuzz/crashes/<target>/ and makes the script exit 1: fix it, then commit
# the input to the corpus, where the normal test suite replays it
# ("fuzz replay: <target>" tests).
#
# Prints one line per target: executions, coverage (cov: edges, ft: features)
# from libFuzzer's final stats, and crashes. FUZZ_JOBS=N runs N targets at once
# (default 1); FUZZ_NICE sets the niceness (default 19).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
all=(csv_import mapping event_toml kiosk_toml printers_toml badge_template base45 signed_ticket ticket_code
     keyboard_wedge serial_line brother_status zpl_status cups_reasons sync_row)
[[ $# -gt 0 ]] && targets=("$@") || targets=("${all[@]}")

declare -A dict=([csv_import]=csv [mapping]=toml [event_toml]=toml [kiosk_toml]=toml [printers_toml]=toml
                 [badge_template]=toml [signed_ticket]=signed_ticket [ticket_code]=signed_ticket
                 [zpl_status]=zpl_status [cups_reasons]=cups_reasons)

if [[ -z ${FUZZ_NO_BUILD:-} ]]; then
  deploy/setup.sh fuzz  # clang 19 and its libFuzzer, when missing
  cmake --preset fuzz >/dev/null
  nice -n "${FUZZ_NICE:-19}" cmake --build --preset fuzz --parallel "$(nproc)"
fi

out=build-fuzz
mkdir -p "$out/logs"
run_one() {
  local t=$1
  mkdir -p "$out/scratch/$t" "$out/crashes/$t"
  local args=(-max_total_time="$seconds" -print_final_stats=1 -timeout=60 -rss_limit_mb=2048 -max_len=65536
              -artifact_prefix="$out/crashes/$t/")
  [[ -n ${dict[$t]:-} ]] && args+=(-dict="tests/fuzz/dict/${dict[$t]}.dict")
  # ASan's leak check stays on; the render libraries' caches are not loaded here.
  nice -n "${FUZZ_NICE:-19}" "$out/bin/fuzz_$t" "${args[@]}" "$out/scratch/$t" "tests/fuzz/corpus/$t" \
    >"$out/logs/$t.log" 2>&1 || true
}

jobs_max=${FUZZ_JOBS:-1}
for t in "${targets[@]}"; do
  [[ -x $out/bin/fuzz_$t ]] || { echo "fuzz.sh: no target $t (known: ${all[*]})" >&2; exit 2; }
  run_one "$t" &
  while (( $(jobs -rp | wc -l) >= jobs_max )); do wait -n || true; done
done
wait

status=0
printf '%-16s %12s %8s %8s %8s %s\n' target execs cov ft crashes "time(s)"
for t in "${targets[@]}"; do
  log=$out/logs/$t.log
  execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | awk '{print $2}' | tail -1)
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | awk '{print $2}')
  ft=$(grep -oE 'ft: [0-9]+' "$log" | tail -1 | awk '{print $2}')
  crashes=$(find "$out/crashes/$t" -type f \( -name "crash-*" -o -name "leak-*" -o -name "timeout-*" -o -name "oom-*" \) | wc -l)
  secs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | awk '{print $5}' | tail -1)
  printf '%-16s %12s %8s %8s %8s %s\n' "$t" "${execs:-?}" "${cov:-?}" "${ft:-?}" "$crashes" "${secs:-?}"
  if (( crashes > 0 )) || ! grep -q 'Done [0-9]* runs' "$log"; then
    status=1
    echo "fuzz.sh: $t: see $log and $out/crashes/$t/" >&2
  fi
done
exit $status
