#!/usr/bin/env bash
# benchmark-servers.sh — the servers of the benchmarks (tests/Benchmarks, docs/benchmarks.md) as
# containers of the tests' images (scripts/lib/containers.sh), kept running between benchmark runs:
#
#   eval "$(scripts/benchmark-servers.sh up)"   # start them; prints the variables the benchmarks read
#   scripts/benchmark-servers.sh down           # remove them and their data
#
#   sp-bench-postgres       127.0.0.1:6440  durable (fsync and synchronous_commit on, as production):
#                                           the --postgres of the submission benchmarks
#   sp-bench-postgres-fast  127.0.0.1:6441  the tests' settings (fsync, synchronous_commit and
#                                           full_page_writes off): SUPPORTPLATFORM_TEST_POSTGRES, the
#                                           benchmarks' default
#   sp-bench-rabbitmq       127.0.0.1:6442  management 6443: SUPPORTPLATFORM_TEST_RABBITMQ(_MANAGEMENT)
# Both PostgreSQL servers: max_connections=400, shared_buffers=512MB. `up` also installs pgbench,
# the benchmarks' baseline. Loopback only.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
export PATH="/usr/local/bin:$PATH"
. scripts/lib/containers.sh
. scripts/lib/host-tools.sh
LABEL=benchmarks

case "${1:-}" in
  up)
    need_tools pgbench curl
    choose_server_images
    docker inspect sp-bench-postgres >/dev/null 2>&1 ||
      run_postgres sp-bench-postgres 6440 "$LABEL" -c shared_buffers=512MB
    docker inspect sp-bench-postgres-fast >/dev/null 2>&1 ||
      run_postgres sp-bench-postgres-fast 6441 "$LABEL" -c shared_buffers=512MB \
        -c fsync=off -c synchronous_commit=off -c full_page_writes=off
    docker inspect sp-bench-rabbitmq >/dev/null 2>&1 || run_rabbitmq sp-bench-rabbitmq 6442 6443 "$LABEL"
    echo "export SUPPORTPLATFORM_TEST_POSTGRES='Host=127.0.0.1;Port=6441;Username=postgres;Password=postgres'"
    echo "export SUPPORTPLATFORM_TEST_RABBITMQ='amqp://guest:guest@127.0.0.1:6442/'"
    echo "export SUPPORTPLATFORM_TEST_RABBITMQ_MANAGEMENT='http://guest:guest@127.0.0.1:6443/'"
    echo "# durable: --postgres 'Host=127.0.0.1;Port=6440;Username=postgres;Password=postgres'" ;;
  down) remove_containers "$LABEL" ;;
  *) sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
