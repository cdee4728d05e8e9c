#!/usr/bin/env bash
# Cross-checks our Brother QL encoder against Debian's rastertoptch
# (printer-driver-ptouch): the same pages go through both, and the printed
# raster lines, decoded by tools/ql_explain, must be identical dot for dot.
#
#   crosscheck-rastertoptch.sh BIN_DIR WORK_DIR
#
# BIN_DIR holds accueil_crosscheck_inputs and accueil_ql_explain. Exits 77 (ctest: skipped)
# only when rastertoptch is not installed; deploy/setup.sh test installs it.
#
# Expected differences, outside the compared raster lines (printed below for
# each case, never compared):
# - invalidate: rastertoptch always sends 350 NUL bytes; we send the count of
#   each model's manual (200, 350 or 400). Both are NUL no-ops.
# - ESC i a 01 (raster mode): rastertoptch sends it only with TransferMode=1;
#   we send it on every model that accepts it.
# - ESC i z: rastertoptch derives width and length in mm from the CUPS page
#   size, which here is the print area plus the margin pins (e.g. 60 mm for
#   62 mm tape), and sets no quality flag unless asked; ours comes from the
#   media table. rastertoptch sends it once per flush, we once per page.
# - ESC i M / A / K / d: same meaning, rastertoptch sends them once per job,
#   we once per page (as the manuals' page sequence shows); its margin is 0.
# - Blank lines: in RLE mode both send Z; in ULP mode rastertoptch and we both
#   send full zero lines. Line lengths: with PackBits, runs may be split
#   differently; only the decompressed lines are compared.
# - After the last page rastertoptch sends Control-Z; between pages FF; same as ours.
# - PackBits runs of 129 bytes (only on 162-byte lines): rastertoptch writes
#   header 0x80 for them, which TIFF PackBits defines as a no-op; we never
#   write 0x80 (runs stop at 128). Its output is read with that convention
#   (ql_explain --lines-rastertoptch); ours is read as strict TIFF.
# - ESC i K: rastertoptch sends 00 (it has no "cut at end" option); we send 08.
set -euo pipefail
bin=$1
work=$2
filter=/usr/lib/cups/filter/rastertoptch
if [[ ! -x $filter ]]; then
  echo "SKIP: $filter is missing; install printer-driver-ptouch (deploy/setup.sh test)"
  exit 77
fi
rm -rf "$work" && mkdir -p "$work"
"$bin/accueil_crosscheck_inputs" "$work"

failures=0
cases=0
while read -r name head_bytes options; do
  cases=$((cases + 1))
  "$filter" -i "$work/$name.ras" -o "$work/$name.theirs.prn" "$options" 2>"$work/$name.stderr" || {
    echo "FAIL $name: rastertoptch failed:"; cat "$work/$name.stderr"; failures=$((failures + 1)); continue; }
  "$bin/accueil_ql_explain" --lines "$head_bytes" "$work/$name.ours.prn" >"$work/$name.ours.lines" || {
    echo "FAIL $name: ql_explain cannot read our job"; failures=$((failures + 1)); continue; }
  "$bin/accueil_ql_explain" --lines-rastertoptch "$head_bytes" "$work/$name.theirs.prn" >"$work/$name.theirs.lines" || {
    echo "FAIL $name: ql_explain cannot read rastertoptch's output"; failures=$((failures + 1)); continue; }
  n=$(wc -l <"$work/$name.ours.lines")
  if [[ $n -eq 0 ]]; then
    echo "FAIL $name: no raster lines decoded"; failures=$((failures + 1)); continue
  fi
  if cmp -s "$work/$name.ours.lines" "$work/$name.theirs.lines"; then
    echo "ok   $name: $n raster lines identical (rastertoptch $options)"
  else
    echo "FAIL $name: raster lines differ (rastertoptch $options):"
    diff "$work/$name.ours.lines" "$work/$name.theirs.lines" | head -n 6 | cut -c1-160
    failures=$((failures + 1))
  fi
  echo "     headers, ours:   $("$bin/accueil_ql_explain" "$work/$name.ours.prn" | grep -E '^ {10}(ESC|M |invalidate)' | sed 's/^ *//; s/:.*//' | sort | uniq -c | tr -s ' ' | tr '\n' ';')"
  echo "     headers, theirs: $("$bin/accueil_ql_explain" "$work/$name.theirs.prn" | grep -E '^ {10}(ESC|M |invalidate)' | sed 's/^ *//; s/:.*//' | sort | uniq -c | tr -s ' ' | tr '\n' ';')"
done <"$work/cases.txt"

echo "cross-check: $((cases - failures)) of $cases cases agree with rastertoptch"
[[ $failures -eq 0 ]]
