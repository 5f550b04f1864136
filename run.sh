#!/usr/bin/env bash
# run.sh — the one command that runs SupportPlatform locally, under its .NET Aspire AppHost (AppHost/):
# PostgreSQL and RabbitMQ as containers, an SMTP catcher, every service, and the Aspire dashboard
# (logs, traces, metrics of every service). Needs a Debian 12 machine with the .NET 10 SDK, as root
# for the first run (it installs what is missing). Arguments go to the AppHost, e.g.
# `./run.sh --Replicas:inquiry=2`.
#
#   1. Debian packages: python3-aiosmtpd (the SMTP catcher), curl.
#   2. Images: the official ones when a registry answers, else (SUPPORTPLATFORM_IMAGES=local, and
#      on machines without a registry) deploy/images/prepare.sh starts a Docker engine if none
#      runs and builds local/postgres:15, local/rabbitmq:3.10 and local/dovecot:2.3 from Debian's
#      packages. The support mailbox (Dovecot, which has no official image here) runs when
#      local/dovecot:2.3 exists; with official images, `deploy/images/prepare.sh` builds it once.
#   3. Checks that the engine answers and the images exist, and says what is wrong if not: a
#      container resource whose engine is unusable would wait forever.
#   4. Builds the AppHost (and with it every service) and execs it. Its output ends with the
#      dashboard's URL and login token and every service URL.
# Ctrl+C or SIGTERM stops everything (services, SMTP catcher, containers) within seconds; data stays
# in the named volumes supportplatform-postgres / supportplatform-rabbitmq and in .data/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Aspire's orchestrator (DCP) needs a Docker CLI >= 25: the machine's 28.x at /usr/local/bin must
# come before Debian's 20.10 at /usr/bin.
export PATH="/usr/local/bin:$PATH"

say() { echo "run.sh: $*" >&2; }
die() { echo "run.sh: error: $*" >&2; exit 1; }

# ---------------------------------------------------------------- 1. packages
missing=()
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || missing+=(python3-aiosmtpd)
command -v curl >/dev/null || missing+=(curl)
if (( ${#missing[@]} )); then
  [[ "$(id -u)" == 0 ]] || die "missing ${missing[*]}: run once as root (it installs them with apt-get)"
  say "installing ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# ---------------------------------------------------------------- 2. engine and images
images="${SUPPORTPLATFORM_IMAGES:-auto}"
if [[ "$images" == auto ]]; then
  # The official images' registry answers 401 to an anonymous /v2/ when it is reachable.
  if [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 https://registry-1.docker.io/v2/ || true)" == 401 ]]; then
    images=official
  else
    images=local
  fi
fi
case "$images" in
  local)
    [[ -x deploy/images/prepare.sh ]] || die "deploy/images/prepare.sh is missing"
    deploy/images/prepare.sh --quiet || die "preparing the container engine and local images failed (output above)"
    export ContainerImages__Postgres=local/postgres:15 ContainerImages__RabbitMq=local/rabbitmq:3.10
    ;;
  official) ;;
  *) die "SUPPORTPLATFORM_IMAGES must be auto, local or official (was '$images')" ;;
esac

# ---------------------------------------------------------------- 3. check the engine
client="$(docker version --format '{{.Client.Version}}' 2>/dev/null || true)"
[[ -n "$client" ]] || die "no docker CLI on PATH"
(( ${client%%.*} >= 25 )) || die "the docker CLI on PATH is $client; Aspire needs >= 25 (put /usr/local/bin first)"
server="$(timeout 20 docker version --format '{{.Server.Version}}' 2>&1)" ||
  die "the container engine does not answer ($server); SUPPORTPLATFORM_IMAGES=local starts one with deploy/images/prepare.sh"
if [[ "$images" == local ]]; then
  for image in "$ContainerImages__Postgres" "$ContainerImages__RabbitMq" local/dovecot:2.3; do
    docker image inspect "$image" >/dev/null 2>&1 || die "image $image is missing after deploy/images/prepare.sh"
  done
fi
if docker image inspect local/dovecot:2.3 >/dev/null 2>&1; then
  export ContainerImages__Dovecot=local/dovecot:2.3
else
  say "no support mailbox (local/dovecot:2.3 is not built; deploy/images/prepare.sh builds it): emailed answers are off"
fi
say "engine $server, $images images"

# ---------------------------------------------------------------- 4. the AppHost
# The dashboard on fixed local ports, over plain HTTP (which Aspire allows only when told).
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:18888}"
export ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="${ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL:-http://127.0.0.1:18889}"
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
export DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Development}"

dotnet build AppHost -c Release --nologo -v q -clp:NoSummary
# exec, not `dotnet run`: `dotnet run` does not forward a SIGINT/SIGTERM sent to its own pid, so
# `kill <pid of run.sh>` would leave everything running. Exec'd, this script's pid is the AppHost.
exec dotnet AppHost/bin/Release/net10.0/SupportPlatform.AppHost.dll "$@"
