#!/usr/bin/env bash
# npm test: the typecheck, the front end's build and the seeded stores the tests copy are made side by side (each
# mostly waits on one core), then the unit and integration run, then the e2e run in chromium. Each phase's time is
# printed; each test run ends with its per-file time table.
set -euo pipefail
cd "$(dirname "$0")/.."

PANTAU_TEST_TEMPLATES="$(mktemp -d "${TMPDIR:-/tmp}/pantau-run-templates-XXXXXX")"
export PANTAU_TEST_TEMPLATES
logs="$(mktemp -d "${TMPDIR:-/tmp}/pantau-test-logs-XXXXXX")"
trap 'rm -rf "$PANTAU_TEST_TEMPLATES" "$logs"' EXIT

started=$SECONDS
phase() { echo "== $1 ($((SECONDS - started)) s into npm test)"; }

# One step in the background, its output kept and shown if it fails.
step() {
  local name=$1
  shift
  if "$@" >"$logs/$name.log" 2>&1; then
    echo "   $name: done"
  else
    echo "   $name: FAILED"
    cat "$logs/$name.log"
    return 1
  fi
}

phase 'typecheck, build, seeded stores'
step typecheck npx tsc -p . & typecheck=$!
step build npx vite build & build=$!
step templates npx tsx scripts/test-templates.ts accounts demo & templates=$!
failed=0
for p in $typecheck $build $templates; do wait "$p" || failed=1; done
[ "$failed" = 0 ] || exit 1

phase 'unit and integration tests'
npx vitest run

phase 'e2e tests in chromium'
npx vitest run -c e2e/vitest.config.ts

phase "all passed"
