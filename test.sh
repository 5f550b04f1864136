#!/usr/bin/env bash
# test.sh — the one test command: installs/starts the real servers the tests use, then
# runs `dotnet test` on the solution and prints one closing line `N passed, N failed, N skipped`.
#
#   ./test.sh                                   # everything
#   ./test.sh --filter "FullyQualifiedName~Tickets"   # extra args go to `dotnet test`
#
# Servers (private instances, data under $SUPPORTPLATFORM_DATA/test, default /var/tmp/supportplatform/test):
#   PostgreSQL 127.0.0.1:55432 (PG_FAST: fsync off), RabbitMQ 127.0.0.1:55672, management 127.0.0.1:55673.
# They are left running for the next run (start is a no-op then); SUPPORTPLATFORM_STOP_AFTER=1 stops them.
# Point the tests at other servers by setting SUPPORTPLATFORM_TEST_POSTGRES / _RABBITMQ /
# _RABBITMQ_MANAGEMENT / _SMTP_PYTHON / _CHROMIUM yourself; the local server is then not started.
# Log: TestResults/test.log (or $SUPPORTPLATFORM_TEST_LOG).

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT="$PWD"

export SUPPORTPLATFORM_DATA="${SUPPORTPLATFORM_DATA:-/var/tmp/supportplatform}"
INFRA="$ROOT/scripts/infra.sh"

PG_PORT=55432
AMQP_PORT=55672
MGMT_PORT=55673

"$INFRA" install

started_pg=0 started_rmq=0
if [[ -z "${SUPPORTPLATFORM_TEST_POSTGRES:-}" ]]; then
  PG_FAST=1 "$INFRA" start-postgres test/postgres "$PG_PORT"
  started_pg=1
  export SUPPORTPLATFORM_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Maximum Pool Size=20"
fi
if [[ -z "${SUPPORTPLATFORM_TEST_RABBITMQ:-}" || -z "${SUPPORTPLATFORM_TEST_RABBITMQ_MANAGEMENT:-}" ]]; then
  "$INFRA" start-rabbitmq test/rabbitmq "$AMQP_PORT" "$MGMT_PORT"
  started_rmq=1
  export SUPPORTPLATFORM_TEST_RABBITMQ="${SUPPORTPLATFORM_TEST_RABBITMQ:-amqp://guest:guest@127.0.0.1:$AMQP_PORT/}"
  export SUPPORTPLATFORM_TEST_RABBITMQ_MANAGEMENT="${SUPPORTPLATFORM_TEST_RABBITMQ_MANAGEMENT:-http://guest:guest@127.0.0.1:$MGMT_PORT/}"
fi
if [[ -z "${SUPPORTPLATFORM_TEST_SMTP_PYTHON:-}" ]]; then
  SUPPORTPLATFORM_TEST_SMTP_PYTHON="$("$INFRA" smtp-python)"
  export SUPPORTPLATFORM_TEST_SMTP_PYTHON
fi
if [[ -z "${SUPPORTPLATFORM_TEST_CHROMIUM:-}" ]]; then
  SUPPORTPLATFORM_TEST_CHROMIUM="$(command -v chromium || true)"
  [[ -n "$SUPPORTPLATFORM_TEST_CHROMIUM" ]] || { echo "test.sh: error: chromium not found after install" >&2; exit 1; }
  export SUPPORTPLATFORM_TEST_CHROMIUM
fi

# tests/Platform.Tests start the real AppHost: a container engine and, where no registry answers,
# the local PostgreSQL/RabbitMQ images (deploy/images/prepare.sh, as run.sh does). Set
# ContainerImages__Postgres / ContainerImages__RabbitMq yourself to use other images.
export PATH="/usr/local/bin:$PATH"  # Aspire's orchestrator needs the Docker CLI >= 25 found there
if [[ -z "${ContainerImages__Postgres:-}" || -z "${ContainerImages__RabbitMq:-}" ]]; then
  deploy/images/prepare.sh --quiet
  export ContainerImages__Postgres="${ContainerImages__Postgres:-local/postgres:15}"
  export ContainerImages__RabbitMq="${ContainerImages__RabbitMq:-local/rabbitmq:3.10}"
fi

stop_servers() {
  if [[ "${SUPPORTPLATFORM_STOP_AFTER:-0}" == 1 ]]; then
    (( started_pg )) && "$INFRA" stop-postgres test/postgres || true
    (( started_rmq )) && "$INFRA" stop-rabbitmq test/rabbitmq "$AMQP_PORT" || true
  fi
}
trap stop_servers EXIT

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# Classic per-assembly summary lines ("Passed!  - Failed: 0, Passed: 12, ..."), which we sum below.
export MSBUILDTERMINALLOGGER=off

