#!/usr/bin/env bash
# The staff screens of a touch-only kiosk, end to end under Xvfb with the
# pointer alone (xdotool mousemove/click; not one key event): the corner
# gesture, the PIN on its pad, then a name typed on the on-screen keyboard
# (shift, an accented letter, erase, Enter) finds the person and opens them;
# a walk-in is registered from it (a capital É, an e-mail's @ and ., Enter to
# the next field, the field typed into kept in sight above the keyboard, the
# keyboard hidden to reach the button), then a tap on a field of their
# record brings it back to type a "see reception" reason. AZERTY in French, QWERTY in English;
# screenshots in SHOTS_DIR/{fr,en}. Then touch_keyboard = "off": no keyboard.
#
#   kiosk_touch_keyboard_e2e.sh BIN_DIR SOURCE_DIR SHOTS_DIR
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../integration/lib.sh" "$1" "$2"
source "$here/kiosk_trace.sh"
shots=$3

for tool in Xvfb xdotool; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (deploy/setup.sh test installs it)"
done

accueilctl init --event "$sample_event" >/dev/null || fail "init"
accueilctl demo-data --count 50 --seed 5 --out demo.csv >/dev/null || fail "demo-data"
accueilctl import demo.csv >/dev/null || fail "import"
printf '%s\n' \
  "Référence;Code billet;Prénom;Nom;Organisme;Catégorie;Pays;Langue;Jours;Statut" \
  "TOUCH-1;TOUCH-1;Hélène;Zébulon;Ville de Poitiers;Élu·e;France;fr;1,2;Confirmé" >touch.csv
accueilctl import touch.csv >/dev/null || fail "import touch.csv"
echo 482916 | accueilctl staff add Camille --role desk >/dev/null || fail "staff add Camille"
mkdir -p jobs

xvfb_pid=
kiosk_pid=
trap 'kill $kiosk_pid "$xvfb_pid" 2>/dev/null' EXIT
start_xvfb "$work"
rm -rf "$shots" && mkdir -p "$shots"

fail() {
  echo "FAIL: $*" >&2
  cp "$trace" "$shots/trace-$lang.txt" 2>/dev/null
  cp "$log" "$shots/kiosk-$lang.log" 2>/dev/null
  exit 1
}
# rect ID: "x y w h" of the touch target the app last reported as ID.
rect() { grep " widget $1 " "$trace" | tail -1 | cut -d' ' -f4-; }
wait_widget() { wait_until 10 "the touch target $1" grep -q " widget $1 " "$trace"; }
# Taps one after the other, each taken before the next (a loaded machine may
# draw slower than a finger taps): a key of the PIN pad or of the keyboard
# once the app says it took one, any other target after a pause.
touch() {
  local id
  for id in "$@"; do
    tap "$id"
    case $id in
      pin:*) wait_for " pin_pad" ;;
      osk:shift | osk:hide) sleep 0.6 ;;
      osk:*) wait_for " osk " ;;
      *) sleep 0.6 ;;
    esac
  done
}
press_corner() {  # held 3.4 s from when the app saw the press
  xdotool mousemove 30 30 mousedown 1
  wait_for " corner pressed" 10
  sleep 3.4
  xdotool mouseup 1
}
start_kiosk() {  # start_kiosk LANG SHOTS_SUBDIR [MORE [screen] LINES...]
  local lang=$1 dir=$2
  shift 2
  printf '%s\n' 'store = "store.db"' 'kiosk = "entree-1"' 'rehearsal_day = 1' 'printer = "desk"' \
    "languages = [\"$lang\"]" '[screen]' 'fullscreen = true' "$@" \
    '[[printers]]' 'name = "desk"' "uri = \"file:$work/jobs/desk.prn:brother-ql-820nwb\"" 'media = "62x100"' \
    'template = "label-62x100"' >kiosk.toml
  seen=0
  accueil --config kiosk.toml --screenshots "$shots/$dir" --trace "$trace" >"$log" 2>&1 &
  kiosk_pid=$!
  wait_for " shown welcome" 30
}
# Into the staff screens by the pointer alone: the gesture, then the PIN on its pad.
staff_in() {
  press_corner
  wait_for " screen desk-pin" 5
  sleep 0.6  # the corner's release drawn before the next press (one frame would see the button held)
  touch staff:Camille pin:4 pin:8 pin:2 pin:9 pin:1 pin:6 pin:ok
  wait_for " pin right"
  wait_for " screen desk-find"
}
stop_kiosk() {
  kill "$kiosk_pid"
  wait "$kiosk_pid"
  kiosk_pid=
}

