#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors, and runs every test.
# Prints ctest's summary line. Usage: deploy/test.sh [extra ctest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

deploy/setup.sh test
cmake --preset ci
cmake --build --preset ci --parallel "$(nproc)"
ctest --preset ci --parallel "$(nproc)" "$@"

# Fuzzing: ctest above replays every fuzz corpus file (tests "fuzz replay: X").
# ACCUEIL_TEST_FUZZ_SECONDS=N also builds the fuzz preset (clang 19, a second,
# instrumented build of the libraries: about 25 min on a busy 2-core machine)
# and runs every fuzz target for N seconds (deploy/fuzz.sh).
if (( ${ACCUEIL_TEST_FUZZ_SECONDS:-0} > 0 )); then
  deploy/fuzz.sh "$ACCUEIL_TEST_FUZZ_SECONDS"
fi
