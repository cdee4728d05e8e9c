#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors, runs every test and
# fuzzes every parser for a bounded time. Prints ctest's summary line, then the
# fuzz targets' figures. Usage: deploy/test.sh [extra ctest arguments]
#
# ACCUEIL_TEST_FUZZ_SECONDS=N: seconds of fuzzing per target (default 20);
# 0 skips the fuzz pass, and clang's install with it.
set -euo pipefail
cd "$(dirname "$0")/.."

fuzz_seconds=${ACCUEIL_TEST_FUZZ_SECONDS:-20}
if (( fuzz_seconds > 0 )); then
  deploy/setup.sh test fuzz  # clang 19 in the same apt run as the rest
else
  deploy/setup.sh test
fi

# The fuzz pass (deploy/fuzz.sh: clang 19 builds the fuzz preset, then every
# target runs N seconds from its committed corpus, one per core) runs beside
# the build and the tests, at idle CPU priority (SCHED_IDLE and nice 19): it
# takes only the CPU they leave, and the tests, which mostly wait on Xvfb,
# cupsd or PostgreSQL, leave much. Its own process group (set -m), so that it
# is stopped with the script, but not its own session: under the kernel's
# autogroup a new session (setsid) would get a fair share of the CPU against
# the build and the tests whatever its priority. A crash or a broken invariant
# fails the run.
fuzz_pid=
stop_fuzz() { [[ -n $fuzz_pid ]] && kill -- "-$fuzz_pid" 2>/dev/null || true; }
trap stop_fuzz EXIT
if (( fuzz_seconds > 0 )); then
  mkdir -p build-fuzz
  idle=(chrt --idle 0)
  "${idle[@]}" true 2>/dev/null || idle=()  # nice 19 alone where SCHED_IDLE is refused
  set -m
  FUZZ_JOBS=$(nproc) FUZZ_NICE=19 FUZZ_TIMEOUT=120 \
    "${idle[@]}" deploy/fuzz.sh "$fuzz_seconds" </dev/null >build-fuzz/test-fuzz.log 2>&1 &
  fuzz_pid=$!
  set +m
fi

cmake --preset ci
cmake --build --preset ci --parallel "$(nproc)"
ctest_status=0
ctest --preset ci --parallel "$(nproc)" "$@" || ctest_status=$?

fuzz_status=0
if [[ -n $fuzz_pid ]]; then
  echo "test.sh: fuzz pass, $fuzz_seconds s per target (ACCUEIL_TEST_FUZZ_SECONDS); waiting for it"
  wait "$fuzz_pid" || fuzz_status=$?
  fuzz_pid=
  cat build-fuzz/test-fuzz.log
  (( fuzz_status == 0 )) || echo "test.sh: the fuzz pass failed (build-fuzz/logs/)" >&2
fi
(( ctest_status == 0 && fuzz_status == 0 ))
