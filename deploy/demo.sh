#!/usr/bin/env bash
# Installs what is missing, builds, and starts the kiosk on a demo event made
# on the fly: a local store of 1,500 generated registrations, signed tickets
# (a few as QR images to show a scanner), and a printer that needs no
# hardware (badges written as Brother QL jobs to a folder).
#   deploy/demo.sh [accueil options, e.g. --fullscreen]
set -euo pipefail
cd "$(dirname "$0")/.."

deploy/setup.sh build
cmake --preset default
cmake --build --preset default --parallel "$(nproc)"

if [[ -n ${DISPLAY:-} || -n ${WAYLAND_DISPLAY:-} ]]; then
  exec build/bin/accueil --demo "$@"
fi
echo
echo "demo: there is no display here (DISPLAY and WAYLAND_DISPLAY are unset), and the kiosk needs a screen."
echo "      Below is the same demo event at the command line; on a desktop, run build/bin/accueil --demo."
exec deploy/cli-walkthrough.sh build/bin
