#!/usr/bin/env bash
# fault-rabbitmq.sh — RabbitMQ restarted under the steady load with replies; one scenario of
# scripts/faults.sh (see there and docs/reliability.md).
#
#   scripts/fault-rabbitmq.sh [--rate 50] [--seconds 60]
exec "$(dirname "${BASH_SOURCE[0]}")/faults.sh" "$@" rabbitmq-restart
