#!/usr/bin/env bash
# accueilctl setup-printer against a real cupsd whose printer is an
# ippeveprinter playing a Brother QL-820NWB (tests/integration/cups_lib.sh):
# a driverless queue made from the printer's IPP address, the badge's media
# made its default (the printer's own default is another 62 x 100 size, so a
# queue left as lpadmin made it fails the check), a test label printed and
# read back, the [[printers]] table written into a copy of the appliance's
# kiosk.toml; and the mistakes, each said and changing nothing.
#   setup_printer_test.sh BIN_DIR SOURCE_DIR CASE
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../integration/lib.sh" "$1" "$2"
source "$here/../integration/cups_lib.sh"
case_name=$3

media_default() {
  ipptool -tv "ipp://$CUPS_SERVER/printers/$1" get-printer-attributes.test 2>/dev/null |
    sed -n 's/.*media-default (keyword) = //p'
}

case $case_name in
driverless_queue_and_test_label)
  cups_start
  before=$(media_default Badges)
  cp "$source_dir/deploy/appliance/kiosk.toml" kiosk.toml
  expect_status "setup-printer --cups" 0 accueilctl --json setup-printer --cups Entree \
    --device-uri "ipp://localhost:$ipp_port/ipp/print" --media 62x100 --name entree-1 --config kiosk.toml
  chosen=$(jq -r .media_default out)
  expect_eq "the queue is driverless" "Printer - IPP Everywhere" \
    "$(lpoptions -p Entree | grep -o "printer-make-and-model='[^']*'" | cut -d"'" -f2)"
  expect_contains "the badge's media is 62 x 100 mm" "_62.09x99.84mm" "$chosen"
  expect_eq "the queue's default media" "$chosen" "$(media_default Entree)"
  [[ $before != "$chosen" ]] || fail "the printer's own default ($before) is the badge's: this test cannot tell"
  expect_eq "test label" printed "$(jq -r .test_label out)"
  # The label ippeveprinter kept: our PDF, on the badge's media.
  pdf=$(printed_pdfs | tail -1)
  [[ -n $pdf ]] || fail "ippeveprinter kept no test label"
  text=$(pdftotext "$pdf" - 2>/dev/null)
  expect_contains "test label text" "TEST" "$text"
  expect_contains "test label names the queue" "CUPS Entree" "$text"
  expect_contains "test label's media sent" "x-dimension=6209 y-dimension=9984" "$(tail -1 "$cups_dir/jobs.log")"
  # The kiosk's configuration now prints on the queue, its comments kept.
  expect_status "check-config" 0 accueil --check-config --config kiosk.toml
  expect_contains "kiosk.toml's printer" "printer entree-1 (cups:Entree), 1 printer(s)" "$(cat out)"
  expect_contains "comments kept" "# failover = \"entree-2\"" "$(cat kiosk.toml)"
  expect_contains "comments kept" "# The printers, as in" "$(cat kiosk.toml)"
  expect_eq "one [[printers]] table" 1 "$(grep -c '^\[\[printers\]\]' kiosk.toml)"
  passed
  ;;

existing_queue_into_config)
  cups_start
  expect_status "setup-printer on an existing queue" 0 accueilctl setup-printer --cups Badges --no-test-label \
    --config printers.toml
  expect_eq "the table printed" $'[[printers]]\nname = "badges"\nuri = "cups:Badges"\nmedia = "62x100"\ntemplate = "label-62x100"' \
    "$(cat out)"
  expect_eq "printers.toml made" "$(cat out)" "$(cat printers.toml)"
  expect_eq "no test label" "" "$(printed_pdfs)"
  # Again, for a second printer, then the first one again: two tables, the first replaced in place.
  expect_status "a second printer" 0 accueilctl setup-printer --cups Badges --no-test-label --name spare \
    --config printers.toml
  expect_status "the first again" 0 accueilctl setup-printer --cups Badges --no-test-label --config printers.toml
  expect_eq "two tables" 2 "$(grep -c '^\[\[printers\]\]' printers.toml)"
  expect_eq "names in order" $'name = "badges"\nname = "spare"' "$(grep '^name' printers.toml)"
  expect_status "the configured printer is ready" 0 accueilctl printers --no-usb --printers printers.toml
  expect_contains "printers" "badges: cups:Badges 62x100: ready" "$(cat out)"
  passed
  ;;

mistakes)
  cups_start
  queues_before=$(lpstat -e | sort)
  expect_status "neither --cups nor --usb" 1 accueilctl setup-printer
  expect_contains "says so" "give either --cups QUEUE or --usb" "$(cat err)"
  expect_status "a queue name with a space" 1 accueilctl setup-printer --cups "Hall A" --device-uri "ipp://localhost:$ipp_port/ipp/print"
  expect_contains "says why" "no space" "$(cat err)"
  expect_status "a queue that does not exist, no device" 1 accueilctl setup-printer --cups Nope
  expect_contains "says what to give" "--device-uri" "$(cat err)"
  dead_port=$(free_port)
  expect_status "a printer that does not answer" 1 accueilctl setup-printer --cups Dead \
    --device-uri "ipp://localhost:$dead_port/ipp/print"
  # lpadmin makes a driverless queue whatever answers; the queue then offers no media.
  expect_contains "says the printer did not answer" "did the printer answer at ipp://localhost:$dead_port/ipp/print?" "$(cat err)"
  expect_contains "and that the queue it made is gone" "(queue Dead removed again)" "$(cat err)"
  expect_status "media with no template" 1 accueilctl setup-printer --cups Badges --media 29x90 --no-test-label
  expect_contains "says to name one" "--template" "$(cat err)"
  expect_status "bad media" 1 accueilctl setup-printer --cups Badges --media 62xx --no-test-label
  expect_contains "names the option" "--media 62xx" "$(cat err)"
  printf 'store = "a.db"\n[[printers]\nname = "x"\n' >broken.toml
  cp broken.toml broken.before
  expect_status "a configuration that is not TOML" 1 accueilctl setup-printer --cups Badges --no-test-label --config broken.toml
  expect_contains "names the file" "broken.toml" "$(cat err)"
  expect_eq "broken.toml unchanged" "$(cat broken.before)" "$(cat broken.toml)"
  expect_eq "no queue made or lost" "$queues_before" "$(lpstat -e | sort)"
  expect_eq "nothing printed" "" "$(printed_pdfs)"
  # No label printer on this machine's USB (or no USB at all): said, nothing written.
  expect_status "--usb with no printer" 1 accueilctl setup-printer --usb --config usb.toml
  expect_contains "says what it looked for" "USB" "$(cat err)"
  [[ ! -e usb.toml ]] || fail "usb.toml written with no printer found"
  passed
  ;;

*) fail "unknown case $case_name" ;;
esac
