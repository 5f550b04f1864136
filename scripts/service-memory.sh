#!/usr/bin/env bash
# service-memory.sh — the peak RSS of each service as its own process under a realistic load
# (issue 26; docs/benchmarks.md "Memory of each service"). Not in CI.
#
#   scripts/service-memory.sh [--seconds 120] [--rate 20] [--agents 4] [--visitors 4]
#       [--inquiry-dump FILE --keys FILE] [--before DIR] [--no-build]
#
# Inquiry, Knowledge, Notification, Agent and the Lounge run as the built Release apps, each its own
# process with production settings, against the benchmark servers (scripts/benchmark-servers.sh: the
# durable PostgreSQL on 6440, RabbitMQ on 6442), a fresh database each and a vhost of the run's own,
# and an SMTP sink (tests/Fuzzing/faults/smtp_sink.py) for Notification's emails. With
# --inquiry-dump, Inquiry's database is a restored copy of a generated platform (the ThreeYears
# dump, sealed with --keys): the desk then pages through the generated years. The load and the
# reading of /proc/<pid>/status (VmHWM) are tests/Benchmarks/ServiceMemory/load.py. Everything the
# run created (processes, databases, vhosts) is removed at its end.
# --before DIR: a checkout of the code to compare with (e.g. `git archive <commit> | tar -x -C DIR`),
# built here like this one. Its services run beside this checkout's at the same time, each side with
# its own processes, databases (the dump restored once, copied for the other side) and vhost, and
# the load sends every request to both sides: one run, the same load and the same machine for both.
# Ports 6451-6455 (services), 6456 (the desk over HTTPS, a self-signed certificate: outside
# Development its cookies are Secure), 6461-6466 the same for the --before side, and 6459 (SMTP),
# loopback only.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
export PATH="/usr/local/bin:$PATH" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

seconds=120 rate=20 agents=4 visitors=4 dump="" keys="" build=1 before=""
while (($#)); do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    --agents) agents=$2; shift 2 ;;
    --visitors) visitors=$2; shift 2 ;;
    --inquiry-dump) dump=$2; shift 2 ;;
    --keys) keys=$2; shift 2 ;;
    --before) before=$(cd "$2" && pwd); shift 2 ;;
    --no-build) build=0; shift ;;
    *) sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done
[[ -z $dump || -n $keys ]] || { echo "service-memory.sh: --inquiry-dump needs the --keys it was sealed with" >&2; exit 2; }

eval "$(scripts/benchmark-servers.sh up)"
SERVICES=(inquiry knowledge notification agent lounge)
declare -A PROJECT=([inquiry]=Inquiry/Inquiry.Api [knowledge]=Knowledge/Knowledge.Api [notification]=Notification/Notification.Api
  [agent]=Agent/Agent.Api [lounge]=Lounge/Lounge.Web)
declare -A DLL=([inquiry]=SupportPlatform.Inquiry.Api [knowledge]=SupportPlatform.Knowledge.Api [notification]=SupportPlatform.Notification.Api
  [agent]=SupportPlatform.Agent.Api [lounge]=SupportPlatform.Lounge.Web)
declare -A PORT=([inquiry]=6451 [knowledge]=6452 [notification]=6453 [agent]=6454 [lounge]=6455)
DESK_TLS_PORT=6456 SMTP_PORT=6459
# A side: its name, the checkout its services run from, what its ports add to PORT, its databases' and vhost's name.
SIDES=(shipped)
declare -A SOURCE=([shipped]=$ROOT) OFFSET=([shipped]=0)
[[ -z $before ]] || { SIDES=(before shipped); SOURCE[before]=$before; OFFSET[before]=10; }
if ((build)); then
  for side in "${SIDES[@]}"; do
    for service in "${SERVICES[@]}"; do
      dotnet build "${SOURCE[$side]}/services/${PROJECT[$service]}" -c Release --nologo -v q >/dev/null
    done
  done
fi

