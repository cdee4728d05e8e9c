#!/usr/bin/env bash
# Regenerates the golden Brother QL jobs and their explanations, after a
# reviewed change to the encoder. Review `git diff tests/printer/encode/golden`
# (the .explain.txt files say what changed, command by command) and commit.
#   tests/printer/encode/approve-golden.sh [BUILD_DIR]   (default: build)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
build=${1:-$root/build}
cmake --build "$build" --target accueil_make_golden accueil_ql_explain --parallel 2
bin=$build/bin
rm -f "$here"/golden/*.prn "$here"/golden/*.explain.txt
"$bin/accueil_make_golden" "$here/golden"
for prn in "$here"/golden/*.prn; do
  "$bin/accueil_ql_explain" "$prn" >"${prn%.prn}.explain.txt"
done
git -C "$root" status --short -- "$here/golden"
