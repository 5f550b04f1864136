#!/usr/bin/env bash
# faults.sh — the fault suite of docs/reliability.md: each scenario runs the platform (Inquiry and
# Notification as Release processes, a private PostgreSQL and RabbitMQ, an SMTP server writing a
# Maildir) under the same steady load — 60 s of submissions at 50/s, every 5th acknowledged inquiry
# answered by an agent (tests/Fuzzing/faults/load.py) — injects one fault, then checks that nothing
# acknowledged was lost or doubled. One result line per scenario; exit 1 if any failed.
#
#   scripts/faults.sh [--rate 50] [--seconds 60] [scenario...]
#
# Scenarios (all, in this order, when none is named):
#   rabbitmq-restart   RabbitMQ stopped at 15 s for 20 s → every receipt and reply email exactly once
#   postgres-restart   PostgreSQL stopped at 15 s for 20 s → 503 problem details meanwhile, nothing lost
#   inquiry-kill       Inquiry SIGKILLed at 20 s, started again → every 201 inquiry stored and published
#   notification-kill  the SMTP server SIGKILLs Notification after storing its 1,000th email and before
#                      answering 250 (then starts it again) → no duplicate email
#   smtp-down          the SMTP server stopped at 10 s for 120 s → every email delivered once after it returns
#   poison             two unusable messages published straight to the InquirySubmitted exchange at 20 s →
#                      both in notification-inquiry-submitted_error, everything else flows
#
# Loopback only, ports 6400-6449: PostgreSQL 6410 (data under $SUPPORTPLATFORM_DATA/reliability),
# RabbitMQ 6420 (management 6421, distribution 6422), SMTP 6430, Inquiry 6401, Notification 6403.
# Each scenario gets a fresh database, vhost and Maildir, and its own service processes; the servers
# are started once and stopped at the end. FAULT_KEEP=1 keeps each scenario's logs and Maildir.
# Bounded: a scenario lasts its load, its fault, at most 150 s of waiting for missing emails and
# 40 s of settling after the fault (75 s from the start for notification-kill).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export FAULT_ROOT="$PWD"
export SUPPORTPLATFORM_DATA="${SUPPORTPLATFORM_DATA:-/var/tmp/supportplatform}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PGPASSWORD=postgres
export FAULT_PG_PORT=6410 FAULT_AMQP_PORT=6420 FAULT_MGMT_PORT=6421 RABBITMQ_DIST_PORT=6422
export FAULT_SMTP_PORT=6430 FAULT_INQUIRY_PORT=6401 FAULT_NOTIFICATION_PORT=6403
export FAULT_PG_DIR="$SUPPORTPLATFORM_DATA/reliability/postgres" FAULT_RMQ_DIR="$SUPPORTPLATFORM_DATA/reliability/rabbitmq"
ALL_SCENARIOS=(rabbitmq-restart postgres-restart inquiry-kill notification-kill smtp-down poison)

# ------------------------------------------------------------------ the pieces, one process each

# Starts one piece in the background; its pid goes to $FAULT_WORK/<piece>.pid. Needs the environment
# a scenario exports (FAULT_WORK, connection strings, keys), so the load driver's timed actions and the
# SMTP server's --after-kill can call `scripts/faults.sh --control start <piece>` too.
start_piece() {
  case "$1" in
    inquiry | notification)
      local name=${1^} port
      [[ $1 == inquiry ]] && port=$FAULT_INQUIRY_PORT || port=$FAULT_NOTIFICATION_PORT
      (cd "$FAULT_ROOT/services/$name/$name.Api" && ASPNETCORE_URLS="http://127.0.0.1:$port" \
        exec dotnet "bin/Release/net10.0/SupportPlatform.$name.Api.dll") >>"$FAULT_WORK/$1.log" 2>&1 </dev/null &
      echo $! >"$FAULT_WORK/$1.pid" ;;
    smtp)
      /usr/bin/python3 "$FAULT_ROOT/tests/Fuzzing/faults/smtp_sink.py" --port "$FAULT_SMTP_PORT" --maildir "$FAULT_WORK/mail" \
        ${FAULT_SMTP_KILL_AT:+--kill-at "$FAULT_SMTP_KILL_AT" --kill-pidfile "$FAULT_WORK/notification.pid" \
          --after-kill "$FAULT_ROOT/scripts/faults.sh --control start notification"} >>"$FAULT_WORK/smtp.log" 2>&1 </dev/null &
      echo $! >"$FAULT_WORK/smtp.pid" ;;
    *) echo "faults.sh: no piece '$1'" >&2; return 2 ;;
  esac
}

