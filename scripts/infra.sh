#!/usr/bin/env bash
# scripts/infra.sh — install and run the real servers the tests need (test.sh)
# (Debian 12, as root; no systemd: we start private instances ourselves). Local runs no longer
# use it: ./run.sh runs PostgreSQL and RabbitMQ as containers under the Aspire AppHost.
#
# Usage: scripts/infra.sh SUBCOMMAND [ARGS...]
#
#   install
#       apt-get install whatever is missing of: postgresql postgresql-contrib
#       rabbitmq-server python3-aiosmtpd chromium curl kubernetes-client. Does nothing (and no
#       `apt-get update`) when everything is already there.
#
#   start-postgres DATA_DIR PORT
#       Private PostgreSQL cluster in DATA_DIR (initdb on first use: auth=trust,
#       superuser postgres/postgres, UTF8, locale C.UTF-8), listening on
#       127.0.0.1:PORT only, unix socket in /tmp. max_connections=400,
#       shared_buffers=512MB. With PG_FAST=1 also fsync/synchronous_commit/
#       full_page_writes=off (tests only, never benchmarks); the setting is
#       re-applied on each (re)start. No-op if something already answers on PORT.
#
#   stop-postgres DATA_DIR
#       Fast clean shutdown (no-op if not running).
#
#   start-rabbitmq DATA_DIR AMQP_PORT MGMT_PORT
#       Private RabbitMQ node "sp-AMQP_PORT@localhost" with all state, logs,
#       config, enabled-plugins file and Erlang cookie under DATA_DIR, AMQP on
#       127.0.0.1:AMQP_PORT, management API on 127.0.0.1:MGMT_PORT (guest/guest),
#       Erlang distribution on 127.0.0.1:(AMQP_PORT+20000, or AMQP_PORT-20000
#       when that is past 65535; override with RABBITMQ_DIST_PORT). Waits until
#       GET /api/overview answers. No-op if it already answers.
#
#   stop-rabbitmq DATA_DIR AMQP_PORT
#       Clean `rabbitmqctl stop` of that node (falls back to SIGTERM/SIGKILL).
#
#   smtp-python
#       Print the path of the Debian system python that has aiosmtpd
#       (/usr/bin/python3), or fail. Run an SMTP sink with:
#       "$(scripts/infra.sh smtp-python)" -m aiosmtpd -n -l 127.0.0.1:PORT -c aiosmtpd.handlers.Mailbox DIR
#
# A relative DATA_DIR is taken relative to $SUPPORTPLATFORM_DATA (default
# /var/tmp/supportplatform) — keep data out of the repo: the postgres user must be
# able to traverse every parent directory of its DATA_DIR.
#
# Environment knobs: SUPPORTPLATFORM_DATA, PG_FAST=1, PG_START_TIMEOUT (s, default 120),
# RABBITMQ_START_TIMEOUT (s, default 180), RABBITMQ_DIST_PORT, INFRA_VERBOSE=1.
#
# Can also be sourced (`. scripts/infra.sh`) to use the functions: infra_install,
# infra_start_postgres, infra_stop_postgres, infra_start_rabbitmq, infra_stop_rabbitmq,
# infra_smtp_python.

set -euo pipefail

SUPPORTPLATFORM_DATA="${SUPPORTPLATFORM_DATA:-/var/tmp/supportplatform}"
INFRA_SMTP_PYTHON=/usr/bin/python3
INFRA_RABBIT_LIB=/usr/lib/rabbitmq/bin

infra_die() { echo "infra.sh: error: $*" >&2; exit 1; }
infra_log() { if [[ "${INFRA_VERBOSE:-0}" == 1 ]]; then echo "infra.sh: $*" >&2; fi; }
infra_warn() { echo "infra.sh: $*" >&2; }

