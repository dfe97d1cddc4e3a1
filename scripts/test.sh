#!/usr/bin/env bash
# `npm test`: every test of every project, against real PostgreSQL, Dovecot, SMTP and Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false NX_NO_CLOUD=true
bash scripts/ensure-system-deps.sh
npx nx run-many -t build --output-style=stream
npx nx run-many -t test --parallel=1 --output-style=stream
# Browser tests (playwright-core driving Debian's chromium against the built API and console).
npx nx run-many -t e2e --parallel=1 --output-style=stream
