#!/usr/bin/env bash
# Run by appliance_test.sh (case "installed") inside `unshare -m`: puts
# overlays on /etc, /usr and /var (their upper layers in WORK) and a tmpfs on
# /run, so that `dpkg -i` and the postinst write only there, then checks the
# installed appliance. Exit 0 passed, 1 failed, 77 cannot be done here.
#   installed_checks.sh DEB WORK SOURCE_DIR
set -uo pipefail
deb=$1
work=$2
checks=0
fail() {
  echo "FAIL: $*"
  exit 1
}
check() {  # check WHAT EXPECTED ACTUAL
  checks=$((checks + 1))
  [[ "$2" == "$3" ]] || fail "$1: expected [$2], got [$3]"
}

case $work in /etc/* | /usr/* | /var/* | /run/*) echo "the scratch folder $work is under a folder this test overlays"; exit 77 ;; esac
for dir in etc usr var; do
  mkdir -p "$work/layers/$dir/upper" "$work/layers/$dir/work"
  if ! mount -t overlay overlay -o "lowerdir=/$dir,upperdir=$work/layers/$dir/upper,workdir=$work/layers/$dir/work" "/$dir"; then
    echo "cannot put an overlay on /$dir here"
    exit 77
  fi
  # Never go on unless the overlay is really there.
  [[ $(findmnt -n -o FSTYPE --mountpoint "/$dir" | tail -1) == overlay ]] || { echo "/$dir is not an overlay"; exit 1; }
done
mount -t tmpfs tmpfs /run || { echo "cannot mount a tmpfs on /run"; exit 77; }
getent passwd accueil >/dev/null && fail "an accueil user exists before the install"

# 1. dpkg -i, as a technician would (dependencies this machine lacks are let through and named).
if ! dpkg -i "$deb" >"$work/dpkg.log" 2>&1; then
  grep -q "dependency problems" "$work/dpkg.log" || fail "dpkg -i: $(tail -15 "$work/dpkg.log")"
  echo "note: dependencies missing on this machine: $(grep -o 'depends on [^;]*' "$work/dpkg.log" | sort -u | tr '\n' ' ')"
  dpkg --configure --force-depends accueil >>"$work/dpkg.log" 2>&1 || fail "dpkg --configure: $(tail -15 "$work/dpkg.log")"
fi
check "package state" "install ok installed" "$(dpkg-query -W -f '${Status}' accueil)"
check "conffiles registered" "3" "$(dpkg-query -W -f '${Conffiles}\n' accueil | grep -c '^ /etc/')"

# 2. What the postinst made.
IFS=: read -r _ _ uid gid _ home shell < <(getent passwd accueil) || fail "no accueil user after the install"
((uid < 1000)) || fail "accueil is not a system user (uid $uid)"
check "accueil's home" /var/lib/accueil "$home"
check "accueil's shell" /usr/sbin/nologin "$shell"
groups=" $(id -nG accueil) "
for group in accueil dialout video render input; do
  getent group "$group" >/dev/null || continue
  check "accueil is in $group" yes "$([[ $groups == *" $group "* ]] && echo yes || echo "no: $groups")"
done
check "/var/lib/accueil" "accueil accueil 750" "$(stat -c '%U %G %a' /var/lib/accueil)"
check "central.pgpass" "accueil accueil 600" "$(stat -c '%U %G %a' /etc/accueil/central.pgpass)"
as_accueil=(setpriv --reuid=accueil --regid=accueil --init-groups)
as_nobody=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
"${as_accueil[@]}" cat /etc/accueil/central.pgpass >/dev/null || fail "accueil cannot read central.pgpass"
"${as_nobody[@]}" cat /etc/accueil/central.pgpass >/dev/null 2>&1 && fail "another user reads central.pgpass"
# The postinst again (dpkg-reconfigure, an upgrade) changes nothing.
echo "10.0.0.1:5432:accueil:kiosk1:secret" >>/etc/accueil/central.pgpass
/var/lib/dpkg/info/accueil.postinst configure >/dev/null 2>&1 || fail "the postinst fails when run again"
check "the password survives the postinst" 2 "$(wc -l </etc/accueil/central.pgpass)"
check "still one accueil user" 1 "$(getent passwd | grep -c '^accueil:')"

# 3. The installed programs with the installed assets; the README's first steps, as the service user.
check "accueil --version" "accueil $(dpkg-query -W -f '${Version}' accueil) (assets /usr/share/accueil/assets)" \
  "$(/usr/bin/accueil --version)"
"${as_accueil[@]}" accueilctl --db /var/lib/accueil/accueil.db init \
  --event /usr/share/accueil/assets/events/rencontres-2026.toml >/dev/null || fail "accueilctl init as accueil"
out=$("${as_accueil[@]}" accueil --check-config --config /etc/accueil/kiosk.toml) || fail "check-config: $out"
check "the kiosk reads its configuration" "/etc/accueil/kiosk.toml: store /var/lib/accueil/accueil.db, printer entree-1 (usb:brother-ql), 1 printer(s) configured" "$out"

# 4. Every unit, as systemd reads it.
for unit in /lib/systemd/system/accueil-*.service; do
  out=$(systemd-analyze verify "$unit" 2>&1)
  status=$?
  # Units this machine lacks (a container has no getty or plymouth) are not ours to judge.
  ours=$(grep -F "$(basename "$unit")" <<<"$out" | grep -v "Failed to put bus name" || true)
  check "systemd-analyze verify $(basename "$unit")" "0 " "$status $ours"
done

# 5. The udev rules: read by udev without complaint, and their group opens a printer node.
rules=/lib/udev/rules.d/70-accueil.rules
if command -v udevadm >/dev/null && [[ -e /sys/class/tty/tty ]]; then
  # No USB device to try them on in a container: a tty event makes udev read
  # every rules file and say what it cannot take (an invalid key, an unknown group).
  out=$(udevadm test --action=add /sys/class/tty/tty 2>&1)
  check "udevadm reads 70-accueil.rules" yes "$(grep -q 'Reading rules file: .*/70-accueil.rules' <<<"$out" && echo yes || echo no)"
  check "udevadm takes every line of 70-accueil.rules" "" \
    "$(grep -F '70-accueil.rules' <<<"$out" | grep -v 'Reading rules file' || true)"
