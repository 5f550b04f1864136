#!/bin/bash
# Entrypoint of local/dovecot:2.3 (deploy/images/prepare.sh), a Debian-packaged IMAP server for the
# support mailbox of tests and local runs. One account, MAIL_USER / MAIL_PASSWORD (default
# support/support), plain IMAP on 143 without TLS (loopback only), Maildir under /var/mail, and
# logs on stderr, where Testcontainers waits for "starting up for imap".
set -Eeuo pipefail

if [[ "${1:-}" != dovecot ]]; then
  exec "$@"
fi

user="${MAIL_USER:-support}"
password="${MAIL_PASSWORD:-support}"
printf '%s:{PLAIN}%s\n' "$user" "$password" >/etc/dovecot/users
chown root:dovecot /etc/dovecot/users
chmod 640 /etc/dovecot/users
mkdir -p "/var/mail/$user"
chown -R vmail:vmail "/var/mail/$user"
exec "$@"
