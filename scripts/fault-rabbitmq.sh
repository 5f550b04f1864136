#!/usr/bin/env bash
# fault-rabbitmq.sh — RabbitMQ restarted under load (docs/reliability.md): a private RabbitMQ on
# 127.0.0.1:$FAULT_AMQP_PORT (default 6420, management 6421, distribution 6422; data under
# $SUPPORTPLATFORM_DATA/reliability), the test PostgreSQL with a fresh database, an SMTP sink
# (aiosmtpd, Maildir) on 6430, Inquiry on 6401 and Notification on 6403. Submits at a steady rate,
# stops RabbitMQ for a while, starts it again, then checks: every 201 inquiry stored, published,
# and its receipt delivered exactly once. Bounded: about --seconds (45) + 3 min.
#
#   scripts/fault-rabbitmq.sh [--rate 20] [--seconds 45] [--stop-at 10] [--outage 15]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export SUPPORTPLATFORM_DATA="${SUPPORTPLATFORM_DATA:-/var/tmp/supportplatform}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PGPASSWORD=postgres

AMQP="${FAULT_AMQP_PORT:-6420}" MGMT=$(( ${FAULT_AMQP_PORT:-6420} + 1 )) SMTP_PORT=6430 PG_PORT=55432
export RABBITMQ_DIST_PORT=$(( AMQP + 2 ))
RMQ_DIR="$SUPPORTPLATFORM_DATA/reliability/rabbitmq"
scripts/infra.sh install >/dev/null
PG_FAST=1 scripts/infra.sh start-postgres test/postgres "$PG_PORT" >/dev/null
scripts/infra.sh start-rabbitmq "$RMQ_DIR" "$AMQP" "$MGMT" >/dev/null

NAME="fault_$(date +%s)_$$"
WORK="$(mktemp -d)"
psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "CREATE DATABASE $NAME" >/dev/null

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  scripts/infra.sh stop-rabbitmq "$RMQ_DIR" "$AMQP" >/dev/null 2>&1 || true
  psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "DROP DATABASE IF EXISTS $NAME WITH (FORCE)" >/dev/null 2>&1 || true
  if [[ -n "${FAULT_KEEP:-}" ]]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

"$(scripts/infra.sh smtp-python)" -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$WORK/mail" >"$WORK/smtp.log" 2>&1 &
pids+=($!)

export ConnectionStrings__postgres="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Database=$NAME"
export ConnectionStrings__rabbitmq="amqp://guest:guest@127.0.0.1:$AMQP/"
export ASPNETCORE_ENVIRONMENT=Development Auth__SigningKey="$(head -c 48 /dev/urandom | base64 | tr -d '\n')" Logging__LogLevel__Default=Warning
export PersonalData__MasterKey="$(head -c 32 /dev/urandom | base64)" PersonalData__LookupKey="$(head -c 32 /dev/urandom | base64)"
export RateLimiting__PublicPermitsPerMinute=1000000 Smtp__Host=127.0.0.1 Smtp__Port=$SMTP_PORT
export Notification__SupportTeamAddress=support@example.com services__lounge__http__0=http://127.0.0.1:6405

for name in Inquiry Notification; do
  dotnet build "services/$name/$name.Api" -c Release -v q -nologo -clp:NoSummary >/dev/null
done
(cd services/Inquiry/Inquiry.Api && ASPNETCORE_URLS=http://127.0.0.1:6401 exec dotnet bin/Release/net10.0/SupportPlatform.Inquiry.Api.dll) >"$WORK/inquiry.log" 2>&1 &
pids+=($!)
(cd services/Notification/Notification.Api && ASPNETCORE_URLS=http://127.0.0.1:6403 exec dotnet bin/Release/net10.0/SupportPlatform.Notification.Api.dll) >"$WORK/notification.log" 2>&1 &
pids+=($!)
for port in 6401 6403; do
  for ((t = 0; t < 120; t++)); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 1; done
done

set +e
/usr/bin/python3 tests/Fuzzing/faults/outage.py --inquiry http://127.0.0.1:6401 \
  --management "http://127.0.0.1:$MGMT" --vhost / --mailbox "$WORK/mail" --at-least-once-publishing \
  --psql "psql -h 127.0.0.1 -p $PG_PORT -U postgres -d $NAME" \
  --stop "scripts/infra.sh stop-rabbitmq '$RMQ_DIR' $AMQP >/dev/null" \
  --start "scripts/infra.sh start-rabbitmq '$RMQ_DIR' $AMQP $MGMT >/dev/null" "$@"
rc=$?
set -e
for port in 6401 6403; do
  for ((t = 0; t < 60; t++)); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 1; done
  health=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health")
  echo "/health after on $port: $health"
  [[ "$health" == 200 ]] || rc=1
done
grep -h "Unhandled" -A3 "$WORK"/*.log | head -20 || true
exit "$rc"
