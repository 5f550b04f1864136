#!/usr/bin/env bash
# deploy/images/prepare.sh — make a container engine and the local server images available on a
# Debian 12 machine (as root) where no container registry can be reached.
#
#   deploy/images/prepare.sh [--quiet]
#
# Idempotent; every step is skipped when its result is already there:
#   1. apt-get install docker.io and debootstrap (apt-get update first) if missing;
#   2. if no engine answers on the default socket, start dockerd in the background (there is no
#      systemd): data root $SUPPORTPLATFORM_DATA/docker/data, port bindings on 127.0.0.1 by
#      default (--ip), socket /var/run/docker.sock, an HTTP(S) proxy on a dead loopback port so
#      that no pull ever leaves the machine, log $SUPPORTPLATFORM_DATA/docker/dockerd.log;
#      it keeps running after this script ends;
#   3. build the images that are missing (or whose recipe changed) from Debian's packages:
#        local/postgres:15     postgresql-15, entrypoint deploy/images/postgres-entrypoint.sh
#        local/rabbitmq:3.10   rabbitmq-server + management plugin, deploy/images/rabbitmq-entrypoint.sh
#        local/dovecot:2.3     dovecot-imapd, the support mailbox, deploy/images/dovecot-entrypoint.sh
#      each from a cached `debootstrap --variant=minbase bookworm` root filesystem
#      ($SUPPORTPLATFORM_DATA/images/bookworm-minbase.tar, from the Debian mirror apt uses) with
#      the server chroot-installed, then `docker import`.
# The entrypoints honour the official images' variables (POSTGRES_USER/PASSWORD/DB, init scripts,
# PGDATA; RABBITMQ_DEFAULT_USER/PASS), so Testcontainers and Aspire use them like the official ones.
# Use the Docker 28 CLI at /usr/local/bin (Aspire refuses Debian's 20.10 CLI); this daemon speaks
# API 1.41, so Testcontainers needs DOCKER_API_VERSION=1.41.
# Setup from nothing takes about 2.5 minutes (most of it debootstrap); afterwards a few seconds.
set -euo pipefail

QUIET=0
for arg in "$@"; do
  case "$arg" in
    --quiet|-q) QUIET=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "prepare.sh: error: unknown argument '$arg' (only --quiet)" >&2; exit 2 ;;
  esac
done

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DATA="${SUPPORTPLATFORM_DATA:-/var/tmp/supportplatform}"
DOCKER_DIR="$DATA/docker"
IMAGES_DIR="$DATA/images"
ROOTFS_TAR="$IMAGES_DIR/bookworm-minbase.tar"
DEAD_PROXY="http://127.0.0.1:9"   # discard port: nothing listens, so every pull fails at once
export PATH="/usr/local/bin:$PATH"
export DEBIAN_FRONTEND=noninteractive

say() { if (( ! QUIET )); then echo "prepare.sh: $*" >&2; fi; }
die() { echo "prepare.sh: error: $*" >&2; exit 1; }

[[ "$(id -u)" == 0 ]] || die "run as root (it installs packages and starts dockerd)"
mkdir -p "$DOCKER_DIR" "$IMAGES_DIR"

# One preparer at a time (test.sh and run.sh may start together).
exec 9>"$IMAGES_DIR/.prepare.lock"
flock 9

# ---------------------------------------------------------------- 1. packages
# The repository's one list of host packages; it keeps any package from starting a service.
. "$HERE/../../scripts/lib/host-tools.sh"
HOST_TOOLS_LOG="$IMAGES_DIR/apt.log" need_tools dockerd debootstrap || die "installing docker.io and debootstrap failed"
command -v docker >/dev/null || die "no docker CLI on PATH"

# ---------------------------------------------------------------- 2. engine
engine_answers() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

