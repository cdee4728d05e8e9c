#!/usr/bin/env bash
# Re-approves the golden badges of tests/printer/render/golden after a change
# was reviewed: builds the render tests, runs the golden test in approval mode
# (it writes the images and layout descriptions instead of comparing them) and
# shows what changed. Review the images, update golden/EXPLAIN.md if a case
# changed meaning, then commit.
#   tests/printer/render/approve-golden.sh [preset]    (default preset: ci)
set -euo pipefail
cd "$(dirname "$0")/../../.."
preset="${1:-ci}"
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" --parallel 2 --target accueil_render_tests
case "$preset" in asan) binary_dir=build-asan ;; *) binary_dir=build ;; esac  # as in CMakePresets.json
ACCUEIL_APPROVE_GOLDEN=1 "$binary_dir/bin/accueil_render_tests" "[golden]"
git status --short -- tests/printer/render/golden
