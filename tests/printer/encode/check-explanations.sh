#!/usr/bin/env bash
# Every golden .prn must have, beside it, the explanation tools/ql_explain
# gives of it today: the reviewed text and the bytes cannot drift apart.
#   check-explanations.sh BIN_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$1
n=0
bad=0
for prn in "$here"/golden/*.prn; do
  n=$((n + 1))
  txt=${prn%.prn}.explain.txt
  if ! "$bin/accueil_ql_explain" "$prn" | cmp -s - "$txt"; then
    echo "FAIL $(basename "$prn"): ql_explain output differs from $(basename "$txt")"
    "$bin/accueil_ql_explain" "$prn" | diff - "$txt" | head -n 10 || true
    bad=$((bad + 1))
  else
    echo "ok   $(basename "$prn")"
  fi
done
[[ $n -gt 0 ]] || { echo "FAIL: no golden .prn in $here/golden"; exit 1; }
echo "explanations: $((n - bad)) of $n golden files match"
[[ $bad -eq 0 ]]
