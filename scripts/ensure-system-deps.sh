#!/usr/bin/env bash
# The real servers the tests talk to, from Debian's packages: Dovecot (IMAP, and LMTP for the
# end-to-end mail loop) for the email channel, Chromium for browser tests, and HAProxy and a
# private redis-server for the deployment topology and the fault suite. Checks every file
# the tests run, not just one per server: a machine can have dovecot-imapd without
# dovecot-lmtpd, and then every email test fails on `service(lmtp) access(...lmtp) failed`.
# Installs only the packages of missing files (reinstalling one whose file was removed); needs
# root and apt.
#   --check   only report what is missing (exit 1 if anything is), install nothing
# SYSTEM_DEPS_ROOT (default: empty) looks for the files under another root and implies --check,
# for the script's own test.
set -euo pipefail
check_only=false
[ "${1:-}" = "--check" ] && check_only=true
root="${SYSTEM_DEPS_ROOT:-}"
[ -z "$root" ] || check_only=true

# file the tests need  ->  the Debian package that provides it
required=(
  "/usr/sbin/dovecot dovecot-core"
  "/usr/lib/dovecot/imap dovecot-imapd"
  "/usr/lib/dovecot/imap-login dovecot-imapd"
  "/usr/lib/dovecot/lmtp dovecot-lmtpd"
  "/usr/bin/chromium chromium"
  "/usr/lib/chromium/chromium chromium"
  "/usr/sbin/haproxy haproxy"
  "/usr/bin/redis-server redis-server"
)

missing=()
for entry in "${required[@]}"; do
  file="${entry%% *}"
  package="${entry##* }"
  if [ ! -x "$root$file" ]; then
    echo "missing $file (package $package)" >&2
    [[ " ${missing[*]-} " == *" $package "* ]] || missing+=("$package")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0
if $check_only; then
  echo "${missing[*]}"
  exit 1
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "Missing test dependencies: ${missing[*]}. Install them (Debian: apt-get install ${missing[*]}) and run again." >&2
  exit 1
fi

# A package that dpkg counts as installed but whose file is gone needs --reinstall: a plain
# install would answer "already the newest version" and leave the file missing.
fresh=()
broken=()
for package in "${missing[@]}"; do
  if [ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)" = "install ok installed" ]; then broken+=("$package"); else fresh+=("$package"); fi
done
echo "Installing test dependencies: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
[ ${#fresh[@]} -eq 0 ] || apt-get install -y -qq "${fresh[@]}" >/dev/null
[ ${#broken[@]} -eq 0 ] || apt-get install -y -qq --reinstall "${broken[@]}" >/dev/null
# A package install may start the system Dovecot, HAProxy or Redis; the tests run their own
# instances on ports of their own (a machine Redis that was already running is left alone).
if command -v systemctl >/dev/null; then
  for service in dovecot haproxy; do
    if systemctl is-active --quiet "$service" 2>/dev/null; then systemctl disable --now "$service" >/dev/null 2>&1 || true; fi
  done
fi