if ! engine_answers; then
  pidfile=/var/run/docker.pid
  if [[ -s "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    say "dockerd (pid $(cat "$pidfile")) is starting; waiting for it"
  else
    rm -f "$pidfile"
    say "starting dockerd (data root $DOCKER_DIR/data, log $DOCKER_DIR/dockerd.log)"
    # setsid: the daemon outlives this script and the shell that called it; 9>&-: it must not
    # inherit (and hold forever) the preparers' lock.
    HTTP_PROXY="$DEAD_PROXY" HTTPS_PROXY="$DEAD_PROXY" http_proxy="$DEAD_PROXY" https_proxy="$DEAD_PROXY" \
    NO_PROXY= no_proxy= \
      setsid /usr/sbin/dockerd \
        --data-root "$DOCKER_DIR/data" \
        --ip 127.0.0.1 \
        --host unix:///var/run/docker.sock \
        --pidfile "$pidfile" \
        </dev/null >>"$DOCKER_DIR/dockerd.log" 2>&1 9>&- &
  fi
  for _ in $(seq 1 120); do
    engine_answers && break
    sleep 0.5
  done
  engine_answers || { tail -n 30 "$DOCKER_DIR/dockerd.log" >&2 || true; die "dockerd did not answer within 60 s"; }
fi
say "engine: $(docker version --format 'server {{.Server.Version}} (API {{.Server.APIVersion}})')"

# ---------------------------------------------------------------- 3. images
# The Debian mirrors apt uses (deb822 .sources or one-line sources.list), so the images get the
# same packages as the host, through the same network path.
apt_uris() {
  {
    cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '/^URIs:/ { for (i = 2; i <= NF; i++) print $i }' || true
    cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
      awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; break } }' || true
  } | sed 's#/*$##'
}
MIRROR="$(apt_uris | grep -E '/debian$' | head -n 1 || true)"
SECURITY_MIRROR="$(apt_uris | grep -E '/debian-security$' | head -n 1 || true)"
MIRROR="${MIRROR:-http://deb.debian.org/debian}"
# apt's own proxy, if it has one, serves debootstrap and the chroot too.
APT_PROXY="$(apt-config shell P Acquire::http::Proxy 2>/dev/null | sed -n "s/^P='\(.*\)'$/\1/p")"
if [[ -n "$APT_PROXY" ]]; then export http_proxy="$APT_PROXY"; fi

# The recipe's fingerprint (entrypoint, packages, chroot setup, image settings) rides in each
# image's environment; a changed recipe rebuilds the image on the next run.
recipe_hash() { { cat "$HERE/$1"; shift; printf '%s\n' "$@"; } | sha256sum | cut -c1-16; }
image_current() {
  docker image inspect --format '{{range .Config.Env}}{{println .}}{{end}}' "$1" 2>/dev/null |
    grep -qx "SUPPORTPLATFORM_IMAGE_RECIPE=$2"
}

