# A real CUPS for the tests, started by the test itself on loopback: an
# unprivileged cupsd on a free port with one queue, "Badges", made by
# `lpadmin -m everywhere` from an ippeveprinter that plays a Brother
# QL-820NWB (its attributes from printer-driver-ptouch's PPD: 62 x 100 mm
# labels, 300 dpi) and keeps what it prints (-k).
#
# ippeveprinter runs $work/cups/fault.sh for each job. While the file
# $work/cups/fault holds printer-state-reasons keywords ("media-empty"), the
# script reports them (STATE: +keyword on stderr, which ippeveprinter turns into
# its printer-state-reasons) and holds the job; removing the file clears them
# (STATE: -keyword) and lets the job print. Each job's media (media-col, as
# CUPS's ipp backend sends it) and format are logged in $work/cups/jobs.log.
#
# ippeveprinter needs Avahi, and Avahi the system D-Bus: they are started when
# they are not running (as root, as on a fresh CI machine); without them and
# without root the test is skipped (exit 77).
#
#   source cups_lib.sh   (after lib.sh)
#   cups_start           ->  $CUPS_SERVER, $cups_port, $ipp_port, $cups_spool (printed files)
#   cups_stop_scheduler / cups_start_scheduler / cups_kill_scheduler
#
# When a test fails while its cupsd has died, the failure says so, with how it
# died and the tail of its logs, and names a known scheduler bug when the probe
# (cups_probe_known_bugs) found this cupsd has one.

cups_dir=$work/cups
cups_spool=$cups_dir/printed

# A TCP port nobody listens on, picked at random to keep parallel tests apart.
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  fail "no free port found"
}

# Failures say whether cupsd is still alive (see cups_health).
fail() {
  echo "FAIL: $*$(cups_health)" >&2
  exit 1
}

# Nothing when cupsd runs (or was stopped on purpose); otherwise how it died,
# the tail of its logs, and what the probe knows of this cupsd.
cups_health() {
  [[ -n ${cupsd_pid:-} ]] || return 0
  kill -0 "$cupsd_pid" 2>/dev/null && return 0
  local status=0
  wait "$cupsd_pid" 2>/dev/null || status=$?
  local how="exit $status"
  ((status > 128)) && how="signal $((status - 128)) ($(kill -l $((status - 128)) 2>/dev/null))"
  printf '\n  cupsd (pid %s) died: %s' "$cupsd_pid" "$how"
  [[ -n ${cups_known_bug:-} ]] && printf '\n  %s' "$cups_known_bug"
  printf '\n  --- %s (tail)\n' "$cups_dir/log/error_log"
  tail -8 "$cups_dir/log/error_log" 2>/dev/null | sed 's/^/  /'
  printf '  --- %s (tail)\n' "$cups_dir/log/cupsd.out"
  tail -5 "$cups_dir/log/cupsd.out" 2>/dev/null | sed 's/^/  /'
}

skip() {
  echo "SKIP: $*"
  exit 77
}

# The system D-Bus and Avahi, started if they are not running.
ensure_avahi() {
  avahi-daemon --check 2>/dev/null && return 0
  [[ $(id -u) -eq 0 ]] || skip "avahi-daemon is not running and starting it needs root"
  # Parallel tests: one starts them, the others wait for it.
  exec 8>/tmp/accueil-test-daemons.lock
  flock 8
  if ! avahi-daemon --check 2>/dev/null; then
    if ! dbus-send --system --dest=org.freedesktop.DBus --type=method_call --print-reply / \
         org.freedesktop.DBus.GetId >/dev/null 2>&1; then
      mkdir -p /run/dbus
      dbus-uuidgen --ensure
      rm -f /run/dbus/pid
      dbus-daemon --system --fork || fail "cannot start the system D-Bus"
      wait_until 10 "the system D-Bus" dbus-send --system --dest=org.freedesktop.DBus --type=method_call \
        --print-reply / org.freedesktop.DBus.GetId
    fi
    # --no-rlimits: containers refuse the limits Avahi sets itself.
    avahi-daemon --daemonize --no-rlimits || fail "cannot start avahi-daemon"
    wait_until 10 "avahi-daemon" avahi-daemon --check
  fi
  flock -u 8
  exec 8>&-
}

