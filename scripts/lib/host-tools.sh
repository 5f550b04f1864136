# scripts/lib/host-tools.sh — sourced, not run. The one list of Debian packages the repository's
# scripts need on the host (the servers themselves run in containers), and their install:
#
#   need_tools TOOL...    apt-get installs the packages of the tools that are missing; returns 1
#                         (apt's output in $HOST_TOOLS_LOG) if that fails. Nothing, not even
#                         `apt-get update`, when every tool is there.
#
# Tools: aiosmtpd (the SMTP servers of the tests and the fault suite, on /usr/bin/python3),
# chromium and cjk-fonts (browser tests: Hangul in pages and screenshots), kubectl (tests/Deploy.Tests
# render deploy/k8s with `kubectl kustomize`), curl (RabbitMQ's management API), pgbench (the
# benchmarks' baseline), dockerd and debootstrap (deploy/images/prepare.sh).

tool_present() {
  case "$1" in
    aiosmtpd) /usr/bin/python3 -c 'import aiosmtpd' ;;
    chromium) command -v chromium ;;
    cjk-fonts) dpkg -s fonts-noto-cjk ;;
    kubectl) command -v kubectl || command -v kustomize ;;
    curl) command -v curl ;;
    pgbench) command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench ;;
    dockerd) command -v dockerd ;;
    debootstrap) command -v debootstrap ;;
    *) echo "host-tools.sh: no tool '$1'" >&2; return 2 ;;
  esac >/dev/null 2>&1
}

tool_packages() {
  case "$1" in
    aiosmtpd) echo python3-aiosmtpd ;;
    # --no-install-recommends below: bring the fonts chromium only recommends.
    chromium) echo chromium fonts-liberation fonts-dejavu-core ;;
    cjk-fonts) echo fonts-noto-cjk ;;
    kubectl) echo kubernetes-client ;;
    curl) echo curl ca-certificates ;;
    pgbench) echo postgresql-client-15 ;;
    dockerd) echo docker.io ;;
    debootstrap) echo debootstrap ;;
  esac
}

need_tools() {
  local tool packages=()
  for tool in "$@"; do
    tool_present "$tool" || packages+=($(tool_packages "$tool"))
  done
  (( ${#packages[@]} )) || return 0
  local log="${HOST_TOOLS_LOG:-/tmp/supportplatform-apt.log}" rc=0
  echo "installing ${packages[*]} (log $log)" >&2
  # No package may start a system service (docker.io would): whoever needs a daemon starts it.
  local policy=/usr/sbin/policy-rc.d created_policy=0
  if [[ ! -e "$policy" ]]; then printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod 755 "$policy"; created_policy=1; fi
  { DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -q &&
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${packages[@]}"; } \
    >>"$log" 2>&1 || rc=$?
  if (( created_policy )); then rm -f "$policy"; fi
  (( rc == 0 )) || { tail -n 20 "$log" >&2; echo "apt-get install ${packages[*]} failed (log $log)" >&2; return 1; }
}