WORK=""
cleanup() {
  if [[ -n "$WORK" && -d "$WORK" ]]; then
    umount "$WORK/root/proc" 2>/dev/null || true
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT

ensure_rootfs() {
  [[ -s "$ROOTFS_TAR" ]] && return
  say "debootstrap --variant=minbase bookworm from $MIRROR (about 1.5 minutes)"
  local tmp="$IMAGES_DIR/rootfs.tmp"
  rm -rf "$tmp"
  debootstrap --variant=minbase bookworm "$tmp" "$MIRROR" >"$IMAGES_DIR/debootstrap.log" 2>&1 ||
    { tail -n 20 "$IMAGES_DIR/debootstrap.log" >&2; die "debootstrap failed (log $IMAGES_DIR/debootstrap.log)"; }
  {
    echo "deb $MIRROR bookworm main"
    echo "deb $MIRROR bookworm-updates main"
    if [[ -n "$SECURITY_MIRROR" ]]; then echo "deb $SECURITY_MIRROR bookworm-security main"; fi
  } >"$tmp/etc/apt/sources.list"
  rm -rf "$tmp"/var/cache/apt/archives/*.deb
  tar -C "$tmp" --numeric-owner -cf "$ROOTFS_TAR.tmp" .
  mv "$ROOTFS_TAR.tmp" "$ROOTFS_TAR"
  rm -rf "$tmp"
}

# build_image NAME ENTRYPOINT_FILE "PACKAGES" "SETUP COMMANDS IN CHROOT" --change ...
build_image() {
  local name="$1" entrypoint="$2" packages="$3" setup="$4"
  shift 4
  local hash
  hash="$(recipe_hash "$entrypoint" "$packages" "$setup" "$@")"
  if image_current "$name" "$hash"; then
    say "image $name is present"
    return
  fi
  ensure_rootfs
  say "building $name ($packages)"
  local started=$SECONDS
  WORK="$(mktemp -d "$IMAGES_DIR/build.XXXXXX")"
  local root="$WORK/root"
  mkdir -p "$root"
  tar -C "$root" --numeric-owner -xf "$ROOTFS_TAR"
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  if [[ -n "$APT_PROXY" ]]; then echo "Acquire::http::Proxy \"$APT_PROXY\";" >"$root/etc/apt/apt.conf.d/99proxy"; fi
  # No service may start inside the chroot.
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
  chmod +x "$root/usr/sbin/policy-rc.d"
  mount -t proc proc "$root/proc"
  chroot "$root" /bin/bash -euo pipefail -c "
    export DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends $packages
    $setup
    apt-get clean
  " >"$WORK/build.log" 2>&1 || { tail -n 30 "$WORK/build.log" >&2; die "building $name failed"; }
  umount "$root/proc"
  rm -rf "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/* "$root"/usr/share/man/* \
    "$root/usr/sbin/policy-rc.d" "$root/etc/apt/apt.conf.d/99proxy"
  : >"$root/etc/resolv.conf"
  install -m 0755 "$HERE/$entrypoint" "$root/usr/local/bin/docker-entrypoint.sh"
  local replaced
  replaced="$(docker image inspect --format '{{.Id}}' "$name" 2>/dev/null || true)"
  tar -C "$root" --numeric-owner -c . |
    docker import --change 'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]' \
      --change "ENV SUPPORTPLATFORM_IMAGE_RECIPE=$hash" --change 'ENV LANG=C.UTF-8' "$@" - "$name" >/dev/null
  if [[ -n "$replaced" ]]; then docker rmi "$replaced" >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
  WORK=""
  say "built $name in $(( SECONDS - started )) s"
}

build_image local/postgres:15 postgres-entrypoint.sh "postgresql-15" \
  "rm -rf /var/lib/postgresql/15/main /etc/postgresql/15/main" \
  --change 'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV PGDATA=/var/lib/postgresql/data' \
  --change 'VOLUME /var/lib/postgresql/data' \
  --change 'EXPOSE 5432' \
  --change 'CMD ["postgres"]'

build_image local/rabbitmq:3.10 rabbitmq-entrypoint.sh "rabbitmq-server" \
  "rabbitmq-plugins enable --offline rabbitmq_management >/dev/null
   rm -rf /var/lib/rabbitmq/mnesia /var/lib/rabbitmq/.erlang.cookie" \
  --change 'ENV RABBITMQ_LOGS=-' \
  --change 'EXPOSE 4369 5671 5672 15671 15672 25672' \
  --change 'CMD ["rabbitmq-server"]'

# The support mailbox (issue 21): IMAP with IDLE, one passwd-file account, Maildir.
build_image local/dovecot:2.3 dovecot-entrypoint.sh "dovecot-imapd" \
  "useradd --system --uid 5000 --user-group --home-dir /var/mail --no-create-home vmail
   rm -f /etc/dovecot/conf.d/*.conf
   cat >/etc/dovecot/dovecot.conf <<'CONF'
protocols = imap
listen = *
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:/var/mail/%u
first_valid_uid = 5000
log_path = /dev/stderr
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u /etc/dovecot/users
}
userdb {
  driver = static
  args = uid=vmail gid=vmail home=/var/mail/%u
}
protocol imap {
  mail_max_userip_connections = 100
}
CONF" \
  --change 'EXPOSE 143' \
  --change 'CMD ["dovecot", "-F"]'

say "ready: local/postgres:15, local/rabbitmq:3.10, local/dovecot:2.3"
