#!/usr/bin/env bash
# Makes sure the services the tests and the local suite talk to are running on localhost:
#   NATS with JetStream  127.0.0.1:4222 (monitoring on 8222 when this script starts it)
#   PostgreSQL           127.0.0.1:5432, database/user/password agentic/agentic/agentic
#   Redis                127.0.0.1:6379
#
# A service that already answers on its port is reused. A missing one is installed from the
# Debian package (nats-server, postgresql, redis-server) and started. Quiet on success.
#
#   scripts/local-services.sh          start what is missing (the default)
#   scripts/local-services.sh status   show what answers and what this script started
#   scripts/local-services.sh stop     stop only what this script started
set -euo pipefail

readonly PG_DB=agentic PG_USER=agentic PG_PASSWORD=agentic
readonly STATE_DIR="${XDG_STATE_HOME:-$HOME/.local/state}/agentic-platform/services"

fail() {
  echo "local-services: $*" >&2
  exit 1
}

PACKAGES_LOG="$STATE_DIR/apt.log"
# shellcheck source=scripts/packages.sh
. "$(dirname "${BASH_SOURCE[0]}")/packages.sh"

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

wait_for_port() { # port name log
  for _ in $(seq 1 60); do
    port_open "$1" && return 0
    sleep 0.5
  done
  fail "$2 did not open 127.0.0.1:$1 within 30 s; see $3"
}

# Prints the first line a server on a loopback port sends, after sending it an optional request.
first_line() { # port [request]
  local line
  exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
  [ -z "${2:-}" ] || printf '%s' "$2" >&3
  IFS= read -r -t 5 line <&3 || true
  exec 3<&-
  printf '%s' "$line"
}

mark_started() {
  mkdir -p "$STATE_DIR"
  echo "$2" >"$STATE_DIR/$1.started"
}

# --- NATS -------------------------------------------------------------------------------------

ensure_nats() {
  if ! port_open 4222; then
    local bin dir="$STATE_DIR/nats"
    bin=$(require_binary nats-server nats-server)
    mkdir -p "$dir"
    setsid "$bin" -a 127.0.0.1 -p 4222 -m 8222 -js -sd "$dir/store" -l "$dir/nats.log" \
      -P "$dir/nats.pid" </dev/null >/dev/null 2>&1 &
    wait_for_port 4222 "nats-server" "$dir/nats.log"
    mark_started nats "$dir/nats.pid"
  fi
  case "$(first_line 4222)" in
    INFO*'"jetstream":true'*) ;;
    INFO*) fail "the NATS server on 127.0.0.1:4222 runs without JetStream; restart it with -js" ;;
    *) fail "127.0.0.1:4222 is taken by something that is not a NATS server" ;;
  esac
}

# --- Redis ------------------------------------------------------------------------------------

ensure_redis() {
  if ! port_open 6379; then
    local bin dir="$STATE_DIR/redis"
    bin=$(require_binary redis-server redis-server)
    # The package may have started its own server on installation.
    if ! port_open 6379; then
      mkdir -p "$dir"
      "$bin" --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
        --dir "$dir" --logfile "$dir/redis.log" --pidfile "$dir/redis.pid" >/dev/null ||
        fail "redis-server did not start; see $dir/redis.log"
      wait_for_port 6379 "redis-server" "$dir/redis.log"
      mark_started redis "$dir/redis.pid"
    fi
  fi
  [[ "$(first_line 6379 $'PING\r\n')" == +PONG* ]] ||
    fail "127.0.0.1:6379 does not answer PING like a Redis server (password set?)"
}

# --- PostgreSQL -------------------------------------------------------------------------------

pg_version() {
  ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1
}

ensure_postgres_running() {
  port_open 5432 && return 0
  command -v pg_ctlcluster >/dev/null || install_package postgresql
  local version
  version=$(pg_version)
  [ -n "$version" ] || fail "PostgreSQL is installed but has no cluster under /etc/postgresql"
  [ -d "/etc/postgresql/$version/main" ] || as_root pg_createcluster "$version" main >/dev/null
  if ! port_open 5432; then
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start ||
      fail "PostgreSQL $version did not start; see /var/log/postgresql/"
    mark_started postgresql "$version"
  fi
  wait_for_port 5432 "PostgreSQL" "/var/log/postgresql/"
}

as_postgres_superuser() { # sql
  if id postgres >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- psql -X -q -At -v ON_ERROR_STOP=1 -d postgres -c "$1"
  elif id postgres >/dev/null 2>&1 && command -v sudo >/dev/null; then
    sudo -u postgres psql -X -q -At -v ON_ERROR_STOP=1 -d postgres -c "$1"
  else
    psql -X -q -At -w -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d postgres -c "$1"
  fi
}

ensure_postgres() {
  ensure_postgres_running
  command -v psql >/dev/null || install_package postgresql-client
  PGPASSWORD=$PG_PASSWORD psql -X -q -At -w -h 127.0.0.1 -U "$PG_USER" -d "$PG_DB" \
    -c 'select 1' >/dev/null 2>&1 && return 0
  {
    as_postgres_superuser "DO \$\$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') THEN
          CREATE ROLE $PG_USER LOGIN PASSWORD '$PG_PASSWORD';
        END IF; END \$\$;" &&
      if [ -z "$(as_postgres_superuser "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")" ]; then
        as_postgres_superuser "CREATE DATABASE $PG_DB OWNER $PG_USER"
      fi
  } >/dev/null || fail "could not create the PostgreSQL role and database '$PG_DB'"
  PGPASSWORD=$PG_PASSWORD psql -X -q -At -w -h 127.0.0.1 -U "$PG_USER" -d "$PG_DB" \
    -c 'select 1' >/dev/null ||
    fail "user '$PG_USER' cannot log in to '$PG_DB' on 127.0.0.1:5432 with its password (pg_hba.conf?)"
}

# --- commands ---------------------------------------------------------------------------------

start() {
  ensure_nats
  ensure_postgres
  ensure_redis
}

status() {
  local name port
  for entry in nats:4222 postgresql:5432 redis:6379; do
    name=${entry%%:*}
    port=${entry##*:}
    printf '%-11s 127.0.0.1:%s %s%s\n' "$name" "$port" \
      "$(port_open "$port" && echo up || echo down)" \
      "$([ -f "$STATE_DIR/$name.started" ] && echo ' (started by this script)')"
  done
}

stop_pidfile() { # pidfile
  local pid
  pid=$(cat "$1" 2>/dev/null) || return 0
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.2
  done
  kill -9 "$pid" 2>/dev/null || true
}

stop() {
  [ -f "$STATE_DIR/nats.started" ] && stop_pidfile "$(cat "$STATE_DIR/nats.started")"
  [ -f "$STATE_DIR/redis.started" ] && stop_pidfile "$(cat "$STATE_DIR/redis.started")"
  if [ -f "$STATE_DIR/postgresql.started" ]; then
    as_root pg_ctlcluster --skip-systemctl-redirect "$(cat "$STATE_DIR/postgresql.started")" main stop
  fi
  rm -f "$STATE_DIR"/*.started
}

case "${1:-start}" in
  start) start ;;
  status) status ;;
  stop) stop ;;
  *) fail "unknown command '$1' (use start, status or stop)" ;;
esac
