# Driving a running kiosk by its trace (accueil --trace): what both kiosk e2e
# scripts share. Uses $trace (the trace file), $kiosk_pid, $log (its output)
# and $seen (trace lines already consumed), and lib.sh's fail.
#   source kiosk_trace.sh   (after lib.sh and scanner.sh)

# wait_for PATTERN [SECONDS]: a trace line matching PATTERN after the ones seen so far.
wait_for() {
  local deadline=$((SECONDS + ${2:-15})) line
  while :; do
    line=$(tail -n +$((seen + 1)) "$trace" 2>/dev/null | grep -nE -m1 "$1" | cut -d: -f1)
    if [[ -n $line ]]; then
      seen=$((seen + line))
      return 0
    fi
    kill -0 "$kiosk_pid" 2>/dev/null || fail "the kiosk stopped: $(tail -5 "$log")"
    ((SECONDS < deadline)) || fail "timed out waiting for \"$1\" in the kiosk's trace (last: $(tail -3 "$trace" | tr '\n' '|'))"
    sleep 0.05
  done
}
# tap ID: a touch on the centre of the target the app last reported as ID.
tap() {
  local line x y w h
  line=$(grep " widget $1 " "$trace" | tail -1)
  [[ -n $line ]] || fail "no touch target \"$1\" on screen"
  read -r _ _ _ x y w h <<<"$line"
  xdotool mousemove $((x + w / 2)) $((y + h / 2)) click 1
}
# scan CODE: typed as a US-layout USB scanner in keyboard-wedge mode would.
scan() { scan_as_us_scanner "$1" 4 || fail "xdotool could not type the scan"; }