# Stops one piece: SIGKILL for `kill`, otherwise SIGTERM and up to 20 s before SIGKILL.
stop_piece() {
  local pid
  pid=$(cat "$FAULT_WORK/$2.pid" 2>/dev/null) || return 0
  if [[ $1 == kill ]]; then
    kill -KILL "$pid" 2>/dev/null || true
  else
    kill -TERM "$pid" 2>/dev/null || true
  fi
  for ((t = 0; t < 100; t++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
}

healthy() { curl -fs -m 5 "http://127.0.0.1:$1/health" >/dev/null 2>&1; }
wait_healthy() {
  for ((t = 0; t < ${2:-120}; t++)); do healthy "$1" && return 0; sleep 1; done
  return 1
}

if [[ "${1:-}" == --control ]]; then
  case "$2" in
    start) start_piece "$3" ;;
    kill | stop) stop_piece "$2" "$3" ;;
    *) echo "faults.sh --control start|stop|kill inquiry|notification|smtp" >&2; exit 2 ;;
  esac
  exit 0
fi

# ------------------------------------------------------------------ arguments

LOAD_ARGS=(--rate 50 --seconds 60)
scenarios=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rate | --seconds) LOAD_ARGS+=("$1" "$2"); shift 2 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
    *) [[ " ${ALL_SCENARIOS[*]} " == *" $1 "* ]] || { echo "faults.sh: unknown scenario '$1' (${ALL_SCENARIOS[*]})" >&2; exit 2; }
       scenarios+=("$1"); shift ;;
  esac
