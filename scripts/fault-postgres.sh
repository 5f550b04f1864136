#!/usr/bin/env bash
# fault-postgres.sh — PostgreSQL restarted under the steady load with replies; one scenario of
# scripts/faults.sh (see there and docs/reliability.md).
#
#   scripts/fault-postgres.sh [--rate 50] [--seconds 60]
exec "$(dirname "${BASH_SOURCE[0]}")/faults.sh" "$@" postgres-restart
