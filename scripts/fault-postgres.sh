#!/usr/bin/env bash
# fault-postgres.sh — PostgreSQL restarted under load (docs/reliability.md): a private PostgreSQL
# on 127.0.0.1:$FAULT_PG_PORT (default 6410, data under $SUPPORTPLATFORM_DATA/reliability), the
# test RabbitMQ with a fresh vhost, the Inquiry service on $FAULT_INQUIRY_PORT (6401). Submits at a
# steady rate, stops PostgreSQL for a while, starts it again, then checks: only 201 or 503 problem
# details were answered, every 201 inquiry is stored and published exactly once, the service is
# healthy again. Bounded: about --seconds (45) + 60 s.
#
#   scripts/fault-postgres.sh [--rate 20] [--seconds 45] [--stop-at 10] [--outage 15]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export SUPPORTPLATFORM_DATA="${SUPPORTPLATFORM_DATA:-/var/tmp/supportplatform}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PGPASSWORD=postgres

PG_PORT="${FAULT_PG_PORT:-6410}" PORT="${FAULT_INQUIRY_PORT:-6401}" AMQP_PORT=55672 MGMT_PORT=55673
PG_DIR="$SUPPORTPLATFORM_DATA/reliability/postgres"
scripts/infra.sh install >/dev/null
PG_FAST=1 scripts/infra.sh start-postgres "$PG_DIR" "$PG_PORT" >/dev/null
scripts/infra.sh start-rabbitmq test/rabbitmq "$AMQP_PORT" "$MGMT_PORT" >/dev/null

NAME="fault_$(date +%s)_$$"
WORK="$(mktemp -d)"
psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "CREATE DATABASE $NAME" >/dev/null
curl -fsS -u guest:guest -X PUT "http://127.0.0.1:$MGMT_PORT/api/vhosts/$NAME" >/dev/null
curl -fsS -u guest:guest -X PUT -H 'content-type: application/json' -d '{"configure":".*","write":".*","read":".*"}' \
  "http://127.0.0.1:$MGMT_PORT/api/permissions/$NAME/guest" >/dev/null

pid=""
cleanup() {
  [[ -n "$pid" ]] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
  PG_FAST=1 scripts/infra.sh start-postgres "$PG_DIR" "$PG_PORT" >/dev/null 2>&1 || true
  psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "DROP DATABASE IF EXISTS $NAME WITH (FORCE)" >/dev/null 2>&1 || true
  curl -fsS -u guest:guest -X DELETE "http://127.0.0.1:$MGMT_PORT/api/vhosts/$NAME" >/dev/null 2>&1 || true
  scripts/infra.sh stop-postgres "$PG_DIR" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

export ConnectionStrings__postgres="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Database=$NAME;Timeout=3"
export ConnectionStrings__rabbitmq="amqp://guest:guest@127.0.0.1:$AMQP_PORT/$NAME"
export ASPNETCORE_ENVIRONMENT=Development Auth__SigningKey="$(head -c 48 /dev/urandom | base64 | tr -d '\n')" Logging__LogLevel__Default=Warning
export PersonalData__MasterKey="$(head -c 32 /dev/urandom | base64)" PersonalData__LookupKey="$(head -c 32 /dev/urandom | base64)"
export RateLimiting__PublicPermitsPerMinute=1000000

project=services/Inquiry/Inquiry.Api
dotnet build "$project" -c Release -v q -nologo -clp:NoSummary >/dev/null
(cd "$project" && ASPNETCORE_URLS="http://127.0.0.1:$PORT" exec dotnet bin/Release/net10.0/SupportPlatform.Inquiry.Api.dll) >"$WORK/inquiry.log" 2>&1 &
pid=$!
for ((t = 0; t < 120; t++)); do curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 1; done

set +e
/usr/bin/python3 tests/Fuzzing/faults/outage.py --inquiry "http://127.0.0.1:$PORT" \
  --management "http://127.0.0.1:$MGMT_PORT" --vhost "$NAME" \
  --psql "psql -h 127.0.0.1 -p $PG_PORT -U postgres -d $NAME" \
  --stop "scripts/infra.sh stop-postgres '$PG_DIR' >/dev/null" \
  --start "PG_FAST=1 scripts/infra.sh start-postgres '$PG_DIR' $PG_PORT >/dev/null" "$@"
rc=$?
set -e
for ((t = 0; t < 60; t++)); do curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 1; done
health=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/health")
echo "/health after: $health"
[[ "$health" == 200 ]] || rc=1
grep -h "Unhandled\|fail: Microsoft.AspNetCore" -A3 "$WORK/inquiry.log" | head -30 || true
exit "$rc"
