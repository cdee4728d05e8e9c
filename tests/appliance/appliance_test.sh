#!/usr/bin/env bash
# The kiosk appliance (deploy/appliance): the Debian package built from the
# build tree, what it holds, lintian, the programs run from an extracted copy
# with the assets they carry, and a real `dpkg -i` on a throwaway overlay of
# this machine (a private mount namespace: nothing reaches the real system),
# where the postinst, the units (systemd-analyze verify) and the udev rules
# (udevadm test, and a device node of the rules' group opened as the accueil
# user) are checked.
#   appliance_test.sh BIN_DIR SOURCE_DIR BUILD_DIR CASE
# The case "package" makes BUILD_DIR/appliance/deb/accueil_*.deb; the others
# use it (ctest fixture appliance_deb).
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../integration/lib.sh" "$1" "$2"
build_dir=$(cd "$3" && pwd)
case_name=$4
deb_dir=$build_dir/appliance/deb
version=$(sed -n 's/^project(accueil VERSION \([0-9.]*\).*/\1/p' "$source_dir/CMakeLists.txt")

skip() {
  echo "SKIP: $*"
  exit 77
}
the_deb() {
  local deb
  deb=$(ls "$deb_dir"/accueil_"$version"_*.deb 2>/dev/null | head -1)
  [[ -n $deb ]] || fail "no package in $deb_dir: the case \"package\" makes it"
  echo "$deb"
}

case $case_name in
package)
  command -v dpkg-deb >/dev/null || skip "dpkg-deb is not installed"
  rm -rf "$deb_dir"
  mkdir -p "$deb_dir"
  # cpack installs from the build tree as it is (the programs are built).
  cpack -G DEB --config "$build_dir/CPackConfig.cmake" -B "$deb_dir" >"$work/cpack.log" 2>&1 ||
    fail "cpack failed: $(tail -20 "$work/cpack.log")"
  deb=$(the_deb)
  expect_eq "package name" accueil "$(dpkg-deb -f "$deb" Package)"
  expect_eq "package version (the project's)" "$version" "$(dpkg-deb -f "$deb" Version)"
  depends=$(dpkg-deb -f "$deb" Depends)
  for dep in cage adduser libc6 libsdl2 libcups2 libusb-1.0-0 libsqlite3 libpq5 libsystemd0 fonts-noto-core; do
    expect_contains "Depends has $dep" "$dep" "$depends"
  done
  contents=$(dpkg-deb -c "$deb" | awk '{ print $1, $2, $6 }')
  for entry in \
    "-rwxr-xr-x root/root ./usr/bin/accueil" \
    "-rwxr-xr-x root/root ./usr/bin/accueilctl" \
    "-rw-r--r-- root/root ./usr/share/accueil/assets/badges/label-62x100.toml" \
    "-rw-r--r-- root/root ./usr/share/accueil/assets/i18n/fr.po" \
    "-rw-r--r-- root/root ./usr/share/accueil/assets/events/rencontres-2026.toml" \
    "-rw-r--r-- root/root ./usr/share/accueil/assets/printers/example.toml" \
    "-rw-r--r-- root/root ./usr/share/doc/accueil/copyright" \
    "-rw-r--r-- root/root ./usr/share/doc/accueil/changelog.gz" \
    "-rw-r--r-- root/root ./etc/accueil/kiosk.toml" \
    "-rw-r--r-- root/root ./etc/accueil/sync.env" \
    "-rw-r--r-- root/root ./etc/pam.d/accueil-kiosk" \
    "-rw-r--r-- root/root ./lib/systemd/system/accueil-kiosk.service" \
    "-rw-r--r-- root/root ./lib/systemd/system/accueil-desk.service" \
    "-rw-r--r-- root/root ./lib/systemd/system/accueil-dashboard.service" \
    "-rw-r--r-- root/root ./lib/systemd/system/accueil-sync.service" \
    "-rw-r--r-- root/root ./lib/udev/rules.d/70-accueil.rules" \
    "-rw-r--r-- root/root ./usr/lib/systemd/logind.conf.d/accueil.conf" \
    "-rw-r--r-- root/root ./usr/lib/systemd/sleep.conf.d/accueil.conf" \
    "-rw-r--r-- root/root ./usr/lib/sysctl.d/60-accueil.conf"; do
    expect_contains "package holds" "$entry" "$contents"
  done
  # Nothing of the build or the tests comes along.
  extra=$(dpkg-deb -c "$deb" | awk '{ print $6 }' | grep -E 'bench|test|/home/|/work/' || true)
  expect_eq "no benchmark, test or build path in the package" "" "$extra"
  # The conffiles are the files of /etc it ships.
  dpkg-deb -e "$deb" "$work/control"
  expect_eq "conffiles" $'/etc/accueil/kiosk.toml\n/etc/accueil/sync.env\n/etc/pam.d/accueil-kiosk' \
    "$(cat "$work/control/conffiles")"
  [[ -x $work/control/postinst && -x $work/control/postrm ]] || fail "postinst and postrm must be executable"
  sh -n "$work/control/postinst" && sh -n "$work/control/postrm" || fail "a maintainer script does not parse"
  # The udev rules cover every Brother QL of the printer table (idProduct 20??).
  n=0
  for pid in $(sed -n 's/.*Model::ql_[0-9a-z]*, *"QL-[^"]*", *0x\([0-9A-Fa-f]*\),.*/\1/p' \
                 "$source_dir/printer/encode/brother_ql.cpp"); do
    pid=${pid,,}
    n=$((n + 1))
    [[ $pid == 20?? ]] || fail "Brother product id $pid is not covered by 70-accueil.rules (20??)"
  done
  expect_eq "Brother QL models of the table checked against the rules" 9 "$n"
  echo "package: $deb ($(du -k "$deb" | cut -f1) KiB)"
  passed
  ;;

