#!/bin/bash
# Entrypoint of local/rabbitmq:3.10 (deploy/images/prepare.sh), a Debian-packaged stand-in for the
# official rabbitmq:3-management image where no registry can be reached. It honours
# RABBITMQ_DEFAULT_USER / RABBITMQ_DEFAULT_PASS (default guest/guest) and RABBITMQ_DEFAULT_VHOST,
# serves AMQP on 5672 and the management API on 15672, lets guest in from outside the container
# (loopback_users.guest = false, as the official image does) and logs to stdout, where
# Testcontainers' RabbitMqBuilder waits for "Server startup complete".
set -Eeuo pipefail

if [[ "${1:-}" != rabbitmq-server ]]; then
  exec "$@"
fi

if [[ "$(id -u)" == 0 ]]; then
  conf=/etc/rabbitmq/rabbitmq.conf
  {
    echo "loopback_users.guest = false"
    echo "listeners.tcp.default = 5672"
    echo "management.tcp.port = 15672"
    echo "default_user = ${RABBITMQ_DEFAULT_USER:-guest}"
    echo "default_pass = ${RABBITMQ_DEFAULT_PASS:-guest}"
    echo "default_vhost = ${RABBITMQ_DEFAULT_VHOST:-/}"
    echo "log.console = true"
    echo "log.console.level = info"
    echo "log.file = false"
  } >"$conf"
  chown rabbitmq:rabbitmq "$conf"
  chmod 600 "$conf"
  mkdir -p /var/lib/rabbitmq /var/log/rabbitmq
  chown -R rabbitmq:rabbitmq /var/lib/rabbitmq /var/log/rabbitmq
  exec setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups "${BASH_SOURCE[0]}" "$@"
fi

export HOME=/var/lib/rabbitmq
shift
# Debian's /usr/sbin/rabbitmq-server is a wrapper that re-launches itself through su; the real
# script keeps the broker as PID 1's direct child so `docker stop` reaches it.
exec /usr/lib/rabbitmq/bin/rabbitmq-server "$@"
