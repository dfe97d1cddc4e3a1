#!/usr/bin/env bash
# The real servers the tests talk to, from Debian's packages: Dovecot (IMAP) for the email
# channel and Chromium for browser tests. Installs only what is missing; needs root and apt.
set -euo pipefail
missing=()
[ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd dovecot-lmtpd)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "Missing test dependencies: ${missing[*]}. Install them (Debian: apt-get install ${missing[*]}) and run again." >&2
  exit 1
fi
echo "Installing test dependencies: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
# A package install may start the system Dovecot; the tests run their own instance.
if command -v systemctl >/dev/null && systemctl is-active --quiet dovecot 2>/dev/null; then systemctl disable --now dovecot >/dev/null 2>&1 || true; fi
