#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors, and runs every test.
# Prints ctest's summary line. Usage: deploy/test.sh [extra ctest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

deploy/setup.sh test
cmake --preset ci
cmake --build --preset ci --parallel "$(nproc)"
ctest --preset ci --parallel "$(nproc)" "$@"