# Absolute path for DATA_DIR (relative ones live under $SUPPORTPLATFORM_DATA).
infra_abs_dir() {
  local d="${1:?DATA_DIR missing}"
  [[ "$d" == /* ]] || d="$SUPPORTPLATFORM_DATA/$d"
  # normalise trailing slashes and // (no symlink resolution: the dir may not exist yet)
  d="$(echo "$d" | sed -e 's#//*#/#g' -e 's#\(.\)/$#\1#')"
  printf '%s\n' "$d"
}

infra_check_port() {
  local p="${1:-}" what="$2"
  [[ "$p" =~ ^[0-9]+$ ]] && (( p > 0 && p < 65536 )) || infra_die "$what must be a TCP port number (1-65535), got '${p}'"
}

# Tail of a log file to stderr, for failures.
infra_show_log() {
  local f="$1"
  if [[ -r "$f" ]]; then
    echo "---- last lines of $f ----" >&2
    tail -n 40 "$f" >&2 || true
    echo "----" >&2
  fi
}

# Take an exclusive lock for the rest of the calling (sub)shell: two concurrent
# `start-*` on the same DATA_DIR must not both initdb/start. Every command that leaves a
# daemon behind must be run with `{INFRA_LOCK_FD}>&-`, or the daemon inherits the lock.
infra_lock() {
  local lockfile
  lockfile="$(dirname "$1")/.$(basename "$1").infra-lock"
  mkdir -p "$(dirname "$lockfile")"
  exec {INFRA_LOCK_FD}>"$lockfile"
  flock -w 300 "$INFRA_LOCK_FD" || infra_die "timed out waiting for lock $lockfile (another start on $1 still running?)"
}

# ----------------------------------------------------------------------------- install

infra_pg_bindir() {
  # Highest installed PostgreSQL major version (or the one a cluster was created with).
  local want="${1:-}" d
  if [[ -n "$want" && -x "/usr/lib/postgresql/$want/bin/postgres" ]]; then
    echo "/usr/lib/postgresql/$want/bin"; return 0
  fi
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4,4n | tail -n 1 || true)"
  [[ -n "$d" && -x "$d/initdb" ]] || return 1
  echo "$d"
}

infra_missing_packages() {
  local missing=()
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
     || ! ls /usr/share/postgresql/*/extension/pg_trgm.control >/dev/null 2>&1 \
     || ! command -v psql >/dev/null 2>&1; then
    missing+=(postgresql postgresql-contrib)
  fi
  if [[ ! -x "$INFRA_RABBIT_LIB/rabbitmq-server" ]] || ! command -v epmd >/dev/null 2>&1; then
    missing+=(rabbitmq-server)
  fi
  if ! "$INFRA_SMTP_PYTHON" -c 'import aiosmtpd' >/dev/null 2>&1; then
    missing+=(python3-aiosmtpd)
  fi
  if ! command -v chromium >/dev/null 2>&1; then
    # --no-install-recommends below: bring the fonts chromium only recommends.
    missing+=(chromium fonts-liberation fonts-dejavu-core)
  fi
  # The Lounge's screenshots and browser tests render Korean: without a CJK font Hangul shows as boxes.
  if ! ls /usr/share/fonts/opentype/noto/NotoSansCJK-*.ttc >/dev/null 2>&1; then
    missing+=(fonts-noto-cjk)
  fi
  command -v curl >/dev/null 2>&1 || missing+=(curl ca-certificates)
  # tests/Deploy.Tests render the Kubernetes manifests with `kubectl kustomize`.
  command -v kubectl >/dev/null 2>&1 || command -v kustomize >/dev/null 2>&1 || missing+=(kubernetes-client)
  for t in runuser setsid flock; do
    command -v "$t" >/dev/null 2>&1 || { missing+=(util-linux); break; }
  done
  echo "${missing[*]}"
}

infra_install() {
  local missing
  missing="$(infra_missing_packages)"
  if [[ -z "$missing" ]]; then
    infra_log "all packages present"
    return 0
  fi
  [[ "$(id -u)" == 0 ]] || infra_die "packages missing ($missing) and not root: run 'sudo $0 install'"
  command -v apt-get >/dev/null 2>&1 || infra_die "packages missing ($missing) and no apt-get on this machine"
  echo "infra.sh: installing: $missing" >&2

  # Never let package postinst scripts start the Debian system services
  # (system PostgreSQL on 5432, system RabbitMQ on 5672): we run private instances.
  local policy=/usr/sbin/policy-rc.d created_policy=0
  if [[ ! -e "$policy" ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod 755 "$policy"; created_policy=1
  fi

  local log rc=0
  log="$(mktemp /tmp/infra-apt.XXXXXX.log)"
  export DEBIAN_FRONTEND=noninteractive
  local apt_opts=(-y -q -o Dpkg::Use-Pty=0 -o DPkg::Lock::Timeout=600)
  # shellcheck disable=SC2086
  if ! apt-get "${apt_opts[@]}" update >"$log" 2>&1; then
    rc=1
  elif ! apt-get "${apt_opts[@]}" install --no-install-recommends $missing >>"$log" 2>&1; then
    rc=1
  fi
  if (( created_policy )); then rm -f "$policy"; fi
  if (( rc != 0 )); then
    infra_show_log "$log"
    infra_die "apt-get failed installing: $missing (full log: $log)"
  fi
  rm -f "$log"

  missing="$(infra_missing_packages)"
  [[ -z "$missing" ]] || infra_die "still missing after apt-get install: $missing"
}

# ----------------------------------------------------------------------------- PostgreSQL

# Run a command as the OS user that owns the private cluster (postgres when we are root).
infra_as_pg() {
  if [[ "$(id -u)" == 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

infra_pg_ready() {
  local port="$1" bindir
  bindir="$(infra_pg_bindir)" || return 1
  "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -t 2 >/dev/null 2>&1
}

infra_pg_locale() {
  if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then echo C.UTF-8; else echo C; fi
}

infra_start_postgres() {
  local dir port
  dir="$(infra_abs_dir "${1:-}")"; port="${2:-}"
  infra_check_port "$port" PORT
  local timeout="${PG_START_TIMEOUT:-120}"

  if infra_pg_ready "$port"; then
    infra_log "postgres already answering on 127.0.0.1:$port"
    return 0
  fi

  local bindir
  bindir="$(infra_pg_bindir)" || infra_die "PostgreSQL is not installed: run '$0 install'"
  if [[ "$(id -u)" == 0 ]]; then
    id -u postgres >/dev/null 2>&1 || infra_die "no 'postgres' OS user (is the postgresql package installed?)"
  fi

  (
    infra_lock "$dir"
    # Another caller may have started it while we waited for the lock.
    if infra_pg_ready "$port"; then exit 0; fi

    # Create DATA_DIR and its parents traversable by the postgres user.
    local parent
    parent="$(dirname "$dir")"
    mkdir -p "$parent"
    if [[ ! -d "$dir" ]]; then
      mkdir -m 700 "$dir"
    fi
    if [[ "$(id -u)" == 0 ]]; then
      chown postgres:postgres "$dir"
      chmod 700 "$dir"
      if ! runuser -u postgres -- test -w "$dir" 2>/dev/null; then
        infra_die "the postgres OS user cannot reach $dir (a parent directory is not traversable by 'postgres'; use a DATA_DIR under /var/tmp, e.g. set SUPPORTPLATFORM_DATA)"
      fi
    fi

    if [[ ! -f "$dir/PG_VERSION" ]]; then
      if [[ -n "$(ls -A "$dir" 2>/dev/null)" ]]; then
        infra_die "$dir is not empty but holds no PostgreSQL cluster (no PG_VERSION); remove it or choose another DATA_DIR"
      fi
      local pwfile initlog
      # initdb wants an empty directory: keep its helper files beside DATA_DIR, not in it.
      pwfile="$(mktemp /tmp/infra-pgpw.XXXXXX)"; initlog="$dir.initdb.log"
      echo postgres >"$pwfile"
      [[ "$(id -u)" == 0 ]] && chown postgres:postgres "$pwfile"
      infra_log "initdb $dir"
      if ! infra_as_pg "$bindir/initdb" -D "$dir" --auth=trust -U postgres --pwfile="$pwfile" \
            -E UTF8 --locale="$(infra_pg_locale)" >"$initlog" 2>&1; then
        rm -f "$pwfile"
        infra_show_log "$initlog"
        infra_die "initdb failed for $dir"
      fi
      rm -f "$pwfile" "$initlog"
      echo "include_if_exists = 'supportplatform.conf'" >>"$dir/postgresql.conf"
    else
      bindir="$(infra_pg_bindir "$(cat "$dir/PG_VERSION")")" \
        || infra_die "$dir was created by PostgreSQL $(cat "$dir/PG_VERSION"), which is not installed"
    fi

    local ver share
    ver="$(cat "$dir/PG_VERSION")"
    share="/usr/share/postgresql/$ver/extension"
    [[ -f "$share/pg_trgm.control" ]] \
      || infra_die "pg_trgm extension not available for PostgreSQL $ver ($share/pg_trgm.control missing): install postgresql-contrib ('$0 install')"

    # Settings (re-written on every start so PG_FAST applies to this run).
    {
      echo "# written by scripts/infra.sh on each start — edits are lost"
      echo "listen_addresses = '127.0.0.1'"
      echo "port = $port"
      echo "unix_socket_directories = '/tmp'"
      echo "max_connections = 400"
      echo "shared_buffers = 512MB"
      echo "effective_cache_size = 4GB"
      echo "work_mem = 8MB"
      echo "maintenance_work_mem = 128MB"
      echo "max_wal_size = 2GB"
      echo "checkpoint_completion_target = 0.9"
      echo "max_locks_per_transaction = 128"
      echo "log_min_messages = warning"
      echo "log_line_prefix = '%m [%p] %q%u@%d '"
      echo "timezone = 'UTC'"
      if [[ "${PG_FAST:-0}" == 1 ]]; then
        echo "# PG_FAST=1: durability off (test instance only, never for benchmarks)"
        echo "fsync = off"
        echo "synchronous_commit = off"
        echo "full_page_writes = off"
      fi
    } >"$dir/supportplatform.conf"
    [[ "$(id -u)" == 0 ]] && chown postgres:postgres "$dir/supportplatform.conf"
    chmod 600 "$dir/supportplatform.conf"

    # Already running from this DATA_DIR (e.g. still starting)? Then just wait below.
    if ! infra_as_pg "$bindir/pg_ctl" status -D "$dir" >/dev/null 2>&1; then
      infra_log "starting postgres $dir on 127.0.0.1:$port"
      # setsid: the server gets its own session, so it outlives the caller's job/process group.
      if ! infra_as_pg setsid -w "$bindir/pg_ctl" start -D "$dir" -l "$dir/server.log" -w -t "$timeout" \
            -s >/dev/null 2>"$dir.pg_ctl.err" </dev/null {INFRA_LOCK_FD}>&-; then
        cat "$dir.pg_ctl.err" >&2 || true
        infra_show_log "$dir/server.log"
        infra_die "PostgreSQL failed to start from $dir on 127.0.0.1:$port"
      fi
      rm -f "$dir.pg_ctl.err"
    fi

    local i
    for ((i = 0; i < timeout * 4; i++)); do
      infra_pg_ready "$port" && exit 0
      sleep 0.25
    done
    infra_show_log "$dir/server.log"
    infra_die "PostgreSQL from $dir did not become ready on 127.0.0.1:$port within ${timeout}s"
  )
}

infra_stop_postgres() {
  local dir bindir
  dir="$(infra_abs_dir "${1:-}")"
  [[ -f "$dir/PG_VERSION" ]] || { infra_log "no cluster in $dir"; return 0; }
  bindir="$(infra_pg_bindir "$(cat "$dir/PG_VERSION")")" || infra_die "PostgreSQL $(cat "$dir/PG_VERSION") binaries not installed"
  if ! infra_as_pg "$bindir/pg_ctl" status -D "$dir" >/dev/null 2>&1; then
    infra_log "postgres $dir not running"
    return 0
  fi
  infra_as_pg "$bindir/pg_ctl" stop -D "$dir" -m fast -w -t 120 -s >/dev/null \
    || infra_die "pg_ctl stop failed for $dir"
}

# ----------------------------------------------------------------------------- RabbitMQ

infra_rabbit_dist_port() {
  local amqp="$1"
  if [[ -n "${RABBITMQ_DIST_PORT:-}" ]]; then echo "$RABBITMQ_DIST_PORT"; return; fi
  if (( amqp + 20000 <= 65500 )); then echo $((amqp + 20000)); else echo $((amqp - 20000)); fi
}

# Environment shared by the server and the CLI tools for the node of DATA_DIR/AMQP_PORT.
# Sets INFRA_RMQ_ENV (array of NAME=VALUE).
infra_rabbit_env() {
  local dir="$1" amqp="$2" dist
  dist="$(infra_rabbit_dist_port "$amqp")"
  INFRA_RMQ_NODE="sp-${amqp}@localhost"
  INFRA_RMQ_ENV=(
    "HOME=$dir/home"                                  # $HOME/.erlang.cookie (mode 400)
    "RABBITMQ_NODENAME=$INFRA_RMQ_NODE"
    "RABBITMQ_NODE_IP_ADDRESS=127.0.0.1"
    "RABBITMQ_NODE_PORT=$amqp"
    "RABBITMQ_DIST_PORT=$dist"
    "RABBITMQ_CTL_DIST_PORT_MIN=$((dist + 1))"
    "RABBITMQ_CTL_DIST_PORT_MAX=$((dist + 10))"
    "RABBITMQ_CONF_ENV_FILE=$dir/rabbitmq-env.conf"   # not /etc/rabbitmq/rabbitmq-env.conf
    "RABBITMQ_CONFIG_FILE=$dir/rabbitmq.conf"
    "RABBITMQ_ADVANCED_CONFIG_FILE=$dir/advanced.config"
    "RABBITMQ_ENABLED_PLUGINS_FILE=$dir/enabled_plugins"
    "RABBITMQ_MNESIA_BASE=$dir/mnesia"
    "RABBITMQ_LOG_BASE=$dir/log"
    "RABBITMQ_PID_FILE=$dir/rabbitmq.pid"
    "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}"
    "ERL_EPMD_ADDRESS=127.0.0.1"
  )
}

infra_rabbit_api_ok() {
  local mgmt="$1"
  curl -sf -m 3 -o /dev/null -u guest:guest "http://127.0.0.1:${mgmt}/api/overview" 2>/dev/null
}

infra_pid_alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }

infra_start_rabbitmq() {
  local dir amqp mgmt
  dir="$(infra_abs_dir "${1:-}")"; amqp="${2:-}"; mgmt="${3:-}"
  infra_check_port "$amqp" AMQP_PORT
  infra_check_port "$mgmt" MGMT_PORT
  local timeout="${RABBITMQ_START_TIMEOUT:-180}"
  command -v curl >/dev/null 2>&1 || infra_die "curl is not installed: run '$0 install'"

  if infra_rabbit_api_ok "$mgmt"; then
    infra_log "rabbitmq management already answering on 127.0.0.1:$mgmt"
    return 0
  fi
  [[ -x "$INFRA_RABBIT_LIB/rabbitmq-server" ]] || infra_die "RabbitMQ is not installed: run '$0 install'"

  (
    infra_lock "$dir"
    if infra_rabbit_api_ok "$mgmt"; then exit 0; fi

    mkdir -p "$dir/home" "$dir/mnesia" "$dir/log"
    chmod 700 "$dir/home"
    infra_rabbit_env "$dir" "$amqp"

    # Erlang cookie: private to this node, shared by the server and our CLI calls via HOME.
    local cookie="$dir/home/.erlang.cookie"
    if [[ ! -s "$cookie" ]]; then
      (umask 077; head -c 48 /dev/urandom | od -An -tx1 | tr -d ' \n' | head -c 40 >"$cookie")
    fi
    chmod 400 "$cookie"

    : >"$dir/rabbitmq-env.conf"
    # Same content `rabbitmq-plugins --offline enable rabbitmq_management` writes, without
    # booting an Erlang VM for it.
    echo '[rabbitmq_management].' >"$dir/enabled_plugins"
    cat >"$dir/rabbitmq.conf" <<EOF
# written by scripts/infra.sh on each start — edits are lost
listeners.tcp.1 = 127.0.0.1:$amqp
management.tcp.ip = 127.0.0.1
management.tcp.port = $mgmt
# a busy shared machine must not block publishers
disk_free_limit.absolute = 50MB
vm_memory_high_watermark.relative = 0.8
# tests create many short-lived connections/vhosts
log.file.level = warning
log.console = false
EOF
    echo '[].' >"$dir/advanced.config"

    local pid=""
    [[ -f "$dir/server.pid" ]] && pid="$(cat "$dir/server.pid" 2>/dev/null || true)"
    if infra_pid_alive "$pid" && grep -q rabbitmq-server "/proc/$pid/cmdline" 2>/dev/null; then
      infra_log "rabbitmq $dir already running (pid $pid), waiting for it"
    else
      # epmd (Erlang port mapper) must run for the node and the CLI tools to find each other.
      if ! epmd -names >/dev/null 2>&1; then
        (cd / && ERL_EPMD_ADDRESS=127.0.0.1 setsid epmd -daemon </dev/null >/dev/null 2>&1 {INFRA_LOCK_FD}>&-) \
          || infra_die "could not start epmd"
        local j
        for ((j = 0; j < 40; j++)); do epmd -names >/dev/null 2>&1 && break; sleep 0.25; done
      fi
      infra_log "starting rabbitmq node $INFRA_RMQ_NODE in $dir (amqp $amqp, mgmt $mgmt)"
      rm -f "$dir/server.pid"
      # We call /usr/lib/rabbitmq/bin/rabbitmq-server directly, not the /usr/sbin wrapper,
      # which would cd to /var/lib/rabbitmq, su to the rabbitmq user and log to /var/log.
      # setsid -f: detached in its own session. server.pid is the rabbitmq-server sh wrapper
      # (SIGTERM to it = graceful stop), rabbitmq.pid (written by the node) is beam.smp.
      (cd "$dir" && env "${INFRA_RMQ_ENV[@]}" setsid -f bash -c \
        'echo $$ >"$0/server.pid"; exec "$1"/rabbitmq-server' "$dir" "$INFRA_RABBIT_LIB" \
        </dev/null >>"$dir/log/startup.log" 2>&1 {INFRA_LOCK_FD}>&-)
      local k
      for ((k = 0; k < 40; k++)); do [[ -s "$dir/server.pid" ]] && break; sleep 0.05; done
      pid="$(cat "$dir/server.pid" 2>/dev/null || true)"
    fi

    local i
    for ((i = 0; i < timeout * 2; i++)); do
      if infra_rabbit_api_ok "$mgmt"; then exit 0; fi
      if [[ -n "$pid" ]] && ! infra_pid_alive "$pid"; then
        infra_show_log "$dir/log/startup.log"
        infra_show_log "$dir/log/$INFRA_RMQ_NODE.log"
        infra_die "RabbitMQ node $INFRA_RMQ_NODE exited during start (ports $amqp/$mgmt in use? logs in $dir/log)"
      fi
      sleep 0.5
    done
    infra_show_log "$dir/log/startup.log"
    infra_show_log "$dir/log/$INFRA_RMQ_NODE.log"
    infra_die "RabbitMQ management API did not answer on 127.0.0.1:$mgmt within ${timeout}s (logs in $dir/log)"
  )
}

infra_stop_rabbitmq() {
  local dir amqp pid="" beam=""
  dir="$(infra_abs_dir "${1:-}")"; amqp="${2:-}"
  infra_check_port "$amqp" AMQP_PORT
  [[ -d "$dir" ]] || { infra_log "no rabbitmq data in $dir"; return 0; }
  infra_rabbit_env "$dir" "$amqp"
  [[ -f "$dir/server.pid" ]] && pid="$(cat "$dir/server.pid" 2>/dev/null || true)"
  [[ -f "$dir/rabbitmq.pid" ]] && beam="$(cat "$dir/rabbitmq.pid" 2>/dev/null || true)"
  infra_pid_alive "$pid" && grep -q rabbitmq-server "/proc/$pid/cmdline" 2>/dev/null || pid=""
  infra_pid_alive "$beam" && grep -q beam "/proc/$beam/cmdline" 2>/dev/null || beam=""
  if [[ -z "$pid" && -z "$beam" ]]; then
    infra_log "rabbitmq node $INFRA_RMQ_NODE not running"
    rm -f "$dir/server.pid" "$dir/rabbitmq.pid"
    return 0
  fi
  mkdir -p "$dir/log"
  # `rabbitmqctl stop PIDFILE` stops the node and waits until beam.smp has exited.
  if ! (cd "$dir" && env "${INFRA_RMQ_ENV[@]}" timeout 120 "$INFRA_RABBIT_LIB/rabbitmqctl" -q \
          -n "$INFRA_RMQ_NODE" stop "$dir/rabbitmq.pid" >/dev/null 2>"$dir/log/stop.err"); then
    infra_warn "rabbitmqctl stop failed for $INFRA_RMQ_NODE ($(head -c 300 "$dir/log/stop.err" | tr '\n' ' ')); sending SIGTERM"
    if [[ -n "$pid" ]]; then kill -TERM "$pid" 2>/dev/null || true; fi
    if [[ -n "$beam" ]]; then kill -TERM "$beam" 2>/dev/null || true; fi
  fi
  local i
  for ((i = 0; i < 120; i++)); do
    if ! infra_pid_alive "$pid" && ! infra_pid_alive "$beam"; then
      rm -f "$dir/server.pid" "$dir/rabbitmq.pid"
      return 0
    fi
    sleep 0.5
  done
  infra_warn "RabbitMQ node $INFRA_RMQ_NODE (pids $pid $beam) still alive after 60s; SIGKILL"
  for p in $beam $pid; do kill -KILL "$p" 2>/dev/null || true; done
  rm -f "$dir/server.pid" "$dir/rabbitmq.pid"
}

# ----------------------------------------------------------------------------- SMTP

infra_smtp_python() {
  if "$INFRA_SMTP_PYTHON" -c 'import aiosmtpd' >/dev/null 2>&1; then
    echo "$INFRA_SMTP_PYTHON"
  else
    infra_die "$INFRA_SMTP_PYTHON cannot import aiosmtpd: run '$0 install' (package python3-aiosmtpd)"
  fi
}

# ----------------------------------------------------------------------------- CLI

infra_usage() {
  sed -n '2,/^$/p' "${BASH_SOURCE[0]}" | sed -e 's/^# \{0,1\}//' >&2
}

infra_main() {
  local cmd="${1:-}"
  shift || true
  case "$cmd" in
    install)         [[ $# -eq 0 ]] || infra_die "usage: install"; infra_install ;;
    start-postgres)  [[ $# -eq 2 ]] || infra_die "usage: start-postgres DATA_DIR PORT"; infra_start_postgres "$@" ;;
    stop-postgres)   [[ $# -eq 1 ]] || infra_die "usage: stop-postgres DATA_DIR"; infra_stop_postgres "$@" ;;
    start-rabbitmq)  [[ $# -eq 3 ]] || infra_die "usage: start-rabbitmq DATA_DIR AMQP_PORT MGMT_PORT"; infra_start_rabbitmq "$@" ;;
    stop-rabbitmq)   [[ $# -eq 2 ]] || infra_die "usage: stop-rabbitmq DATA_DIR AMQP_PORT"; infra_stop_rabbitmq "$@" ;;
    smtp-python)     [[ $# -eq 0 ]] || infra_die "usage: smtp-python"; infra_smtp_python ;;
    -h|--help|help)  infra_usage ;;
    "")              infra_usage; exit 2 ;;
    *)               infra_usage; infra_die "unknown subcommand '$cmd'" ;;
  esac
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  infra_main "$@"
fi
