#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests: loopback only, trust auth, fsync off.
#
#   scripts/pg-test-cluster.sh [start] [ENV_FILE]   start (or reuse) the cluster; print
#                                                  `export DATABASE_URL=…` or write it to ENV_FILE
#   scripts/pg-test-cluster.sh stop                stop it and delete its directory
#   scripts/pg-test-cluster.sh status              exit 0 when it is running
#   scripts/pg-test-cluster.sh url                 print the DATABASE_URL of the running cluster
#   scripts/pg-test-cluster.sh pause | resume      stop PostgreSQL keeping its data / start it again (fault tests)
#
# Environment: PGTEST_DIR (default /tmp/qorgau-pg-test), PGTEST_PORT (preferred port,
# default 54329; the next free port is taken when it is busy), PGTEST_DB (default qorgau).
# Running as root, the cluster runs as the `postgres` system user (created when missing),
# because PostgreSQL refuses to run as root.
#
# Logs go to stderr; only the export line goes to stdout, so `eval "$(… start)"` works.
set -euo pipefail

PGTEST_DIR=${PGTEST_DIR:-/tmp/qorgau-pg-test}
PGTEST_PORT=${PGTEST_PORT:-54329}
PGTEST_DB=${PGTEST_DB:-qorgau}
DATA="$PGTEST_DIR/data"
PORT_FILE="$PGTEST_DIR/port"
LOG="$PGTEST_DIR/postgres.log"

safe_dir() {
  # refuse to delete anything that does not look like our own throwaway directory
  case $PGTEST_DIR in
    ''|/|/tmp|/tmp/|/var|/usr|/home|/root|/etc) die "refusing to use PGTEST_DIR=$PGTEST_DIR" ;;
  esac
  if [[ -d $PGTEST_DIR && -n $(ls -A "$PGTEST_DIR") && ! -f $PORT_FILE && ! -f $DATA/PG_VERSION && ! -f $PGTEST_DIR/initdb.log ]]; then
    die "$PGTEST_DIR exists and is not a test cluster directory; not touching it"
  fi
}

