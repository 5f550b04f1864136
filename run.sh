#!/usr/bin/env bash
# run.sh — the one command that runs SupportPlatform locally (see AppHost/ and README):
# installs what is missing on a fresh Debian machine that has the .NET SDK (PostgreSQL, RabbitMQ,
# … through scripts/infra.sh; needs root for apt-get), then starts the AppHost, which starts
# private PostgreSQL/RabbitMQ instances with data in .data/, builds and starts every service,
# and prints their URLs. Ctrl+C stops the services. Arguments go to the AppHost (--help lists them).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

scripts/infra.sh install
# Build, then exec the AppHost itself rather than `dotnet run`: `dotnet run` does not forward a
# SIGINT/SIGTERM sent to its own pid, so `kill -INT <pid of run.sh>` would leave everything running.
# Exec'd, this script's pid is the AppHost, and Ctrl+C and kill both stop the services cleanly.
dotnet build AppHost -c Release --nologo -v q -clp:NoSummary
exec dotnet AppHost/bin/Release/net10.0/SupportPlatform.AppHost.dll "$@"
