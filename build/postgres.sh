#!/usr/bin/env bash
# A throwaway PostgreSQL server for the PostgreSQL store's tests and benchmarks.
#
#   build/postgres.sh start [DIR]   creates a cluster in DIR (default: a new temp dir), starts it on
#                                   127.0.0.1 on a free port, creates database "itsm" owned by user
#                                   "itsm" with a random password, writes DIR/env and prints, on stdout
#                                   and nothing else:
#                                     ITSM_POSTGRES_CONNECTION='Host=127.0.0.1;Port=...;...'
#                                     ITSM_POSTGRES_DIR='/tmp/itsm-postgres.XXXXXX'
#                                   so `eval "$(build/postgres.sh start)"` sets both (export them after).
#   build/postgres.sh start [DIR] --watch-pid PID
#                                   the same, and a detached watchdog stops the server and deletes DIR
#                                   once process PID has ended (the tests' fixture uses this, so a
#                                   killed test run leaves no server behind).
#   build/postgres.sh stop [DIR]    stops the server of DIR (default: $ITSM_POSTGRES_DIR) and deletes DIR.
#
# When initdb cannot be found, `start` installs Debian's `postgresql` package (apt-get; needs root).
# initdb and postgres refuse to run as root: as root they run as the `postgres` OS user (runuser),
# otherwise as the current user. Durability settings (fsync, synchronous_commit) keep their defaults.
# Progress goes to stderr; the exit code is non-zero on any failure.
set -euo pipefail

log() { echo "postgres.sh: $*" >&2; }
die() { log "$*"; exit 1; }

find_bindir() {
  local dir
  if command -v pg_config >/dev/null 2>&1; then
    dir="$(pg_config --bindir 2>/dev/null || true)"
    if [[ -n "$dir" && -x "$dir/initdb" ]]; then echo "$dir"; return 0; fi
  fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x "$dir/initdb" ]]; then echo "$dir"; return 0; fi
  done
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return 0; fi
  return 1
}

# Runs a command as the cluster's owner.
as_owner() {
  if [[ "$(id -u)" == "0" ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"; return 0
    fi
  done
  return 1
}

start() {
  local bindir dir="" port password watch_pid=""
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --watch-pid) watch_pid="${2:?--watch-pid needs a process id}"; shift 2 ;;
      *) dir="$1"; shift ;;
    esac
  done
  if ! bindir="$(find_bindir)"; then
    if [[ "$(id -u)" != "0" ]]; then
      die "PostgreSQL is not installed (no initdb found) and this is not root: install it, e.g. 'sudo apt-get install -y postgresql' (Debian/Ubuntu), 'brew install postgresql@15' (macOS), or set ITSM_POSTGRES_CONNECTION to a server you have."
    fi
    log "initdb not found: installing Debian's postgresql package"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 || die "apt-get update failed"
    apt-get install -y -qq postgresql >&2 || die "apt-get install -y postgresql failed"
    bindir="$(find_bindir)" || die "postgresql was installed but initdb is still not found"
  fi

  if [[ "$(id -u)" == "0" ]] && ! id postgres >/dev/null 2>&1; then
    die "running as root but there is no 'postgres' OS user to run the server as (installing the postgresql package creates it)"
  fi

  if [[ -z "$dir" ]]; then
    dir="$(mktemp -d "${TMPDIR:-/tmp}/itsm-postgres.XXXXXX")"
  else
    mkdir -p "$dir"
  fi
  dir="$(cd "$dir" && pwd)"
  chmod 700 "$dir"
  if [[ "$(id -u)" == "0" ]]; then chown postgres: "$dir"; fi

  password="$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  printf '%s\n' "$password" > "$dir/superuser-password"
  if [[ "$(id -u)" == "0" ]]; then chown postgres: "$dir/superuser-password"; fi
  chmod 600 "$dir/superuser-password"

  as_owner "$bindir/initdb" -D "$dir/data" -U postgres --pwfile="$dir/superuser-password" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || as_owner "$bindir/initdb" -D "$dir/data" -U postgres --pwfile="$dir/superuser-password" \
         --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; die "initdb failed (log above)"; }

  local started=""
  for _ in 1 2 3 4 5; do
    port="$(free_port)" || die "no free TCP port found on 127.0.0.1"
    if as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
         -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=300" start >&2; then
      started=1; break
    fi
    log "could not start on port $port; retrying on another"
  done
  [[ -n "$started" ]] || { tail -n 30 "$dir/server.log" >&2 || true; die "the server did not start (log above)"; }
  echo "$bindir" > "$dir/bindir"

  local user_password
  user_password="$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  as_owner "$bindir/psql" -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q >&2 <<SQL
CREATE ROLE itsm LOGIN PASSWORD '$user_password';
CREATE DATABASE itsm OWNER itsm ENCODING 'UTF8' TEMPLATE template0;
SQL

  local connection="Host=127.0.0.1;Port=$port;Database=itsm;Username=itsm;Password=$user_password"
  {
    echo "ITSM_POSTGRES_CONNECTION='$connection'"
    echo "ITSM_POSTGRES_DIR='$dir'"
  } > "$dir/env"
  chmod 644 "$dir/env"
  log "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, cluster in $dir"
  if [[ -n "$watch_pid" ]]; then
    local self
    self="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"
    setsid nohup bash -c 'while kill -0 "$1" 2>/dev/null && [[ -d "$3" ]]; do sleep 2; done; [[ -d "$3" ]] && bash "$2" stop "$3"' \
      watchdog "$watch_pid" "$self" "$dir" >/dev/null 2>&1 < /dev/null &
    log "watchdog: the server stops when process $watch_pid ends"
  fi
  cat "$dir/env"
}

stop() {
  local dir="${1:-${ITSM_POSTGRES_DIR:-}}"
  [[ -n "$dir" ]] || die "usage: postgres.sh stop DIR (or set ITSM_POSTGRES_DIR)"
  [[ -d "$dir" ]] || { log "$dir does not exist: nothing to stop"; return 0; }
  [[ -f "$dir/env" || -d "$dir/data" ]] || die "$dir is not a cluster made by postgres.sh start; not deleting it"
  local bindir
  bindir="$(cat "$dir/bindir" 2>/dev/null || find_bindir || true)"
  if [[ -n "$bindir" && -f "$dir/data/postmaster.pid" ]]; then
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >&2 \
      || as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >&2 \
      || log "pg_ctl stop failed"
  fi
  rm -rf "$dir"
  log "stopped and deleted $dir"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) shift; stop "$@" ;;
  *) die "usage: postgres.sh start [DIR] | stop [DIR]" ;;
esac
