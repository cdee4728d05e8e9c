#!/usr/bin/env bash
# Renders our ZPL with the npm package zpl-renderer-js and compares every dot
# with the source bitmaps. The package is installed by `deploy/setup.sh test`
# into tests/printer/encode/node_modules (gitignored); nothing is downloaded here.
#   zpl-render-check.sh BIN_DIR WORK_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$1
work=$2
if ! command -v node >/dev/null || [[ ! -d $here/node_modules/zpl-renderer-js ]]; then
  echo "SKIP: node or zpl-renderer-js is missing; run deploy/setup.sh test (npm ci in tests/printer/encode)"
  exit 77
fi
rm -rf "$work" && mkdir -p "$work"
"$bin/accueil_zpl_cases" "$work"
cd "$here" && exec node zpl_render_check.cjs "$work"
