#!/usr/bin/env bash
# The dashboard's VIP chime ([dashboard] vip_sound), heard through SDL's
# "disk" audio driver, which writes what would be played to a file
# (SDL_DISKAUDIOFILE), in real time, silence included:
#   - sound on, a VIP checked in by accueilctl: the file has non-silent samples;
#   - sound on, someone else checked in: the file is silence only;
#   - sound off: no audio device is opened, no file;
#   - sound on, no audio driver that works: one log line, the dashboard runs on.
#
#   dashboard_sound_e2e.sh BIN_DIR SOURCE_DIR
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../integration/lib.sh" "$1" "$2"

for tool in Xvfb; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (deploy/setup.sh test installs it)"
done
Xvfb -displayfd 5 -noreset -screen 0 1024x640x24 -nolisten tcp 5>"$work/display" 2>"$work/xvfb.log" &
xvfb_pid=$!
kiosk_pid=
trap 'kill $kiosk_pid "$xvfb_pid" 2>/dev/null; rm -rf "$work"' EXIT
wait_until 15 "Xvfb" test -s "$work/display"
export DISPLAY=":$(cat "$work/display")"
seen=0
source "$here/kiosk_trace.sh"

accueilctl init --event "$sample_event" >/dev/null || fail "init"
accueilctl demo-data --count 300 --seed 11 --out demo.csv >/dev/null || fail "demo-data"
accueilctl import demo.csv >/dev/null || fail "import"
vips=($(sql "SELECT external_ref FROM attendees WHERE vip = 1 AND status = 'active' AND days & 1 ORDER BY rowid LIMIT 2"))
plain=$(sql "SELECT external_ref FROM attendees WHERE vip = 0 AND delegation = '' AND status = 'active' AND days & 1 ORDER BY rowid LIMIT 1")
((${#vips[@]} == 2)) && [[ -n $plain ]] || fail "the demo list lacks VIPs or others on day 1"

# non_silent FILE: how many bytes of FILE are not zero (16-bit silence is all zero bytes).
non_silent() { tr -d '\000' <"$1" | wc -c; }

# run NAME SOUND REF: the dashboard with vip_sound = SOUND while REF is checked in.
run() {
  local name=$1 sound=$2 ref=$3
  printf '%s\n' 'store = "store.db"' 'rehearsal_day = 1' '[screen]' 'fullscreen = false' 'width = 1024' \
    'height = 640' '[dashboard]' "vip_sound = $sound" >"$name.toml"
  trace=$work/$name-trace.txt
  log=$work/$name.log
  seen=0
  SDL_DISKAUDIOFILE=$work/$name.raw accueil --config "$name.toml" --dashboard --trace "$trace" >"$log" 2>&1 &
  kiosk_pid=$!
  wait_for " figures lang=" 20
  sleep 1  # the device opened with the first figures; it plays silence meanwhile
  accueilctl checkin --day 1 --kiosk entree-1 "$(code_of "$ref")" >/dev/null || fail "checkin $ref"
  wait_for " figures lang=" 10
  sleep 1.5  # the chime lasts 0.6 s; the disk driver writes in real time
  kill "$kiosk_pid" && wait "$kiosk_pid" 2>/dev/null
  kiosk_pid=
}

export SDL_AUDIODRIVER=disk
run vip true "${vips[0]}"
[[ -s $work/vip.raw ]] || fail "no audio written with the sound on: $(cat "$work/vip.log")"
(($(non_silent "$work/vip.raw") > 1000)) || fail "a VIP arrived and the audio is silence"
grep -q " chime " "$work/vip-trace.txt" || fail "no chime in the trace"
echo "ok: a VIP's arrival chimes ($(non_silent "$work/vip.raw") non-zero bytes of $(stat -c %s "$work/vip.raw"))"

run plain true "$plain"
[[ -s $work/plain.raw ]] || fail "no audio device opened with the sound on"
expect_eq "non-silent bytes when someone else arrives" 0 "$(non_silent "$work/plain.raw")"
! grep -q " chime " "$work/plain-trace.txt" || fail "a chime for someone who is not a VIP"

run off false "${vips[1]}"
[[ ! -e $work/off.raw ]] || fail "the sound is off and an audio device was opened"

export SDL_AUDIODRIVER=no-such-driver
vip2=$(sql "SELECT external_ref FROM attendees WHERE vip = 1 AND status = 'active' AND days & 1 ORDER BY rowid LIMIT 1 OFFSET 2")
run nodevice true "$vip2"
expect_eq "log lines about the missing sound device" 1 "$(grep -c "no sound for the protocol feed" "$work/nodevice.log")"
echo "ok: sound on a VIP only, none when off, one log line without a device"