cups_write_config() {
  mkdir -p "$cups_dir"/{cache,state,spool,tmp,log} "$cups_spool"
  # Filters run as lp when cupsd runs as root: they must reach the spool.
  chmod 755 "$work" "$cups_dir"
  chmod 1777 "$cups_dir/tmp" "$cups_dir/spool"
  cat >"$cups_dir/cupsd.conf" <<EOF
Listen 127.0.0.1:$cups_port
LogLevel info
Browsing No
WebInterface No
DefaultAuthType None
MaxJobs 0
PreserveJobHistory Yes
<Location />
  Order allow,deny
  Allow from 127.0.0.1
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
EOF
  {
    echo "ServerRoot $cups_dir"
    echo "StateDir $cups_dir/state"
    echo "CacheDir $cups_dir/cache"
    echo "RequestRoot $cups_dir/spool"
    echo "TempDir $cups_dir/tmp"
    echo "ErrorLog $cups_dir/log/error_log"
    echo "AccessLog $cups_dir/log/access_log"
    echo "PageLog $cups_dir/log/page_log"
    echo "Sandboxing Relaxed"
    if [[ $(id -u) -eq 0 ]]; then
      echo "User lp"
      echo "Group lp"
      echo "SystemGroup root"
    else
      echo "SystemGroup $(id -gn)"
    fi
  } >"$cups_dir/cups-files.conf"
  cat >"$cups_dir/fault.sh" <<EOF
#!/bin/sh
# ippeveprinter's print command: see cups_lib.sh.
echo "job \$IPP_JOB_ID media-col=\$IPP_MEDIA_COL format=\$CONTENT_TYPE" >>"$cups_dir/jobs.log"
if [ -s "$cups_dir/fault" ]; then
  reasons=\$(cat "$cups_dir/fault")
  echo "STATE: +\$reasons" >&2
  while [ -e "$cups_dir/fault" ]; do sleep 0.1; done
  echo "STATE: -\$reasons" >&2
fi
cat "\$1"
EOF
  chmod 755 "$cups_dir/fault.sh"
}

cups_start_scheduler() {
  cupsd -f -c "$cups_dir/cupsd.conf" -s "$cups_dir/cups-files.conf" >>"$cups_dir/log/cupsd.out" 2>&1 &
  cupsd_pid=$!
  deadline=$((SECONDS + 15))
  until [[ $(lpstat -r 2>&1) == "scheduler is running" ]]; do
    ((SECONDS < deadline)) || fail "cupsd did not start on port $cups_port: $(tail -5 "$cups_dir/log/error_log")"
    sleep 0.05
  done
}

# Stops cupsd, bounded: SIGTERM, then SIGKILL after 3 s (a scheduler stuck in
# a loop ignores SIGTERM, and must not eat ctest's whole timeout).
cups_stop_scheduler() {
  [[ -n ${cupsd_pid:-} ]] || return 0
  kill "$cupsd_pid" 2>/dev/null
  local deadline=$((SECONDS + 3))
  while kill -0 "$cupsd_pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.05; done
  if kill -0 "$cupsd_pid" 2>/dev/null; then
    echo "note: cupsd (pid $cupsd_pid) ignored SIGTERM for 3 s; killed" >&2
    kill -KILL "$cupsd_pid" 2>/dev/null
  fi
  wait "$cupsd_pid" 2>/dev/null
  cupsd_pid=
}

# A crash: cupsd killed with SIGKILL, writing nothing more (its filters and
# backends live on, as they do when cupsd crashes).
cups_kill_scheduler() {
  kill -KILL "$cupsd_pid" 2>/dev/null
  wait "$cupsd_pid" 2>/dev/null
  cupsd_pid=
}

# Known scheduler bugs, found by trying them on a throwaway cupsd (once per
# cupsd binary; the verdict is cached in /tmp). Sets $cups_known_bug to one
# line naming the bug, or to nothing, and prints that line.
#
# The bug probed: Debian's cups-daemon 2.4.2-3+deb12u10 took upstream's filter
# of control characters in job options without its follow-up fix (CUPS issue
# #1532): get_options() crashes on any job string attribute holding whitespace
# (and loops on one holding a control byte). `lp` of a file whose name holds a
# space is enough. Accueil never sends such values (cups::scheduler_safe).
cups_probe_known_bugs() {
  local cupsd_bin
  cupsd_bin=$(command -v cupsd)
  local key
  key=$(sha256sum "$cupsd_bin" | cut -c1-16)
  local cache=/tmp/accueil-cupsd-probe-$key
  exec 7>"$cache.lock"
  flock 7
  if [[ ! -f $cache ]]; then
    local verdict
    verdict=$(cups_probe_whitespace_crash)
    echo "$verdict" >"$cache.tmp" && mv "$cache.tmp" "$cache"
  fi
  flock -u 7
  exec 7>&-
  cups_known_bug=$(cat "$cache")
  [[ -n $cups_known_bug ]] && echo "note: $cups_known_bug" >&2
  return 0
}

