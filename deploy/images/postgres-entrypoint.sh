#!/bin/bash
# Entrypoint of local/postgres:15 (deploy/images/prepare.sh), a Debian-packaged stand-in for the
# official postgres image where no registry can be reached. It honours the official image's
# interface, so Testcontainers' PostgreSqlBuilder, Aspire's AddPostgres and compose files treat it
# the same: POSTGRES_USER (default postgres), POSTGRES_PASSWORD (required unless
# POSTGRES_HOST_AUTH_METHOD=trust), POSTGRES_DB (default: the user), POSTGRES_INITDB_ARGS,
# POSTGRES_HOST_AUTH_METHOD, scripts in /docker-entrypoint-initdb.d (*.sh, *.sql, *.sql.gz) run once
# on an empty PGDATA, and arguments starting with "-" passed on to postgres (`-c fsync=off`).
# As with the official image, the server only listens on TCP once initialisation is over, so
# `pg_isready --host localhost` (Testcontainers' wait) means "ready, init scripts done".
set -Eeuo pipefail

: "${PGDATA:=/var/lib/postgresql/data}"
export PGDATA

if [[ "${1:-}" == -* ]]; then
  set -- postgres "$@"
fi

if [[ "${1:-}" != postgres ]]; then
  exec "$@"
fi

if [[ "$(id -u)" == 0 ]]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  chmod 2775 /var/run/postgresql
  exec setpriv --reuid=postgres --regid=postgres --init-groups "${BASH_SOURCE[0]}" "$@"
fi

POSTGRES_USER="${POSTGRES_USER:-postgres}"
POSTGRES_DB="${POSTGRES_DB:-$POSTGRES_USER}"
auth="${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}"

run_psql() {
  PGPASSWORD="${POSTGRES_PASSWORD:-}" psql -v ON_ERROR_STOP=1 --no-password --no-psqlrc --username "$POSTGRES_USER" "$@"
}

if [[ ! -s "$PGDATA/PG_VERSION" ]]; then
  if [[ -z "${POSTGRES_PASSWORD:-}" && "$auth" != trust ]]; then
    echo "error: database is uninitialized and POSTGRES_PASSWORD is not set (or set POSTGRES_HOST_AUTH_METHOD=trust)" >&2
    exit 1
  fi
  pwfile="$(mktemp)"
  printf '%s\n' "${POSTGRES_PASSWORD:-}" >"$pwfile"
  # shellcheck disable=SC2086  # POSTGRES_INITDB_ARGS is a word list, as in the official image
  initdb --username="$POSTGRES_USER" --pwfile="$pwfile" --encoding=UTF8 --locale=C.UTF-8 \
    ${POSTGRES_INITDB_ARGS:-} >/dev/null
  rm -f "$pwfile"
  echo "listen_addresses = '*'" >>"$PGDATA/postgresql.conf"
  # initdb's own rules stay first (trust on the socket and loopback unless POSTGRES_INITDB_ARGS
  # says otherwise); everyone else authenticates, as in the official image.
  echo "host all all all $auth" >>"$PGDATA/pg_hba.conf"

  # Temporary server on the unix socket only: clients (and wait strategies) see nothing on TCP
  # until the database and the init scripts are in place.
  pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -p 5432" -w start >/dev/null
  export PGHOST=/var/run/postgresql PGPORT=5432
  if [[ "$POSTGRES_DB" != postgres ]]; then
    run_psql --dbname postgres --set db="$POSTGRES_DB" <<<'CREATE DATABASE :"db";'
  fi
  shopt -s nullglob
  for f in /docker-entrypoint-initdb.d/*; do
    case "$f" in
      *.sh)
        if [[ -x "$f" ]]; then echo "running $f"; "$f"; else echo "sourcing $f"; . "$f"; fi ;;
      *.sql) echo "running $f"; run_psql --dbname "$POSTGRES_DB" -f "$f" ;;
      *.sql.gz) echo "running $f"; gunzip -c "$f" | run_psql --dbname "$POSTGRES_DB" ;;
      *) echo "ignoring $f" ;;
    esac
  done
  pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
  unset PGHOST PGPORT
  echo "PostgreSQL init process complete; ready for start up."
fi

exec "$@"