say() { printf 'pg-test-cluster: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

find_bindir() {
  local d best="" bestv=0 v
  if [[ -n ${PG_BINDIR:-} ]]; then
    [[ -x $PG_BINDIR/initdb && -x $PG_BINDIR/pg_ctl ]] || die "PG_BINDIR=$PG_BINDIR has no initdb/pg_ctl"
    echo "$PG_BINDIR"; return
  fi
  for d in /usr/lib/postgresql/*/bin; do
    [[ -x $d/initdb && -x $d/pg_ctl && -x $d/postgres ]] || continue
    v=$(basename "$(dirname "$d")"); v=${v%%.*}
    [[ $v =~ ^[0-9]+$ ]] || continue
    if (( v > bestv )); then bestv=$v; best=$d; fi
  done
  if [[ -z $best ]] && command -v pg_ctl >/dev/null && command -v initdb >/dev/null; then
    best=$(dirname "$(command -v pg_ctl)")
  fi
  [[ -n $best ]] || die "no PostgreSQL server binaries found (install them: apt-get install -y postgresql)"
  echo "$best"
}

# run a command as the cluster owner
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    if command -v runuser >/dev/null; then
      runuser -u postgres -- "$@"
    else
      local q; printf -v q '%q ' "$@"
      su -s /bin/sh postgres -c "$q"
    fi
  else
    "$@"
  fi
}

ensure_owner() {
  [[ $(id -u) -eq 0 ]] || return 0
  if ! id postgres >/dev/null 2>&1; then
    say "creating system user postgres"
    useradd --system --user-group --home-dir /var/lib/postgresql --no-create-home --shell /bin/bash postgres \
      || die "could not create user postgres"
  fi
}

port_busy() {
  # something accepts connections on 127.0.0.1:$1 (bash's /dev/tcp; no extra tools needed)
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pick_port() {
  local p=$1 i
  for (( i = 0; i < 100; i++ )); do
    if ! port_busy "$p"; then echo "$p"; return; fi
    p=$(( p + 1 ))
  done
  die "no free port from $1 to $p"
}

running() {
  [[ -f $DATA/postmaster.pid ]] || return 1
  as_owner "$BINDIR/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

ready() {
  "$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$1" -U postgres -d postgres 2>/dev/null
}

psql_() {
  local port=$1; shift
  PGCONNECT_TIMEOUT=10 "$BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres "$@"
}

url_for() { echo "postgres://postgres@127.0.0.1:$1/$PGTEST_DB"; }

emit() {
  local url; url=$(url_for "$1")
  if [[ -n ${2:-} ]]; then
    printf 'export DATABASE_URL=%s\n' "$url" >"$2"
    say "wrote DATABASE_URL to $2"
  else
    printf 'export DATABASE_URL=%s\n' "$url"
  fi
}

stop_cluster() {
  if [[ -d $DATA ]] && running; then
    say "stopping cluster in $DATA"
    as_owner "$BINDIR/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >/dev/null 2>&1 \
      || as_owner "$BINDIR/pg_ctl" -D "$DATA" -m immediate -w -t 30 stop >/dev/null 2>&1 \
      || say "warning: pg_ctl stop failed"
  fi
  if [[ -f $DATA/postmaster.pid ]]; then
    # a postmaster that pg_ctl could not stop: end that one process by its pid
    local pid; pid=$(head -n1 "$DATA/postmaster.pid" 2>/dev/null || true)
    if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
      kill -QUIT "$pid" 2>/dev/null || true
      sleep 1
    fi
  fi
  safe_dir
  rm -rf "$PGTEST_DIR"
}

init_cluster() {
  local port=$1 locale=C
  safe_dir
  rm -rf "$PGTEST_DIR"
  mkdir -p "$PGTEST_DIR"
  chmod 0755 "$PGTEST_DIR"
  if [[ $(id -u) -eq 0 ]]; then chown postgres: "$PGTEST_DIR"; fi
  # a UTF-8 locale so that lower()/upper() handle Cyrillic, as PGlite does
  if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then locale=C.UTF-8; fi
  say "initdb into $DATA ($BINDIR, locale $locale)"
  as_owner "$BINDIR/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale="$locale" \
    --no-instructions >"$PGTEST_DIR/initdb.log" 2>&1 \
    || { cat "$PGTEST_DIR/initdb.log" >&2; die "initdb failed"; }
  write_conf "$port"
}

write_conf() {
  local port=$1
  # appended last, so these win over initdb's defaults
  as_owner tee -a "$DATA/postgresql.conf" >/dev/null <<EOF
# written by scripts/pg-test-cluster.sh — a throwaway cluster for tests
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$PGTEST_DIR'
max_connections = 200
shared_buffers = 128MB
fsync = off
synchronous_commit = off
full_page_writes = off
max_wal_size = 1GB
log_min_messages = warning
logging_collector = off
EOF
  echo "$port" | as_owner tee "$PORT_FILE" >/dev/null
}

start_cluster() {
  local port=$1
  say "starting PostgreSQL on 127.0.0.1:$port"
  if ! as_owner "$BINDIR/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start >/dev/null 2>&1; then
    tail -n 30 "$LOG" >&2 2>/dev/null || true
    return 1
  fi
  local i
  for (( i = 0; i < 60; i++ )); do
    ready "$port" && return 0
    sleep 0.5
  done
  tail -n 30 "$LOG" >&2 2>/dev/null || true
  return 1
}

ensure_database() {
  local port=$1
  local have
  have=$(psql_ "$port" -d postgres -tA -c "select 1 from pg_database where datname = '$PGTEST_DB'")
  if [[ $have != 1 ]]; then
    psql_ "$port" -d postgres -c "create database \"$PGTEST_DB\"" >/dev/null
    say "created database $PGTEST_DB"
  fi
  have=$(psql_ "$port" -d postgres -tA -c "select 1 from pg_available_extensions where name = 'pg_trgm'")
  [[ $have == 1 ]] || die "pg_trgm is not available (install postgresql-contrib / Debian's postgresql package)"
}

cmd_start() {
  local envfile=${1:-}
  BINDIR=$(find_bindir)
  ensure_owner

  # reuse a cluster that is already up
  if [[ -f $PORT_FILE && -d $DATA ]]; then
    local port; port=$(<"$PORT_FILE")
    if running && ready "$port"; then
      say "reusing running cluster on port $port"
      ensure_database "$port"
      emit "$port" "$envfile"
      return
    fi
    # stopped (e.g. after a reboot) or half-initialised: start again from scratch
    stop_cluster
  fi

  local port attempt
  port=$(pick_port "$PGTEST_PORT")
  for attempt in 1 2 3; do
    init_cluster "$port"
    if start_cluster "$port"; then
      ensure_database "$port"
      say "ready: $(url_for "$port")"
      emit "$port" "$envfile"
      return
    fi
    say "start failed (attempt $attempt); trying another port"
    stop_cluster
    port=$(pick_port $(( port + 1 )))
  done
  die "could not start PostgreSQL (see messages above)"
}

cmd_stop() {
  if [[ ! -d $PGTEST_DIR ]]; then say "no cluster in $PGTEST_DIR"; return 0; fi
  BINDIR=$(find_bindir)
  stop_cluster
  say "stopped and removed $PGTEST_DIR"
}

cmd_status() {
  [[ -d $DATA && -f $PORT_FILE ]] || { say "not running"; return 1; }
  BINDIR=$(find_bindir)
  local port; port=$(<"$PORT_FILE")
  if running && ready "$port"; then say "running on port $port"; return 0; fi
  say "not running"; return 1
}

# fault tests: stop PostgreSQL keeping its data, and start it again on the same port
cmd_pause() {
  BINDIR=$(find_bindir)
  as_owner "$BINDIR/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >/dev/null 2>&1 || die "pg_ctl stop failed"
  say "paused"
}

cmd_resume() {
  BINDIR=$(find_bindir)
  start_cluster "$(<"$PORT_FILE")" || die "could not start PostgreSQL again"
  say "resumed"
}

cmd_url() {
  cmd_status >/dev/null 2>&1 || die "not running"
  url_for "$(<"$PORT_FILE")"
}

case ${1:-start} in
  start) shift || true; cmd_start "${1:-}" ;;
  stop) cmd_stop ;;
  pause) cmd_pause ;;
  resume) cmd_resume ;;
  status) cmd_status ;;
  url) cmd_url ;;
  -h|--help|help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' ;;
  *)
    # `pg-test-cluster.sh FILE` is start with an env file
    if [[ $# -eq 1 && $1 != -* ]]; then cmd_start "$1"; else die "usage: $0 [start [ENV_FILE]|stop|status|url]"; fi
    ;;
esac
