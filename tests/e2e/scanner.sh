# Types TEXT as a USB barcode scanner configured for a US keyboard does: the
# X keycodes of the physical keys (evdev code + 8), with Shift held for
# capitals and symbols, a few milliseconds apart, then Return. The X server's
# layout (setxkbmap fr) plays no part: keycodes name keys, not letters.
#   source scanner.sh; scan_as_us_scanner "AC1:..." [delay_ms]
us_keycodes() {  # prints one xdotool key argument per character
  local text=$1 i c
  for ((i = 0; i < ${#text}; i++)); do
    c=${text:i:1}
    case $c in
      [0-9]) echo $(( c == 0 ? 19 : c + 9 )) ;;
      [a-z]|[A-Z])
        local lower=${c,,} shift=""
        [[ $c != "$lower" ]] && shift="shift+"
        local k
        case $lower in
          q) k=24 ;; w) k=25 ;; e) k=26 ;; r) k=27 ;; t) k=28 ;; y) k=29 ;; u) k=30 ;; i) k=31 ;; o) k=32 ;; p) k=33 ;;
          a) k=38 ;; s) k=39 ;; d) k=40 ;; f) k=41 ;; g) k=42 ;; h) k=43 ;; j) k=44 ;; k) k=45 ;; l) k=46 ;;
          z) k=52 ;; x) k=53 ;; c) k=54 ;; v) k=55 ;; b) k=56 ;; n) k=57 ;; m) k=58 ;;
        esac
        echo "${shift}${k}" ;;
      ' ') echo 65 ;;
      '-') echo 20 ;; '=') echo 21 ;; ';') echo 47 ;; "'") echo 48 ;; ',') echo 59 ;; '.') echo 60 ;; '/') echo 61 ;;
      '$') echo shift+13 ;; '%') echo shift+14 ;; '*') echo shift+17 ;; '+') echo shift+21 ;; ':') echo shift+47 ;;
      *) echo "scanner.sh: no US key for '$c'" >&2; return 1 ;;
    esac
  done
  echo 36  # Return
}

scan_as_us_scanner() {
  local keys
  keys=$(us_keycodes "$1") || return 1
  # shellcheck disable=SC2086
  xdotool key --clearmodifiers --delay "${2:-4}" $keys
}