RUN="mem_$(date +%s)"
declare -A PREFIX=([shipped]=$RUN [before]=${RUN}_before)
WORK=$(mktemp -d)
psql_admin() { docker exec -i sp-bench-postgres psql -q -v ON_ERROR_STOP=1 -U postgres "$@"; }
mgmt() { curl -fsS -u guest:guest -H 'content-type: application/json' "$@"; }
cleanup() {
  local pid
  for pid in "$WORK"/*.pid; do [[ -e $pid ]] && kill -TERM "$(cat "$pid")" 2>/dev/null || true; done
  sleep 5
  for pid in "$WORK"/*.pid; do [[ -e $pid ]] && kill -KILL "$(cat "$pid")" 2>/dev/null || true; done
  for side in "${SIDES[@]}"; do
    for database in "${SERVICES[@]/#/${PREFIX[$side]}_}" "${PREFIX[$side]}_shredlist"; do
      psql_admin -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true
    done
    mgmt -X DELETE "http://127.0.0.1:6443/api/vhosts/${PREFIX[$side]}" >/dev/null 2>&1 || true
  done
  [[ -n ${SERVICE_MEMORY_KEEP:-} ]] && echo "logs kept in $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for side in "${SIDES[@]}"; do
  for database in "${SERVICES[@]/#/${PREFIX[$side]}_}" "${PREFIX[$side]}_shredlist"; do
    [[ $database == *_lounge || ($side == before && -n $dump && $database == *_inquiry) ]] || psql_admin -c "CREATE DATABASE $database" >/dev/null
  done
done
if [[ -n $dump ]]; then
  restoring=$SECONDS
  psql_admin -d "${RUN}_inquiry" -c "SELECT 1" >/dev/null
  docker exec -i sp-bench-postgres pg_restore -U postgres -d "${RUN}_inquiry" <"$dump"
  echo "restored $dump into ${RUN}_inquiry in $((SECONDS - restoring)) s"
  # The other side's copy: a file copy of the restored database, faster than a second restore.
  [[ -z $before ]] || psql_admin -c "CREATE DATABASE ${PREFIX[before]}_inquiry TEMPLATE ${RUN}_inquiry" >/dev/null
  read -r signing master lookup < <(/usr/bin/python3 -c \
    'import json, sys; k = json.load(open(sys.argv[1])); print(k["SigningKey"], k["MasterKey"], k["LookupKey"])' "$keys")
else
  signing=$(head -c 48 /dev/urandom | base64 -w0) master=$(head -c 32 /dev/urandom | base64) lookup=$(head -c 32 /dev/urandom | base64)
fi
for side in "${SIDES[@]}"; do
  mgmt -X PUT "http://127.0.0.1:6443/api/vhosts/${PREFIX[$side]}" >/dev/null
  mgmt -X PUT -d '{"configure":".*","write":".*","read":".*"}' "http://127.0.0.1:6443/api/permissions/${PREFIX[$side]}/guest" >/dev/null
done

# The desk's sign-in form needs TLS outside Development; the other services keep calling it over HTTP.
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost -keyout "$WORK/desk.key" -out "$WORK/desk.crt" 2>/dev/null
/usr/bin/python3 tests/Fuzzing/faults/smtp_sink.py --port "$SMTP_PORT" --maildir "$WORK/mail" >"$WORK/smtp.log" 2>&1 </dev/null &
echo $! >"$WORK/smtp.pid"

# What the AppHost gives each service, by hand: connection strings, keys, where the others are.
export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
export Auth__SigningKey=$signing PersonalData__MasterKey=$master PersonalData__LookupKey=$lookup
export RateLimiting__PublicPermitsPerMinute=1000000 Smtp__Host=127.0.0.1 Smtp__Port=$SMTP_PORT
export Notification__SupportTeamAddress=support@example.com
port() { echo $((${PORT[$2]} + ${OFFSET[$1]})); }
# One side's service as its own process (exec: its pid is the one whose memory is read); extra
# arguments run one of its commands instead.
run_service() {
  local side=$1 service=$2 other
  cd "${SOURCE[$side]}/services/${PROJECT[$service]}"
  for other in "${SERVICES[@]}"; do
    export "services__${other}__http__0=http://127.0.0.1:$(port "$side" "$other")"
  done
  export ConnectionStrings__rabbitmq="amqp://guest:guest@127.0.0.1:6442/${PREFIX[$side]}" \
    ConnectionStrings__shredlist="Host=127.0.0.1;Port=6440;Username=postgres;Password=postgres;Database=${PREFIX[$side]}_shredlist" \
    ASPNETCORE_URLS="http://127.0.0.1:$(port "$side" "$service")" \
    ConnectionStrings__postgres="Host=127.0.0.1;Port=6440;Username=postgres;Password=postgres;Database=${PREFIX[$side]}_${service};Application Name=$service${INQUIRY_COMMAND_TIMEOUT:-}"
  if [[ $service == agent ]]; then
    export ASPNETCORE_URLS="$ASPNETCORE_URLS;https://127.0.0.1:$((DESK_TLS_PORT + ${OFFSET[$side]}))" \
      Kestrel__Certificates__Default__Path="$WORK/desk.crt" Kestrel__Certificates__Default__KeyPath="$WORK/desk.key"
  fi
  exec dotnet "bin/Release/net10.0/${DLL[$service]}.dll" "${@:3}"
}
wait_healthy() {
  local t
  for ((t = 0; t < 180; t++)); do curl -fs -m 5 "http://127.0.0.1:$(port "$1" "$2")/health" >/dev/null 2>&1 && return 0; sleep 1; done
  echo "service-memory.sh: $1 $2 not healthy within 180 s" >&2; tail -20 "$WORK/$1.$2.log" >&2; return 1
}

# The desk's sign-in: the first admin through the desk's own command, then the agent role too
# (an admin alone may not open the queue's inquiries; production has no demo accounts).
password="Memory-$(head -c 12 /dev/urandom | base64 -w0 | tr -dc 'A-Za-z0-9')1!"
for side in "${SIDES[@]}"; do
  if [[ -n $dump ]]; then
    # The dump may predate read models or columns the service has now: Marten's schema changes on
    # 50,000 rows take longer than a start-up's command timeout on a loaded machine, so apply them first.
    migrating=$SECONDS
    (INQUIRY_COMMAND_TIMEOUT=";Command Timeout=900" run_service "$side" inquiry db-apply) >>"$WORK/$side.inquiry.log" 2>&1 </dev/null
    echo "applied Inquiry's schema changes to the restored database ($side) in $((SECONDS - migrating)) s"
  fi
  for service in "${SERVICES[@]}"; do
    (run_service "$side" "$service") >>"$WORK/$side.$service.log" 2>&1 </dev/null &
    echo $! >"$WORK/$side.$service.pid"
    wait_healthy "$side" "$service"
  done
  echo "$password" | (run_service "$side" agent create-admin --email memory.agent@example.com --name "메모리 측정 상담원") >>"$WORK/$side.agent.log" 2>&1
  psql_admin -d "${PREFIX[$side]}_agent" -c "
  INSERT INTO agent.\"AspNetRoles\" (\"Id\", \"Name\", \"NormalizedName\", \"ConcurrencyStamp\")
    SELECT gen_random_uuid(), 'agent', 'AGENT', gen_random_uuid()::text
    WHERE NOT EXISTS (SELECT 1 FROM agent.\"AspNetRoles\" WHERE \"NormalizedName\" = 'AGENT');
  INSERT INTO agent.\"AspNetUserRoles\" (\"UserId\", \"RoleId\")
    SELECT u.\"Id\", r.\"Id\" FROM agent.\"AspNetUsers\" u, agent.\"AspNetRoles\" r
    WHERE u.\"NormalizedEmail\" = 'MEMORY.AGENT@EXAMPLE.COM' AND r.\"NormalizedName\" = 'AGENT' ON CONFLICT DO NOTHING;" >/dev/null
done

echo "load average before the load: $(cut -d' ' -f1-3 /proc/loadavg)"
sides=() pids=()
for side in "${SIDES[@]}"; do
  sides+=(--side "$side" "http://127.0.0.1:$(port "$side" inquiry)" "http://127.0.0.1:$(port "$side" knowledge)"
    "https://127.0.0.1:$((DESK_TLS_PORT + ${OFFSET[$side]}))" "http://127.0.0.1:$(port "$side" lounge)")
  for service in "${SERVICES[@]}"; do pids+=(--pid "$side/$service" "$(cat "$WORK/$side.$service.pid")"); done
done
status=0
/usr/bin/python3 tests/Benchmarks/ServiceMemory/load.py "${sides[@]}" \
  --agent-email memory.agent@example.com --agent-password "$password" \
  --seconds "$seconds" --rate "$rate" --agents "$agents" --visitors "$visitors" "${pids[@]}" || status=$?
echo "load average after the load: $(cut -d' ' -f1-3 /proc/loadavg); emails in the SMTP sink: $(find "$WORK/mail" -type f | wc -l)"
exit $status