lintian)
  command -v lintian >/dev/null || skip "lintian is not installed"
  deb=$(the_deb)
  # Errors fail; warnings are listed (README.md, "Appliance", says which stay and why).
  lintian --no-cfg --fail-on error --display-info "$deb" >"$work/lintian" 2>&1
  status=$?
  cat "$work/lintian"
  expect_eq "lintian errors" "" "$(grep '^E: ' "$work/lintian" || true)"
  expect_eq "lintian exit" 0 "$status"
  passed
  ;;

extracted)
  deb=$(the_deb)
  root=$work/root
  dpkg-deb -x "$deb" "$root" || fail "dpkg-deb -x"
  # The installed programs find the installed assets (…/share/accueil/assets beside …/bin), nothing of the source tree.
  unset ACCUEIL_ASSETS
  expect_eq "accueil --version" "accueil $version (assets $root/usr/share/accueil/assets)" \
    "$("$root/usr/bin/accueil" --version)"
  expect_eq "accueilctl --version" "accueilctl $version (assets $root/usr/share/accueil/assets)" \
    "$("$root/usr/bin/accueilctl" --version)"
  # The shipped configuration reads (its store is not made yet).
  out=$("$root/usr/bin/accueil" --check-config --config "$root/etc/accueil/kiosk.toml") || fail "check-config: $out"
  expect_contains "kiosk.toml reads" "store /var/lib/accueil/accueil.db (not made yet" "$out"
  expect_contains "kiosk.toml's printer" "printer entree-1 (usb:brother-ql)" "$out"
  # A store from the installed sample event, and a badge from the installed template.
  "$root/usr/bin/accueilctl" init --event "$root/usr/share/accueil/assets/events/rencontres-2026.toml" >/dev/null ||
    fail "init with the installed sample event"
  "$root/usr/bin/accueilctl" demo-data --count 3 --seed 1 --out demo.csv >/dev/null || fail "demo-data"
  "$root/usr/bin/accueilctl" import demo.csv >/dev/null || fail "import"
  ref=$(sqlite3 store.db "SELECT external_ref FROM attendees LIMIT 1")
  "$root/usr/bin/accueilctl" badge "$ref" --template label-62x100 --out badge.pdf >/dev/null 2>&1 ||
    fail "badge with the installed template"
  expect_contains "the badge has the attendee's name" "$(sqlite3 store.db "SELECT last_name FROM attendees WHERE external_ref = '$ref'")" \
    "$(pdftotext badge.pdf - 2>/dev/null)"
  passed
  ;;

installed)
  # dpkg -i on overlays of /etc, /usr, /var and /run in a private mount
  # namespace: the real system is the overlays' lower layer and is never written.
  [[ $(id -u) -eq 0 ]] || skip "needs root (a mount namespace with overlays)"
  unshare -m true 2>/dev/null || skip "cannot make a mount namespace here"
  deb=$(the_deb)
  chmod 755 "$work"
  unshare -m --propagation private bash "$here/installed_checks.sh" "$deb" "$work" "$source_dir" >"$work/log" 2>&1
  status=$?
  cat "$work/log"
  [[ $status -eq 77 ]] && skip "$(tail -1 "$work/log")"
  expect_eq "checks on the installed package" 0 "$status"
  passed
  ;;

*) fail "unknown case $case_name" ;;
esac
