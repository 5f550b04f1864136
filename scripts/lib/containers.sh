# scripts/lib/containers.sh — sourced, not run. PostgreSQL and RabbitMQ as containers for test.sh and
# the scripts (fault suite, fuzzing, benchmarks): the images the tests use, published on loopback.
# Needs ROOT (the repository) and the Docker 28 CLI first on PATH (/usr/local/bin).
#
#   choose_server_images        exports SUPPORTPLATFORM_TEST_POSTGRES_IMAGE / _RABBITMQ_IMAGE: yours if
#                               set; else the official postgres:15 / rabbitmq:3.13-management if the
#                               engine has them; else deploy/images/prepare.sh (engine + images from
#                               Debian packages) and local/postgres:15 / local/rabbitmq:3.10; and
#                               SUPPORTPLATFORM_TEST_DOVECOT_IMAGE, local/dovecot:2.3 unless set.
#   run_postgres NAME PORT LABEL [-c setting=value...]
#                               starts PostgreSQL (postgres/postgres) on 127.0.0.1:PORT, waits until it
#                               answers; `docker stop` is a fast shutdown (SIGINT), as `pg_ctl -m fast`.
#   run_rabbitmq NAME AMQP_PORT MANAGEMENT_PORT LABEL
#                               starts RabbitMQ (guest/guest) on 127.0.0.1:AMQP_PORT, its management API
#                               on MANAGEMENT_PORT, waits until the API answers.
#   run_dovecot NAME IMAP_PORT LABEL
#                               starts the support mailbox (support/support, plain IMAP) on 127.0.0.1:IMAP_PORT,
#                               waits until it greets.
#   wait_postgres NAME / wait_rabbitmq MANAGEMENT_PORT / wait_imap IMAP_PORT   (after a `docker start`)
#   remove_containers LABEL     removes every container carrying org.supportplatform.script-run=LABEL.
# A container keeps its data across `docker stop`/`start`; `remove_containers` deletes it with them.

SCRIPT_RUN_LABEL=org.supportplatform.script-run

official_images_present() {
  docker version >/dev/null 2>&1 && docker image inspect postgres:15 rabbitmq:3.13-management >/dev/null 2>&1
}

choose_server_images() {
  if [[ -n "${SUPPORTPLATFORM_TEST_POSTGRES_IMAGE:-}" || -n "${SUPPORTPLATFORM_TEST_RABBITMQ_IMAGE:-}" ]]; then
    docker version >/dev/null 2>&1 || "$ROOT/deploy/images/prepare.sh" --quiet
  elif ! official_images_present; then
    # No registry is reachable from these machines: build the images from Debian's packages.
    "$ROOT/deploy/images/prepare.sh" --quiet
    export SUPPORTPLATFORM_TEST_POSTGRES_IMAGE=local/postgres:15 SUPPORTPLATFORM_TEST_RABBITMQ_IMAGE=local/rabbitmq:3.10
  fi
  export SUPPORTPLATFORM_TEST_POSTGRES_IMAGE="${SUPPORTPLATFORM_TEST_POSTGRES_IMAGE:-postgres:15}"
  export SUPPORTPLATFORM_TEST_RABBITMQ_IMAGE="${SUPPORTPLATFORM_TEST_RABBITMQ_IMAGE:-rabbitmq:3.13-management}"
  # The support mailbox (issue 21): no official image is set up with our account, so always the local one.
  if [[ -z "${SUPPORTPLATFORM_TEST_DOVECOT_IMAGE:-}" ]] && ! docker image inspect local/dovecot:2.3 >/dev/null 2>&1; then
    "$ROOT/deploy/images/prepare.sh" --quiet
  fi
  export SUPPORTPLATFORM_TEST_DOVECOT_IMAGE="${SUPPORTPLATFORM_TEST_DOVECOT_IMAGE:-local/dovecot:2.3}"
}

run_postgres() {
  local name=$1 port=$2 label=$3
  shift 3
  docker run -d --name "$name" --hostname "$name" --label "$SCRIPT_RUN_LABEL=$label" \
    -p "127.0.0.1:$port:5432" -e POSTGRES_PASSWORD=postgres --stop-signal SIGINT --shm-size 256m \
    "$SUPPORTPLATFORM_TEST_POSTGRES_IMAGE" postgres -c max_connections=400 "$@" >/dev/null
  wait_postgres "$name"
}

run_rabbitmq() {
  local name=$1 amqp=$2 management=$3 label=$4
  docker run -d --name "$name" --hostname "$name" --label "$SCRIPT_RUN_LABEL=$label" \
    -p "127.0.0.1:$amqp:5672" -p "127.0.0.1:$management:15672" \
    "$SUPPORTPLATFORM_TEST_RABBITMQ_IMAGE" >/dev/null
  wait_rabbitmq "$management"
}

run_dovecot() {
  local name=$1 port=$2 label=$3
  docker run -d --name "$name" --hostname "$name" --label "$SCRIPT_RUN_LABEL=$label" \
    -p "127.0.0.1:$port:143" "$SUPPORTPLATFORM_TEST_DOVECOT_IMAGE" >/dev/null
  wait_imap "$port"
}

wait_imap() {
  local t
  for ((t = 0; t < 120; t++)); do
    /usr/bin/python3 -c "import imaplib, sys; imaplib.IMAP4('127.0.0.1', int(sys.argv[1]), timeout=3).logout()" "$1" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "The IMAP server did not greet on 127.0.0.1:$1 within 60 s" >&2
  return 1
}

# Both images listen on TCP only once initialisation is over, so an answer on TCP means ready.
wait_postgres() {
  local t
  for ((t = 0; t < 240; t++)); do
    docker exec "$1" pg_isready -q -h 127.0.0.1 -U postgres >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  docker logs --tail 20 "$1" >&2
  echo "PostgreSQL in $1 did not answer within 120 s" >&2
  return 1
}

wait_rabbitmq() {
  local t
  for ((t = 0; t < 360; t++)); do
    curl -sf -m 3 -o /dev/null -u guest:guest "http://127.0.0.1:$1/api/overview" && return 0
    sleep 0.5
  done
  echo "RabbitMQ's management API did not answer on 127.0.0.1:$1 within 180 s" >&2
  return 1
}

remove_containers() {
  local ids
  ids="$(docker ps -aq --filter "label=$SCRIPT_RUN_LABEL=$1" 2>/dev/null || true)"
  # shellcheck disable=SC2086
  [[ -z "$ids" ]] || docker rm -f -v $ids >/dev/null 2>&1 || true
}