done
[[ ${#scenarios[@]} -gt 0 ]] || scenarios=("${ALL_SCENARIOS[@]}")

# ------------------------------------------------------------------ servers, once for the suite

scripts/infra.sh install >/dev/null
for name in Inquiry Notification; do
  dotnet build "services/$name/$name.Api" -c Release -v q -nologo -clp:NoSummary >/dev/null
done
start_postgres() { PG_FAST=1 scripts/infra.sh start-postgres "$FAULT_PG_DIR" "$FAULT_PG_PORT" >/dev/null; }
start_rabbitmq() { scripts/infra.sh start-rabbitmq "$FAULT_RMQ_DIR" "$FAULT_AMQP_PORT" "$FAULT_MGMT_PORT" >/dev/null; }
start_postgres
start_rabbitmq

SCENARIO="" 
teardown_scenario() {
  [[ -n "$SCENARIO" ]] || return 0
  for piece in inquiry notification smtp; do stop_piece stop "$piece"; done
  start_postgres >/dev/null 2>&1 || true
  start_rabbitmq >/dev/null 2>&1 || true
  psql -q -h 127.0.0.1 -p "$FAULT_PG_PORT" -U postgres -c "DROP DATABASE IF EXISTS $FAULT_NAME WITH (FORCE)" >/dev/null 2>&1 || true
  curl -fsS -u guest:guest -X DELETE "http://127.0.0.1:$FAULT_MGMT_PORT/api/vhosts/$FAULT_NAME" >/dev/null 2>&1 || true
  if [[ -n "${FAULT_KEEP:-}" ]]; then echo "  kept $FAULT_WORK"; else rm -rf "$FAULT_WORK"; fi
  SCENARIO=""
}
DRIVER=""
cleanup() {
  [[ -z "$DRIVER" ]] || { kill "$DRIVER" 2>/dev/null || true; wait "$DRIVER" 2>/dev/null || true; }
  teardown_scenario
  scripts/infra.sh stop-rabbitmq "$FAULT_RMQ_DIR" "$FAULT_AMQP_PORT" >/dev/null 2>&1 || true
  scripts/infra.sh stop-postgres "$FAULT_PG_DIR" >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------ one scenario

# Fresh database, vhost and Maildir; the same keys for every service (the lead's Notification fetches
# email content from Inquiry's internal API at send time: services__inquiry__http__0, service JWT).
setup_scenario() {
  SCENARIO=$1
  export FAULT_NAME="fault_${1//-/_}_$(date +%s)" FAULT_WORK
  FAULT_WORK=$(mktemp -d)
  psql -q -h 127.0.0.1 -p "$FAULT_PG_PORT" -U postgres -c "CREATE DATABASE $FAULT_NAME" >/dev/null
  curl -fsS -u guest:guest -X PUT "http://127.0.0.1:$FAULT_MGMT_PORT/api/vhosts/$FAULT_NAME" >/dev/null
  curl -fsS -u guest:guest -X PUT -H 'content-type: application/json' -d '{"configure":".*","write":".*","read":".*"}' \
    "http://127.0.0.1:$FAULT_MGMT_PORT/api/permissions/$FAULT_NAME/guest" >/dev/null
  export ConnectionStrings__postgres="Host=127.0.0.1;Port=$FAULT_PG_PORT;Username=postgres;Password=postgres;Database=$FAULT_NAME"
  export ConnectionStrings__rabbitmq="amqp://guest:guest@127.0.0.1:$FAULT_AMQP_PORT/$FAULT_NAME"
  export ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning
  export Auth__SigningKey PersonalData__MasterKey PersonalData__LookupKey
  Auth__SigningKey="$(head -c 48 /dev/urandom | base64 | tr -d '\n')"
  PersonalData__MasterKey="$(head -c 32 /dev/urandom | base64)" PersonalData__LookupKey="$(head -c 32 /dev/urandom | base64)"
  export RateLimiting__PublicPermitsPerMinute=1000000 Smtp__Host=127.0.0.1 Smtp__Port=$FAULT_SMTP_PORT
  export Notification__SupportTeamAddress=support@example.com services__lounge__http__0=http://127.0.0.1:6405
  export services__inquiry__http__0="http://127.0.0.1:$FAULT_INQUIRY_PORT"
  # A send whose outcome was not recorded is sent again when its claim expires (2 min by default);
  # 30 s lets the run see such a duplicate within its bound, and still outlasts one SMTP attempt.
  export Notification__SendLease=00:00:30 Smtp__Timeout=00:00:10
  start_piece smtp
  start_piece inquiry
  start_piece notification
  wait_healthy "$FAULT_INQUIRY_PORT" || { echo "  Inquiry did not become healthy"; return 1; }
  wait_healthy "$FAULT_NOTIFICATION_PORT" || { echo "  Notification did not become healthy"; return 1; }
}

# Runs the load with the scenario's fault; prints the result line; returns 1 on failure.
run_scenario() {
  local scenario=$1 started=$SECONDS rc=0 fault=()
  local control="$FAULT_ROOT/scripts/faults.sh --control"
  unset FAULT_SMTP_KILL_AT
  case "$scenario" in
    rabbitmq-restart)
      fault=(--at-least-once-publishing
        --at 15 "scripts/infra.sh stop-rabbitmq '$FAULT_RMQ_DIR' $FAULT_AMQP_PORT >/dev/null"
        --at 35 "scripts/infra.sh start-rabbitmq '$FAULT_RMQ_DIR' $FAULT_AMQP_PORT $FAULT_MGMT_PORT >/dev/null") ;;
    postgres-restart)
      fault=(--at-least-once-publishing --at 15 "scripts/infra.sh stop-postgres '$FAULT_PG_DIR' >/dev/null"
        --at 35 "PG_FAST=1 scripts/infra.sh start-postgres '$FAULT_PG_DIR' $FAULT_PG_PORT >/dev/null") ;;
    inquiry-kill)
      fault=(--at-least-once-publishing --at 20 "$control kill inquiry && $control start inquiry") ;;
    notification-kill)
      # The kill comes about 10-20 s into the load; a resent copy a lease (30 s) after it.
      export FAULT_SMTP_KILL_AT=1000
      fault=(--settle-after-faults 75) ;;
    smtp-down)
      fault=(--at 10 "$control stop smtp" --at 130 "$control start smtp") ;;
    poison)
      fault=(--poison --poison-at 20) ;;
  esac
  echo "== $scenario"
  if ! setup_scenario "$scenario"; then
    tail -n 20 "$FAULT_WORK"/*.log
    printf 'RESULT %-18s setup failed, %d s\n' "$scenario" $((SECONDS - started)) | tee -a "$SUMMARY"
    teardown_scenario
    return 1
  fi
  /usr/bin/python3 tests/Fuzzing/faults/load.py --inquiry "http://127.0.0.1:$FAULT_INQUIRY_PORT" \
    --management "http://127.0.0.1:$FAULT_MGMT_PORT" --vhost "$FAULT_NAME" --mailbox "$FAULT_WORK/mail" \
    --psql "psql -h 127.0.0.1 -p $FAULT_PG_PORT -U postgres -d $FAULT_NAME" --settle-after-faults 40 "${LOAD_ARGS[@]}" "${fault[@]}" >"$FAULT_WORK/load.out" 2>&1 &
  DRIVER=$!
  tail -n +1 -f --pid="$DRIVER" "$FAULT_WORK/load.out" &
  local tail_pid=$!
  wait "$DRIVER" || rc=1
  DRIVER=""
  wait "$tail_pid" || true
  local health=""
  for port in "$FAULT_INQUIRY_PORT" "$FAULT_NOTIFICATION_PORT"; do
    if wait_healthy "$port" 60; then health+=" $port:200"; else health+=" $port:unhealthy"; rc=1; fi
  done
  echo "  /health after:$health"
  grep -h "Unhandled exception\|fail: " -A3 "$FAULT_WORK"/inquiry.log "$FAULT_WORK"/notification.log 2>/dev/null | head -20 || true
  local result
  result=$(grep '^RESULT ' "$FAULT_WORK/load.out" | sed 's/^RESULT //')
  [[ -n "$result" ]] || { result="driver failed"; rc=1; }
  [[ $rc == 0 || $result == *FAIL* ]] || result+=" FAIL: unhealthy afterwards"
  printf 'RESULT %-18s %s seconds=%d\n' "$scenario" "$result" $((SECONDS - started)) | tee -a "$SUMMARY"
  teardown_scenario
  return "$rc"
}

SUMMARY=$(mktemp)
suite_started=$SECONDS failed=0
for scenario in "${scenarios[@]}"; do
  run_scenario "$scenario" || failed=1
done
echo "== fault suite: ${#scenarios[@]} scenarios in $((SECONDS - suite_started)) s"
cat "$SUMMARY"
rm -f "$SUMMARY"
exit "$failed"
