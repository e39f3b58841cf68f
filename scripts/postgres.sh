#!/usr/bin/env bash
# Throwaway PostgreSQL server for the tests.
#
#   bash scripts/postgres.sh start    # start (or reuse) the server, print its Npgsql connection string
#   bash scripts/postgres.sh url      # print the connection string of the running server (exit 1 if none)
#   bash scripts/postgres.sh status   # exit 0 if running
#   bash scripts/postgres.sh stop     # stop it and delete its data directory
#
# Uses Debian's server binaries (/usr/lib/postgresql/*/bin, newest; or $KINERJABOT_PG_BIN), a data
# directory under /tmp private to this checkout ($KINERJABOT_PG_DIR to choose another), owned by the
# `postgres` OS user when run as root (initdb refuses root). Listens on 127.0.0.1 only, trust auth,
# port $KINERJABOT_PG_PORT (default 55432; the next free port if that one is taken by something else),
# no fsync (test data only). Creates the database kinerjabot_test. Idempotent: `start` on a running
# server just prints its connection string.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DB="kinerjabot_test"
STATE="${KINERJABOT_PG_DIR:-${TMPDIR:-/tmp}/kinerjabot-pg-$(printf '%s' "$REPO" | cksum | cut -d' ' -f1)}"
DATA="$STATE/data"
LOG="$STATE/server.log"
PORT_FILE="$STATE/port"

die() { echo "postgres.sh: $*" >&2; exit 1; }

find_bin() {
  if [[ -n "${KINERJABOT_PG_BIN:-}" ]]; then echo "$KINERJABOT_PG_BIN"; return; fi
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)"
  if [[ -z "$d" ]] && command -v pg_config >/dev/null; then d="$(pg_config --bindir)"; fi
  [[ -n "$d" && -x "$d/initdb" && -x "$d/pg_ctl" ]] ||
    die "PostgreSQL server binaries not found (apt-get install postgresql, or set KINERJABOT_PG_BIN)"
  echo "$d"
}

# Run a command as the owner of the cluster: `postgres` when we are root, else ourselves.
as_owner() {
  if [[ $EUID -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || die "OS user 'postgres' missing (it comes with Debian's postgresql package)"
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

running() { [[ -f "$DATA/PG_VERSION" ]] && as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }

url() { echo "Host=127.0.0.1;Port=$(cat "$PORT_FILE");Username=postgres;Database=$DB"; }

psql_() { as_owner "$BIN/psql" -X -q -h 127.0.0.1 -p "$(cat "$PORT_FILE")" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"; }

start() {
  if running; then url; return; fi
  mkdir -p "$STATE"
  chmod 755 "$STATE"
  [[ $EUID -eq 0 ]] && chown postgres: "$STATE"
  if [[ ! -f "$DATA/PG_VERSION" ]]; then
    rm -rf "$DATA"
    local initlog="$STATE/initdb.log"
    if ! as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$initlog" 2>&1 &&
       ! { rm -rf "$DATA"; as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --no-locale >"$initlog" 2>&1; }; then
      cat "$initlog" >&2; die "initdb failed"
    fi
    # trust, but only over the private socket directory and 127.0.0.1
    printf '%s\n' "local all all trust" "host all all 127.0.0.1/32 trust" | as_owner tee "$DATA/pg_hba.conf" >/dev/null
    printf '%s\n' "listen_addresses = '127.0.0.1'" "unix_socket_directories = '$STATE'" \
      "fsync = off" "synchronous_commit = off" "full_page_writes = off" "max_connections = 200" \
      "timezone = 'UTC'" "log_min_messages = warning" | as_owner tee -a "$DATA/postgresql.conf" >/dev/null
  fi
  local port="${KINERJABOT_PG_PORT:-55432}" tries=0
  while port_in_use "$port"; do
    ((++tries > 100)) && die "no free port from ${KINERJABOT_PG_PORT:-55432} upwards"
    port=$((port + 1))
  done
  if ! as_owner "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -o "-p $port" -w -t 60 start >/dev/null; then
    tail -n 30 "$LOG" >&2 || true
    die "the server did not start (log: $LOG)"
  fi
  echo "$port" >"$PORT_FILE"
  if [[ "$(psql_ -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != "1" ]]; then
    psql_ -c "CREATE DATABASE $DB" >/dev/null
  fi
  url
}

stop() {
  if running; then as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >/dev/null; fi
  rm -rf "$STATE"
}

BIN="$(find_bin)"
case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) running || die "not running (bash scripts/postgres.sh start)"; url ;;
  status) if running; then echo "running: $(url) (data: $DATA)"; else echo "not running"; exit 1; fi ;;
  *) echo "usage: bash scripts/postgres.sh start|stop|url|status" >&2; exit 2 ;;
esac
