#!/usr/bin/env bash
# fuzz.sh — the fuzzing run of docs/reliability.md: starts Inquiry, Knowledge and Notification
# (Release build, Development environment as run.sh runs them) on loopback ports against PostgreSQL
# and RabbitMQ containers of the tests' images (scripts/lib/containers.sh: sp-fuzz-postgres on 6411,
# sp-fuzz-rabbitmq on 6423, management 6424; removed at the end), runs tests/Fuzzing/ApiFuzz
# against their /openapi/v1.json, checks /health, stops them.
#
#   scripts/fuzz.sh [--max-requests 6000] [--max-seconds 240] [--seed 1]    # extra args go to ApiFuzz
#
# Ports: FUZZ_PORT_BASE (default 6401) → inquiry, +1 knowledge, +2 notification.
# Exit code: ApiFuzz's (1 when any response was ≥ 500 or a service is unhealthy afterwards).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
# The Docker 28 CLI, as test.sh uses it.
export PATH="/usr/local/bin:$PATH"
export SUPPORTPLATFORM_DATA="${SUPPORTPLATFORM_DATA:-/var/tmp/supportplatform}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
. scripts/lib/containers.sh
. scripts/lib/host-tools.sh

PG_PORT=6411 AMQP_PORT=6423 MGMT_PORT=6424
BASE="${FUZZ_PORT_BASE:-6401}"
NAME="fuzz_$(date +%s)_$$"
WORK="$(mktemp -d)"
SERVERS="fuzz-$$"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  remove_containers "$SERVERS"
  rm -rf "$WORK"
}
trap cleanup EXIT

need_tools curl
choose_server_images
run_postgres sp-fuzz-postgres "$PG_PORT" "$SERVERS" -c fsync=off -c synchronous_commit=off
run_rabbitmq sp-fuzz-rabbitmq "$AMQP_PORT" "$MGMT_PORT" "$SERVERS"
docker exec sp-fuzz-postgres psql -q -U postgres -c "CREATE DATABASE $NAME" >/dev/null
curl -fsS -u guest:guest -X PUT "http://127.0.0.1:$MGMT_PORT/api/vhosts/$NAME" >/dev/null
curl -fsS -u guest:guest -X PUT -H 'content-type: application/json' -d '{"configure":".*","write":".*","read":".*"}' \
  "http://127.0.0.1:$MGMT_PORT/api/permissions/$NAME/guest" >/dev/null

SIGNING_KEY="$(head -c 48 /dev/urandom | base64 | tr -d '\n')"
export ConnectionStrings__postgres="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Database=$NAME"
export ConnectionStrings__rabbitmq="amqp://guest:guest@127.0.0.1:$AMQP_PORT/$NAME"
export ASPNETCORE_ENVIRONMENT=Development Auth__SigningKey="$SIGNING_KEY" Logging__LogLevel__Default=Warning
export PersonalData__MasterKey="$(head -c 32 /dev/urandom | base64)" PersonalData__LookupKey="$(head -c 32 /dev/urandom | base64)"
export RateLimiting__PublicPermitsPerMinute=1000000 Smtp__PickupDirectory="$WORK/mail"
# Notification and Knowledge read personal data from Inquiry's internal API (fuzzed too: the token has the service role).
export services__inquiry__http__0="http://127.0.0.1:$BASE"

dotnet build tests/Fuzzing/ApiFuzz -c Release -v q -nologo -clp:NoSummary >/dev/null
declare -A projects=([inquiry]=Inquiry [knowledge]=Knowledge [notification]=Notification)
port=$BASE
services=()
for name in inquiry knowledge notification; do
  project="services/${projects[$name]}/${projects[$name]}.Api"
  dotnet build "$project" -c Release -v q -nologo -clp:NoSummary >/dev/null
  (cd "$project" && ASPNETCORE_URLS="http://127.0.0.1:$port" exec dotnet "bin/Release/net10.0/SupportPlatform.${projects[$name]}.Api.dll") \
    >"$WORK/$name.log" 2>&1 &
  pids+=($!)
  services+=(--service "$name=http://127.0.0.1:$port")
  port=$((port + 1))
done

for ((i = 0; i < 3; i++)); do
  url="http://127.0.0.1:$((BASE + i))/health"
  for ((t = 0; t < 120; t++)); do
    curl -fs "$url" >/dev/null 2>&1 && break
    sleep 1
  done
  curl -fs "$url" >/dev/null || { echo "fuzz.sh: $url not healthy; log:" >&2; cat "$WORK"/*.log >&2; exit 1; }
done

set +e
dotnet tests/Fuzzing/ApiFuzz/bin/Release/net10.0/ApiFuzz.dll --signing-key "$SIGNING_KEY" "${services[@]}" "$@"
rc=$?
set -e
if grep -l "fail:\|Unhandled exception" "$WORK"/*.log >/dev/null 2>&1; then
  echo; echo "Errors logged by the services:"; grep -h -A3 "fail:" "$WORK"/*.log | head -60
fi
exit "$rc"
