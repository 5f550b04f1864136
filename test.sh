#!/usr/bin/env bash
# test.sh — the one test command: makes sure the tests can get their servers, then runs
# `dotnet test` on the solution and prints one closing line `N passed, N failed, N skipped`.
#
#   ./test.sh                                   # everything
#   ./test.sh --filter "FullyQualifiedName~Tickets"   # extra args go to `dotnet test`
#
# Servers: each test assembly starts its own PostgreSQL and RabbitMQ containers through
# Testcontainers (tests/Testing/TestContainers.cs) and gives every test class its own database and
# vhost. This script only makes sure a container engine and the images are there
# (scripts/lib/containers.sh, which the fault suite, fuzzing and benchmarks use too):
#   - the images named by SUPPORTPLATFORM_TEST_POSTGRES_IMAGE / _RABBITMQ_IMAGE if you set them;
#   - else the official postgres:15 / rabbitmq:3.13-management if the engine already has them;
#   - else deploy/images/prepare.sh (installs docker.io, starts dockerd, builds local/postgres:15 and
#     local/rabbitmq:3.10 from Debian packages; no registry needed) and those local images.
# Testcontainers is told what this engine needs (DOCKER_API_VERSION=1.41, no Ryuk, 127.0.0.1); the
# run's containers carry the label org.supportplatform.test-run=<run id>; their starts are logged
# and any still there at the end are removed.
# SMTP tests start their own aiosmtpd; browser tests drive Debian's chromium (installed, with the
# other host tools, from the one list in scripts/lib/host-tools.sh).
# Point the tests at existing servers instead by setting SUPPORTPLATFORM_TEST_POSTGRES and
# SUPPORTPLATFORM_TEST_RABBITMQ + _RABBITMQ_MANAGEMENT (then no container is started for them), and
# _SMTP_PYTHON / _CHROMIUM for the other tools. How long what takes: docs/testing.md.
# Log: TestResults/test.log (or $SUPPORTPLATFORM_TEST_LOG).

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT="$PWD"

export SUPPORTPLATFORM_DATA="${SUPPORTPLATFORM_DATA:-/var/tmp/supportplatform}"
# Aspire's DCP and these scripts want the Docker 28 CLI, not Debian's 20.10 one in /usr/bin.
export PATH="/usr/local/bin:$PATH"

LOG="${SUPPORTPLATFORM_TEST_LOG:-$ROOT/TestResults/test.log}"
mkdir -p "$(dirname "$LOG")"
: >"$LOG"
note() { echo "test.sh: $*" | tee -a "$LOG" >&2; }

. scripts/lib/host-tools.sh
. scripts/lib/containers.sh

# Tools the tests run themselves (not the servers).
HOST_TOOLS_LOG="$LOG" need_tools aiosmtpd chromium cjk-fonts kubectl ||
  { echo "test.sh: error: installing the tests' tools failed (see $LOG)" >&2; echo "0 passed, 0 failed"; exit 1; }
export SUPPORTPLATFORM_TEST_SMTP_PYTHON="${SUPPORTPLATFORM_TEST_SMTP_PYTHON:-/usr/bin/python3}"
if [[ -z "${SUPPORTPLATFORM_TEST_CHROMIUM:-}" ]]; then
  SUPPORTPLATFORM_TEST_CHROMIUM="$(command -v chromium || true)"
  [[ -n "$SUPPORTPLATFORM_TEST_CHROMIUM" ]] || { echo "test.sh: error: chromium not found after install" >&2; exit 1; }
  export SUPPORTPLATFORM_TEST_CHROMIUM
fi

# Chromium fails a page load in flight with ERR_NETWORK_CHANGED whenever an address comes or goes
# on the host, and the IPv6 link-local address the kernel gives each container's veth is one: a
# container started by one test class broke another's browser test. Interfaces created from now on
# get no link-local address (addr_gen_mode 1); lo and the machine's own interfaces keep theirs.
if [[ "$(cat /proc/sys/net/ipv6/conf/default/addr_gen_mode 2>/dev/null || echo 1)" == 0 ]]; then
  sysctl -qw net.ipv6.conf.default.addr_gen_mode=1 2>>"$LOG" ||
    note "could not stop link-local addresses on new interfaces; browser tests may see ERR_NETWORK_CHANGED"
fi

needs_containers=0
[[ -n "${SUPPORTPLATFORM_TEST_POSTGRES:-}" ]] || needs_containers=1
[[ -n "${SUPPORTPLATFORM_TEST_RABBITMQ:-}" && -n "${SUPPORTPLATFORM_TEST_RABBITMQ_MANAGEMENT:-}" ]] || needs_containers=1