cups_probe_whitespace_crash() {
  local dir
  dir=$(mktemp -d /tmp/accueil-cupsd-probe-XXXXXX)
  chmod 755 "$dir"
  local port
  port=$(free_port)
  (
    # A copy of the test's configuration, with its own port and directories,
    # and a raw queue printing to /dev/null.
    cups_dir=$dir cups_port=$port cups_spool=$dir/printed cups_write_config
    echo "FileDevice Yes" >>"$dir/cups-files.conf"
  )
  cupsd -f -c "$dir/cupsd.conf" -s "$dir/cups-files.conf" >"$dir/log/cupsd.out" 2>&1 &
  local pid=$! deadline=$((SECONDS + 10))
  until [[ $(CUPS_SERVER=localhost:$port lpstat -r 2>&1) == "scheduler is running" ]]; do
    if ((SECONDS >= deadline)) || ! kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid" 2>/dev/null
      wait "$pid" 2>/dev/null
      rm -rf "$dir"
      return 0  # no verdict: the tests will say why cupsd does not start
    fi
    sleep 0.05
  done
  local verdict=""
  echo probe >"$dir/a b.txt"
  if CUPS_SERVER=localhost:$port lpadmin -p Probe -E -v file:///dev/null -m raw >/dev/null 2>&1 &&
     CUPS_SERVER=localhost:$port lp -d Probe "$dir/a b.txt" >/dev/null 2>&1; then
    # The crash comes when the job starts, within a moment.
    deadline=$((SECONDS + 3))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.05; done
    if ! kill -0 "$pid" 2>/dev/null; then
      verdict="this cupsd ($(dpkg-query -W -f '${Package} ${Version}' cups-daemon 2>/dev/null || echo "$cupsd_bin")) crashes on a job attribute holding a space (get_options regression, CUPS issue #1532)"
    fi
  fi
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  rm -rf "$dir"
  echo "$verdict"
}

cups_start() {
  command -v ippeveprinter >/dev/null || skip "ippeveprinter (cups-ipp-utils) is not installed"
  command -v cupsd >/dev/null || skip "cupsd (cups) is not installed"
  [[ -x /usr/lib/cups/driver/ptouch ]] || skip "printer-driver-ptouch is not installed"
  ensure_avahi
  cups_probe_known_bugs
  cups_port=$(free_port)
  ipp_port=$(free_port)
  export CUPS_SERVER=localhost:$cups_port
  cups_write_config
  /usr/lib/cups/driver/ptouch cat "ptouch:0/ppd/ptouch-driver/Brother-QL-820NWB-ptouch-ql.ppd" >"$cups_dir/ql820nwb.ppd" ||
    fail "cannot get the QL-820NWB PPD from printer-driver-ptouch"
  ippeveprinter -p "$ipp_port" -n localhost -r off -d "$cups_spool" -k -P "$cups_dir/ql820nwb.ppd" \
    -c "$cups_dir/fault.sh" -F application/pdf "Accueil test $$" >"$cups_dir/log/ippeveprinter.log" 2>&1 &
  ipp_pid=$!
  wait_until 15 "ippeveprinter on port $ipp_port" ipptool -q "ipp://localhost:$ipp_port/ipp/print" \
    get-printer-attributes.test
  cups_start_scheduler
  lpadmin -p Badges -E -v "ipp://localhost:$ipp_port/ipp/print" -m everywhere ||
    fail "lpadmin -m everywhere failed: $(tail -5 "$cups_dir/log/error_log")"
  trap 'cups_cleanup' EXIT
}

cups_cleanup() {
  cups_stop_scheduler
  [[ -n ${ipp_pid:-} ]] && kill "$ipp_pid" 2>/dev/null
  rm -f "$cups_dir/fault"
  wait 2>/dev/null
  rm -rf "$work"
}

# The PDFs ippeveprinter kept (one per job).
printed_pdfs() { find "$cups_spool" -name '*.pdf' | sort; }
