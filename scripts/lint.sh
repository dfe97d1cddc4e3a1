#!/usr/bin/env bash
# `npm run lint`: the projects' boundary checks, then ESLint over the Node code, ESLint over the
# browser apps and Prettier side by side (each ESLint run builds only its own TypeScript programs,
# so two cores share the work). Fails if any of them fails.
set -uo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false NX_NO_CLOUD=true
# Also writes the project graph that ESLint's module-boundaries rule reads.
log="$(mktemp)"
npx nx run-many -t lint --output-style=static >"$log" 2>&1 || { cat "$log"; rm -f "$log"; exit 1; }
rm -f "$log"
npx eslint --max-warnings=0 --cache --cache-strategy content --cache-location node_modules/.cache/eslint-node/ apps/api libs bench tools apps/console/e2e eslint.config.js jest.preset.cjs &
node_code=$!
npx eslint --max-warnings=0 --cache --cache-strategy content --cache-location node_modules/.cache/eslint-browser/ --ignore-pattern "apps/console/e2e/**" apps/console apps/widget &
browser_apps=$!
# The caches (node_modules/.cache) are keyed by file content, so a repeat run checks only what
# changed; a clean clone (CI) has none and checks everything.
npx prettier --check . --log-level warn --cache --cache-strategy content &
prettier=$!
status=0
for pid in "$node_code" "$browser_apps" "$prettier"; do wait "$pid" || status=1; done
[ "$status" = 0 ] && echo "lint: module boundaries, ESLint and Prettier pass"
exit "$status"