else
  echo "note: no udevadm test here (udev is not installed, or no /sys/class/tty/tty)"
fi
group=$(sed -n 's/.*idVendor}=="04f9".*GROUP="\([^"]*\)".*/\1/p' "$rules" | head -1)
mode=$(sed -n 's/.*idVendor}=="04f9".*MODE="\([0-7]*\)".*/\1/p' "$rules" | head -1)
check "the printers' group" accueil "$group"
mkdir -p "$work/dev"
chmod 755 "$work/dev"
node=$work/dev/bus-usb-001-007  # as /dev/bus/usb/001/007 would be made: a character device
mknod "$node" c 1 3 2>/dev/null || : >"$node"
chown "root:$group" "$node"
chmod "$mode" "$node"
"${as_accueil[@]}" bash -c "exec 3<>'$node'" || fail "accueil cannot open a printer node root:$group $mode"
"${as_nobody[@]}" bash -c "exec 3<>'$node'" 2>/dev/null && fail "another user opens a printer node root:$group $mode"
acm=$work/dev/ttyACM0
mknod "$acm" c 1 3 2>/dev/null || : >"$acm"
chown root:dialout "$acm"
chmod 0660 "$acm"
"${as_accueil[@]}" bash -c "exec 3<'$acm'" || fail "accueil cannot read a serial scanner node root:dialout 0660"
checks=$((checks + 3))

# 6. Purge: the password goes, the store stays.
dpkg --purge accueil >"$work/purge.log" 2>&1 || fail "dpkg --purge: $(tail -5 "$work/purge.log")"
check "purge removes central.pgpass" no "$([[ -e /etc/accueil/central.pgpass ]] && echo yes || echo no)"
check "purge keeps the store" yes "$([[ -e /var/lib/accueil/accueil.db ]] && echo yes || echo no)"
echo "ok: $checks checks on the installed package"
