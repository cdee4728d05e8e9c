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
# Prints one line per target from libFuzzer's final stats: executions, their
# rate, coverage (cov: edges, ft: features), new inputs, peak memory, crashes.
# For a target that failed, the end of its log (the stack) and the input, in
# base64 when small. FUZZ_JOBS=N runs N targets at once (default 1); FUZZ_NICE
# sets the niceness (default 19); FUZZ_TIMEOUT, the seconds one input may take
# (default 60). The build's output goes to build-fuzz/logs/build.log.
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

out=build-fuzz
mkdir -p "$out/logs"
if [[ -z ${FUZZ_NO_BUILD:-} ]]; then
  deploy/setup.sh fuzz  # clang 19 and its libFuzzer, when missing
  echo "fuzz.sh: building the fuzz preset (log: $out/logs/build.log)"
  start=$SECONDS
  if ! { cmake --preset fuzz && nice -n "${FUZZ_NICE:-19}" cmake --build --preset fuzz --parallel "$(nproc)"; } \
       >"$out/logs/build.log" 2>&1; then
    tail -n 40 "$out/logs/build.log" >&2
    echo "fuzz.sh: the fuzz build failed (whole log: $out/logs/build.log)" >&2
    exit 1
  fi
  # CPU s (user+sys) of the children so far: the setup check and the build.
  # (times in this shell, not in $(...): a subshell has no children of its own)
  times >"$out/logs/times"
  cpu=$(tail -1 "$out/logs/times" | awk '{for (i = 1; i <= 2; i++) {split($i, a, /[ms]/); s += a[1] * 60 + a[2]}} END {printf "%.0f", s}')
  echo "fuzz.sh: built in $((SECONDS - start)) s wall, $cpu CPU s"
fi

# Stacks with file:line. The sanitizers' own search misses Debian's
# symbolizers; clang-19 does not bring one (llvm-19 or llvm does).
if [[ -z ${ASAN_SYMBOLIZER_PATH:-} ]]; then
  for s in /usr/lib/llvm-19/bin/llvm-symbolizer "$(command -v llvm-symbolizer || true)"; do
    [[ -n $s && -x $s ]] && { export ASAN_SYMBOLIZER_PATH=$s; break; }
  done
fi

# Crashes of this run only: inputs left by an earlier run do not count again.
run_start=$out/logs/run-start
touch "$run_start"
run_one() {
  local t=$1
  mkdir -p "$out/scratch/$t" "$out/crashes/$t"
  local args=(-max_total_time="$seconds" -print_final_stats=1 -timeout="${FUZZ_TIMEOUT:-60}" -rss_limit_mb=2048 -max_len=65536
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

# The last number a log gives after a label (empty when none: a target that
# crashed prints no "Done" line).
last_number() {  # last_number LABEL LOG
  { grep -oE "$1 *[0-9]+" "$2" || true; } | tail -1 | grep -oE '[0-9]+$' || true
}
status=0
printf '%-16s %10s %8s %6s %6s %5s %7s %7s %s\n' target execs exec/s cov ft new rss_mb crashes "time(s)"
failed=()
for t in "${targets[@]}"; do
  log=$out/logs/$t.log
  crashes=$(find "$out/crashes/$t" -type f -newer "$run_start" \
              \( -name "crash-*" -o -name "leak-*" -o -name "timeout-*" -o -name "oom-*" \) | wc -l)
  secs=$({ grep -oE 'Done [0-9]+ runs in [0-9]+ second' "$log" || true; } | tail -1 | awk '{print $5}')
  printf '%-16s %10s %8s %6s %6s %5s %7s %7s %s\n' "$t" "$(last_number stat::number_of_executed_units: "$log")" \
    "$(last_number stat::average_exec_per_sec: "$log")" "$(last_number " cov:" "$log")" "$(last_number " ft:" "$log")" \
    "$(last_number stat::new_units_added: "$log")" "$(last_number stat::peak_rss_mb: "$log")" "$crashes" "${secs:-?}"
  if (( crashes > 0 )) || ! grep -q 'Done [0-9]* runs' "$log"; then
    failed+=("$t")
  fi
done
for t in "${failed[@]}"; do
  status=1
  echo >&2
  echo "fuzz.sh: $t failed; the end of $out/logs/$t.log:" >&2
  tail -n 60 "$out/logs/$t.log" >&2
  while IFS= read -r input; do
    if (( $(stat -c %s "$input") <= 4096 )); then
      echo "fuzz.sh: $input, base64 (base64 -d > input; $out/bin/fuzz_$t input):" >&2
      base64 -w 100 "$input" >&2
    else
      echo "fuzz.sh: $input ($(stat -c %s "$input") bytes)" >&2
    fi
  done < <(find "$out/crashes/$t" -type f -newer "$run_start")
done
exit $status
