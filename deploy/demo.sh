#!/usr/bin/env bash
# Installs what is missing, builds, and walks through a generated demo event with
# accueilctl (the kiosk app takes over here once it exists).
set -euo pipefail
cd "$(dirname "$0")/.."

deploy/setup.sh build
cmake --preset default
cmake --build --preset default --parallel "$(nproc)"
exec deploy/cli-walkthrough.sh build/bin
