#!/usr/bin/env bash
# Issue 14's figures in the real app, with no camera: the kiosk's [camera]
# films a picture file (device = "file:PATH.png", kiosk/app/shell/file_camera.hpp)
# at 10 frames a second, under Xvfb, badges to a file printer.
#   - the app's CPU (all its threads) on the welcome screen with the camera's
#     preview running, over SECONDS seconds;
#   - the time from a ticket's QR code appearing in the camera's picture to
#     the "printing" screen, p50 and max over COUNT people (from the app's
#     trace: "camera picture" to "screen printing").
# Prints the figures; fails only when the kiosk does not get there at all.
#   kiosk_camera_e2e.sh BIN_DIR SOURCE_DIR [COUNT] [SECONDS]
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../integration/lib.sh" "$1" "$2"
source "$here/kiosk_trace.sh"
count=${3:-8}
idle_s=${4:-10}

command -v Xvfb >/dev/null || { echo "SKIP: Xvfb is not installed"; exit 77; }

accueilctl init --event "$sample_event" >/dev/null || fail "init"
accueilctl keygen --secret "$ACCUEIL_SIGNING_KEY" --public key.pub >/dev/null || fail "keygen"
{
  echo "Référence;Code billet;Prénom;Nom;Organisme;Catégorie;Pays;Langue;Jours;Statut"
  for ((i = 1; i <= count; i++)); do echo "CAM-$i;CAM-$i;Personne;Caméra-$i;Ville de Lille;Élu·e;France;fr;1,2;Confirmé"; done
} >camera.csv
accueilctl import camera.csv >/dev/null || fail "import"
accueilctl tickets --out tickets >/dev/null || fail "tickets"
mkdir -p printed
printf '%s\n' 'store = "store.db"' 'kiosk = "camera"' 'rehearsal_day = 1' 'printer = "p"' 'list_check_s = 1' \
  '[camera]' "device = \"file:$work/camera.png\"" 'width = 640' 'height = 480' 'fps = 10' \
  '[screen]' 'fullscreen = false' 'width = 1280' 'height = 800' \
  '[[printers]]' 'name = "p"' "uri = \"file:$work/printed/:brother-ql-820nwb\"" 'media = "62x100"' \
  'template = "label-62x100"' >kiosk.toml

xvfb_pid=
kiosk_pid=
trap 'kill $kiosk_pid $xvfb_pid 2>/dev/null; rm -rf "$work"' EXIT

start_xvfb "$work"
trace=$work/trace.txt
log=$work/kiosk.log
seen=0
accueil --config kiosk.toml --trace "$trace" >"$log" 2>&1 &
kiosk_pid=$!
# Start-up lines come in any order: look at the whole trace.
wait_until 30 "the kiosk's first frame" grep -q " first_frame" "$trace"
wait_until 30 "the kiosk's print queue" grep -q " print_queue started" "$trace"
wait_until 10 "the camera's first (blank) picture" grep -q " camera blank" "$trace"
seen=$(wc -l <"$trace")

# CPU of the whole app on the welcome screen, the preview running.
sleep 2
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$kiosk_pid/stat"; }
hz=$(getconf CLK_TCK)
t0=$(cpu_ticks)
sleep "$idle_s"
t1=$(cpu_ticks)
cpu_pct=$(awk -v d=$((t1 - t0)) -v hz="$hz" -v s="$idle_s" 'BEGIN { printf "%.1f", 100 * d / hz / s }')

# One person after another holds their ticket up to the camera.
latencies=()
for png in tickets/*.png; do
  cp "$png" "$work/next.png" && mv "$work/next.png" "$work/camera.png"
  wait_for " camera picture" 10
  shown_at=$(tail -n +"$seen" "$trace" | head -1 | awk '{ print $1 }')
  wait_for " screen printing" 20
  printing_at=$(tail -n +"$seen" "$trace" | head -1 | awk '{ print $1 }')
  latencies+=("$(awk -v a="$shown_at" -v b="$printing_at" 'BEGIN { printf "%.0f", b - a }')")
  wait_for " print printed" 30
  rm -f "$work/camera.png"
  wait_for " camera blank" 10
done
sorted=$(printf '%s\n' "${latencies[@]}" | sort -n)
n=${#latencies[@]}
p50=$(sed -n "$(((n + 1) / 2))p" <<<"$sorted")
max=$(tail -1 <<<"$sorted")
echo "camera (file picture, 640x480, 10 fps): app CPU on the welcome screen with the preview: ${cpu_pct} % of a core over ${idle_s} s"
echo "camera: code appearing to the printing screen over $n people: p50 ${p50} ms, max ${max} ms (all: ${latencies[*]})"
passed
