# A PostgreSQL server of the test's own, for the central list's tests:
# initdb + pg_ctl, on a free loopback port, data under a temporary folder,
# stopped when the script exits. Sourced after lib.sh.
#
# PostgreSQL refuses to run as root. As root (CI), the server runs as the
# unprivileged user `nobody` through setpriv (util-linux, always there on
# Debian 12; no su/runuser session, no PAM): its folder is a separate
# mktemp directory chowned to nobody, since lib.sh's work folder is root's
# 0700. Not root: it runs as the calling user.
#   pg_start          sets pg_port, pg_url (superuser "postgres", database accueil)
#   pg_new_database NAME  creates a database; pg_url and url_as then name it
#   pg_stop [MODE]    pg_ctl stop (fast, or immediate: a crash)
#   pg_restart        starts the same data folder again on the same port
#   psql_as LOGIN SQL runs SQL as LOGIN; prints rows unaligned, stderr kept
pg_bin=/usr/lib/postgresql/15/bin
[[ -x $pg_bin/initdb ]] || { echo "SKIP: PostgreSQL 15 is not installed (deploy/setup.sh test)"; exit 77; }

pg_as=()
if [[ $(id -u) -eq 0 ]]; then
  pg_as=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
fi
pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/accueil-pg-XXXXXX")
[[ ${#pg_as[@]} -gt 0 ]] && chown nobody:nogroup "$pg_dir"
pg_port=
pg_test_pids=()  # processes of the test's own (sync --follow) killed on exit

pg_ctl_() { (cd "$pg_dir" && "${pg_as[@]}" "$pg_bin/pg_ctl" "$@"); }

pg_server_start() {
  # fsync=off: a test's server need not survive a power cut (a crash of the
  # server itself, -m immediate, still loses nothing committed).
  pg_ctl_ -D "$pg_dir/data" -l "$pg_dir/log" -w -t 30 start \
    -o "-c port=$pg_port -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off" >/dev/null
}

pg_start() {
  (cd "$pg_dir" && "${pg_as[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 \
    --locale=C.UTF-8 --no-sync >"$pg_dir/initdb.log" 2>&1) || fail "initdb: $(tail -5 "$pg_dir/initdb.log")"
  local try
  for try in 1 2 3 4 5 6 7 8; do
    pg_port=$((20000 + (RANDOM % 20000)))
    pg_server_start && break
    pg_port=
pg_test_pids=()  # processes of the test's own (sync --follow) killed on exit
  done
  [[ -n $pg_port ]] || fail "PostgreSQL did not start: $(tail -5 "$pg_dir/log")"
  trap 'kill "${pg_test_pids[@]}" 2>/dev/null; pg_stop immediate; rm -rf "$work" "$pg_dir"' EXIT
  pg_new_database accueil
}
pg_new_database() {
  "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres "$1" || fail "createdb $1"
  pg_db=$1
  pg_url="postgresql://postgres@127.0.0.1:$pg_port/$pg_db"
}

pg_stop() { [[ -n $pg_port ]] && pg_ctl_ -D "$pg_dir/data" -m "${1:-fast}" -w stop >/dev/null 2>&1; return 0; }
pg_restart() { pg_server_start || fail "PostgreSQL did not start again: $(tail -5 "$pg_dir/log")"; }
url_as() { echo "postgresql://$1@127.0.0.1:$pg_port/$pg_db"; }
psql_as() { "$pg_bin/psql" "$(url_as "$1")" -X -v ON_ERROR_STOP=1 -Atq -c "$2"; }
