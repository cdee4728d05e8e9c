#!/usr/bin/env bash
# A short walk through a generated demo event with accueilctl: what an
# organiser does before the doors open, and what the desk sees after.
#   deploy/cli-walkthrough.sh BIN_DIR [WORK_DIR]
set -euo pipefail
bin=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
work=${2:-$root/build/demo}
rm -rf "$work" && mkdir -p "$work" && cd "$work"
export ACCUEIL_DB=$work/accueil.db ACCUEIL_SIGNING_KEY=$work/accueil-signing.key ACCUEIL_KIOSK=entree-1
ctl() { echo; echo "\$ accueilctl $*"; "$bin/accueilctl" "$@"; }

ctl init --event "$root/assets/events/rencontres-2026.toml"
ctl keygen --secret accueil-signing.key --public accueil-signing.pub
ctl demo-data --count 1500 --seed 1 --out inscriptions.csv
ctl import inscriptions.csv
ctl tickets --out tickets
token=$(awk -F, 'NR == 2 { print $9 }' tickets/tickets.csv)
echo; echo "(the first ticket's QR code holds ${#token} characters: ${token:0:40}...)"
ctl checkin "$token" --day 1
ctl checkin "$token" --day 1 || true
ctl search "rebsamen francois" --limit 3
ctl search "moncondhuy" --limit 3
for code in $(awk -F';' 'NR > 2 && NR < 203 { print $2 }' inscriptions.csv); do
  "$bin/accueilctl" checkin "$code" --day 1 >/dev/null || true
done
echo; echo "(200 more people scanned their tickets on day 1)"
ctl report --language en
echo
echo "The store is $ACCUEIL_DB; tickets are in $work/tickets."