events_pid=""
RUN_ID=""
finish_containers() {
  if [[ -n "$RUN_ID" ]]; then
    # The test hosts stop their containers as they exit; one that crashed or was killed
    # (blame-hang) leaves its containers behind, and without Ryuk nobody else removes them.
    local left
    left="$(docker ps -aq --filter "label=org.supportplatform.test-run=$RUN_ID" 2>/dev/null || true)"
    if [[ -n "$left" ]]; then
      note "removing containers left by this run: $(echo $left)"
      # shellcheck disable=SC2086
      docker rm -f -v $left >/dev/null 2>&1 || true
    fi
  fi
  if [[ -n "$events_pid" ]]; then kill "$events_pid" 2>/dev/null || true; wait "$events_pid" 2>/dev/null || true; fi
}
trap finish_containers EXIT

# tests/Platform.Tests start the real AppHost, whose PostgreSQL and RabbitMQ are containers too:
# the official images where the engine has them, else the local ones (as run.sh chooses). Set
# ContainerImages__Postgres / ContainerImages__RabbitMq yourself to use others.
if [[ -z "${ContainerImages__Postgres:-}" || -z "${ContainerImages__RabbitMq:-}" ]] && ! official_images_present; then
  "$ROOT/deploy/images/prepare.sh" --quiet
  export ContainerImages__Postgres="${ContainerImages__Postgres:-local/postgres:15}"
  export ContainerImages__RabbitMq="${ContainerImages__RabbitMq:-local/rabbitmq:3.10}"
fi

if (( needs_containers )); then
  setup_started=$SECONDS
  choose_server_images
  note "container engine and images ready in $(( SECONDS - setup_started )) s: postgres $SUPPORTPLATFORM_TEST_POSTGRES_IMAGE, rabbitmq $SUPPORTPLATFORM_TEST_RABBITMQ_IMAGE"
  # The AppHost's support mailbox (tests/Platform.Tests answer an email through it), as run.sh names it.
  export ContainerImages__Dovecot="${ContainerImages__Dovecot:-$SUPPORTPLATFORM_TEST_DOVECOT_IMAGE}"
  # Debian's Docker 20.10 speaks API 1.41; Ryuk's image cannot be pulled here (the EXIT trap and
  # the test hosts remove the containers instead); loopback, not the bridge gateway.
  export DOCKER_API_VERSION="${DOCKER_API_VERSION:-1.41}"
  export TESTCONTAINERS_RYUK_DISABLED="${TESTCONTAINERS_RYUK_DISABLED:-true}"
  export TESTCONTAINERS_HOST_OVERRIDE="${TESTCONTAINERS_HOST_OVERRIDE:-127.0.0.1}"
  RUN_ID="$(date -u +%Y%m%dT%H%M%SZ)-$$"
  export SUPPORTPLATFORM_TEST_RUN_ID="$RUN_ID"
  # The log shows every container the run starts and removes.
  docker events --filter type=container --filter "label=org.supportplatform.test-run=$RUN_ID" \
      --filter event=start --filter event=destroy \
      --format '{{.Action}} {{.Actor.Attributes.image}} {{.Actor.Attributes.name}} {{.Actor.ID}}' \
      2>/dev/null > >(while read -r line; do echo "testcontainers: $(date -u +%H:%M:%S) $line"; done >>"$LOG") &
  events_pid=$!
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# Classic per-assembly summary lines ("Passed!  - Failed: 0, Passed: 12, ..."), which we sum below.
export MSBUILDTERMINALLOGGER=off

SOLUTION=""
for s in SupportPlatform.sln SupportPlatform.slnx; do
  if [[ -f "$s" ]]; then SOLUTION="$s"; break; fi
done
[[ -n "$SOLUTION" ]] || { echo "test.sh: error: no SupportPlatform.sln(x) in $ROOT" >&2; echo "0 passed, 0 failed"; exit 1; }

extra=()
# A hung test must not eat CI's whole time budget: VSTest's blame-hang kills the test host
# and names the hanging test. SUPPORTPLATFORM_TEST_HANG_TIMEOUT= (empty) disables it.
hang="${SUPPORTPLATFORM_TEST_HANG_TIMEOUT-15m}"
if [[ -n "$hang" ]] && ! grep -q 'Microsoft.Testing.Platform' global.json 2>/dev/null; then
  extra+=(--blame-hang-timeout "$hang" --blame-hang-dump-type none)
fi

set +e
dotnet test "$SOLUTION" -c Release "${extra[@]}" "$@" </dev/null 2>&1 | tee -a "$LOG"
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