SOLUTION=""
for s in SupportPlatform.sln SupportPlatform.slnx; do
  if [[ -f "$s" ]]; then SOLUTION="$s"; break; fi
done
[[ -n "$SOLUTION" ]] || { echo "test.sh: error: no SupportPlatform.sln(x) in $ROOT" >&2; echo "0 passed, 0 failed"; exit 1; }

LOG="${SUPPORTPLATFORM_TEST_LOG:-$ROOT/TestResults/test.log}"
mkdir -p "$(dirname "$LOG")"

extra=()
# A hung test must not eat CI's whole time budget: VSTest's blame-hang kills the test host
# and names the hanging test. SUPPORTPLATFORM_TEST_HANG_TIMEOUT= (empty) disables it.
hang="${SUPPORTPLATFORM_TEST_HANG_TIMEOUT-15m}"
if [[ -n "$hang" ]] && ! grep -q 'Microsoft.Testing.Platform' global.json 2>/dev/null; then
  extra+=(--blame-hang-timeout "$hang" --blame-hang-dump-type none)
fi

set +e
dotnet test "$SOLUTION" -c Release "${extra[@]}" "$@" </dev/null 2>&1 | tee "$LOG"
rc=${PIPESTATUS[0]}
set -e

# Sum the per-assembly result lines. VSTest prints
#   Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total:    12, Duration: ... - X.dll (net10.0)
#   Failed!  - Failed:     1, Passed:    11, Skipped:     0, Total:    12, ...
# Fallbacks: terminal-logger "Test summary: total: N, failed: N, succeeded: N, skipped: N" and
# Microsoft.Testing.Platform's "total: N / failed: N / succeeded: N / skipped: N" blocks.
read -r passed failed skipped < <(
  sed -e 's/\x1b\[[0-9;]*[A-Za-z]//g' -e 's/\r$//' "$LOG" | awk '
    /^[[:space:]]*(Passed|Failed)![[:space:]]+-[[:space:]]+Failed:/ {
      line = $0
      if (match(line, /Failed:[[:space:]]*[0-9]+/))  { s = substr(line, RSTART, RLENGTH); gsub(/[^0-9]/, "", s); f += s }
      if (match(line, /Passed:[[:space:]]*[0-9]+/))  { s = substr(line, RSTART, RLENGTH); gsub(/[^0-9]/, "", s); p += s }
      if (match(line, /Skipped:[[:space:]]*[0-9]+/)) { s = substr(line, RSTART, RLENGTH); gsub(/[^0-9]/, "", s); k += s }
      vs = 1; next
    }
    /Test summary: total: [0-9]+, failed: [0-9]+, succeeded: [0-9]+, skipped: [0-9]+/ {
      line = $0; sub(/.*Test summary: /, "", line); n = split(line, a, /[ ,:]+/)
      for (i = 1; i < n; i++) {
        if (a[i] == "failed") tf += a[i+1]; if (a[i] == "succeeded") tp += a[i+1]; if (a[i] == "skipped") tk += a[i+1]
      }
      tl = 1; next
    }
    /^[[:space:]]*failed: [0-9]+[[:space:]]*$/    { s = $0; gsub(/[^0-9]/, "", s); mf += s; mtp = 1 }
    /^[[:space:]]*succeeded: [0-9]+[[:space:]]*$/ { s = $0; gsub(/[^0-9]/, "", s); mp += s; mtp = 1 }
    /^[[:space:]]*skipped: [0-9]+[[:space:]]*$/   { s = $0; gsub(/[^0-9]/, "", s); mk += s; mtp = 1 }
    END {
      if (vs)       print p + 0, f + 0, k + 0
      else if (tl)  print tp + 0, tf + 0, tk + 0
      else if (mtp) print mp + 0, mf + 0, mk + 0
      else          print 0, 0, 0
    }'
)

if (( rc == 0 && passed + failed == 0 )); then
  echo "test.sh: error: no test ran" >&2
  rc=1
fi
if (( rc != 0 && failed == 0 )); then
  echo "test.sh: dotnet test exited with code $rc (build error or test host crash? see $LOG)" >&2
fi

echo
echo "$passed passed, $failed failed, $skipped skipped"
exit "$rc"