for lang in fr en; do
  trace=$work/trace-$lang.txt
  log=$work/kiosk-$lang.log
  start_kiosk "$lang" "$lang"  # touch_keyboard unsaid: "auto", on at a kiosk's staff screens
  staff_in

  # The keyboard at the bottom, below the search it types into; the language's layout.
  wait_widget osk:enter
  read -r _ query_y _ query_h <<<"$(rect query)"
  read -r _ keys_top _ _ <<<"$(rect osk:1)"
  ((query_y + query_h <= keys_top)) || fail "the keyboard (from y=$keys_top) covers the search (y=$query_y+$query_h)"
  read -r ax ay _ _ <<<"$(rect osk:a)"
  read -r zx zy _ _ <<<"$(rect osk:z)"
  read -r qx qy _ _ <<<"$(rect osk:q)"
  read -r wx wy _ _ <<<"$(rect osk:w)"
  if [[ $lang == fr ]]; then
    ((ay == zy && ax < zx)) || fail "AZERTY in French: A then Z on one row (a at $ax,$ay; z at $zx,$zy)"
  else
    ((qy == wy && qx < wx)) || fail "QWERTY in English: Q then W on one row (q at $qx,$qy; w at $wx,$wy)"
  fi

  # A name with an accent: shift for its capital, a key too many erased, Enter opens the one found.
  touch osk:shift osk:z osk:é osk:b osk:u osk:x
  wait_for " query Zébux"
  touch osk:backspace
  wait_for " query Zébu$"
  wait_for " results 1"
  touch osk:enter
  wait_for " screen desk-person"
  wait_for " person Hélène Zébulon"

  # A walk-in typed on the keyboard: Enter goes to the next field, the field
  # typed into stays above the keyboard.
  touch back
  wait_for " screen desk-find"
  touch find:walkin
  wait_for " screen desk-walkin"
  # Someone of their own in each language (the second would be warned as the first's namesake).
  if [[ $lang == fr ]]; then
    first=Élodie first_keys=(osk:l osk:o osk:d osk:i osk:e) last=Écran last_keys=(osk:c osk:r osk:a osk:n) tld=fr
  else
    first=Émile first_keys=(osk:m osk:i osk:l osk:e) last=Écrou last_keys=(osk:c osk:r osk:o osk:u) tld=uk
  fi
  touch osk:shift osk:é "${first_keys[@]}" osk:enter
  touch osk:shift osk:é "${last_keys[@]}" osk:enter
  touch osk:enter osk:enter osk:enter  # organisation, function, country: left empty
  touch osk:t osk:a osk:c osk:t osk:at osk:e osk:x osk:dot "osk:${tld:0:1}" "osk:${tld:1:1}"
  sleep 0.5
  kill -USR1 "$kiosk_pid"  # a screenshot of the form as typed
  read -r _ email_y _ email_h <<<"$(rect field:walkin:email)"
  read -r _ keys_top _ _ <<<"$(rect osk:1)"
  ((email_y >= 0 && email_y + email_h <= keys_top)) ||
    fail "the e-mail field being typed into (y=$email_y+$email_h) is not above the keyboard (from y=$keys_top)"
  # Hidden, the keyboard leaves the form its room; its button brings it back.
  touch osk:hide
  wait_widget osk:show
  sleep 0.5
  touch walkin:category:elu walkin:register
  wait_for " action walk_in by Camille"
  wait_for " notice "
  expect_eq "the walk-in as typed on the keyboard" "$first|$last|tact@ex.$tld" \
    "$(sql "SELECT first_name || '|' || last_name || '|' || email FROM attendees WHERE last_name = '$last'")"
  # On their record, a tap on a field brings the keyboard back, and the field into sight above it.
  wait_for " person $first $last"
  touch field:person:see_reception
  sleep 0.5
  touch osk:l osk:e osk:t osk:t osk:r osk:e
  sleep 0.5
  read -r _ field_y _ field_h <<<"$(rect field:person:see_reception)"
  read -r _ keys_top _ _ <<<"$(rect osk:1)"
  ((field_y >= 0 && field_y + field_h <= keys_top)) ||
    fail "the field being typed into (y=$field_y+$field_h) is not above the keyboard (from y=$keys_top)"
  touch person:see_reception:set
  wait_for " notice "
  expect_eq "sent to reception, the reason typed on the keyboard" "lettre" \
    "$(sql "SELECT json_extract(c.reason, '\$.see_reception[1]') FROM checkins c JOIN attendees a ON a.id = c.attendee_id WHERE a.last_name = '$last' AND c.kind = 'correction'")"
  for screen in "desk-find-$lang-results" "desk-person-$lang" "desk-walkin-$lang"; do
    expect_eq "a screenshot of $screen" 1 "$(find "$shots/$lang" -name "*-$screen.png" | head -1 | wc -l)"
  done
  stop_kiosk
done

# touch_keyboard = "off": the staff screens without the keyboard.
lang=off
trace=$work/trace-off.txt
log=$work/kiosk-off.log
start_kiosk fr off 'touch_keyboard = "off"'
staff_in
sleep 1
expect_eq "no on-screen keyboard when it is off" 0 "$(grep -c ' widget osk:' "$trace")"
stop_kiosk
passed
