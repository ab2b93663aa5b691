#!/usr/bin/env bash
# npm test: the layer rule, biome ci (lint + format), unit + integration tests (vitest) while the type check and then
# the production build run in the background, end-to-end tests (Playwright, real built app). docs/testing.md.
# Runs every step even when an earlier one fails, prints a summary, and ends with one plain line
# "N passed, M failed" (vitest + Playwright tests; a step that fails without failing a test, such as
# the typecheck, the layer check, biome ci, the build, a test file that does not load or a browser that cannot be
# found, counts as 1 failed).
# Exits non-zero when anything failed.
set -euo pipefail
cd "$(dirname "$0")/.."

results="$(mktemp -d "${TMPDIR:-/tmp}/liaison-test-all.XXXXXX")"
build_pid=""
# Stops the background build (below, a process group of its own) too if this script ends early.
trap '[ -n "$build_pid" ] && kill -- "-$build_pid" 2>/dev/null; rm -rf "$results"' EXIT
trap 'exit 130' INT TERM

passed=0
failed=0
summary=()
started=$SECONDS

step() {
  echo
  echo "==> $*"
}

# Reads "passed failed skipped" from a vitest or Playwright JSON report (0 0 0 when it is missing), and
# appends the failed tests' names to $failures (printed at the end: CI shows only the tail of the output).
failures="${TEST_FAILURES_FILE:-$results/failures.txt}"
: >"$failures"
count() {
  node scripts/test-report.mjs failures "$1" "$2" >>"$failures" || true
  node scripts/test-report.mjs count "$1" "$2"
}

# record NAME EXIT_CODE PASSED FAILED SKIPPED SECONDS
record() {
  local name=$1 rc=$2 p=$3 f=$4 s=$5 secs=$6
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  passed=$((passed + p))
  failed=$((failed + f))
  local status="ok"
  [ "$rc" -ne 0 ] && status="FAILED (exit $rc)"
  summary+=("$(printf '%-22s %-16s %5s passed %4s failed %4s skipped %5ss' "$name" "$status" "$p" "$f" "$s" "$secs")")
}

# ADR 048: under npm, node_modules/.bin (with the pinned Node 24) comes first on PATH.
step "runtime: node $(node --version) ($(command -v node))"

# ADR 027: the layer rule (components, pages, actions, server, lib import in one direction only).
step "layers: node scripts/check-layers.mjs"
t=$SECONDS
rc=0
node scripts/check-layers.mjs || rc=$?
record "layers" "$rc" 0 0 0 $((SECONDS - t))

# Formatting, lint and import order exactly as CI checks them; warnings fail too. Fix with
# `npx biome check --write <files>` (or `npm run format` for formatting alone).
step "lint and format: npx biome ci --error-on-warnings ."
t=$SECONDS
rc=0
npx biome ci --error-on-warnings . || rc=$?
record "biome ci" "$rc" 0 0 0 $((SECONDS - t))

# In the background while the unit and integration tests run, in a process group of its own: the type check, then the
# production build the end-to-end tests run against. ADR 041.
#  - The type check: `next typegen` writes the route types (.next/types, which tsconfig includes) as the build would,
#    then `tsc --noEmit` checks the whole project. Run alone before the tests, it kept the second core idle.
#  - The build (next build, when the sources changed) starts when the type check is done: both write .next/types. It
#    skips Next's own TypeScript pass (LIAISON_BUILD_TYPECHECKED=1, next.config.mjs): the same check of the same
#    tsconfig, ~25 s of one core.
step "in the background: the type check (next typegen, tsc --noEmit), then the production build (scripts/ensure-build.ts); output below, after the tests"
# Each step writes its output to NAME.log and "EXIT_CODE SECONDS" to NAME.rc, read after the tests.
setsid bash -c '
  results=$1
  run() {
    local name=$1 t=$SECONDS rc=0
    shift
    "$@" >"$results/$name.log" 2>&1 </dev/null || rc=$?
    echo "$rc $((SECONDS - t))" >"$results/$name.rc"
    return "$rc"
  }
  run typecheck bash -c "NEXT_TELEMETRY_DISABLED=1 node node_modules/next/dist/bin/next typegen && npx tsc --noEmit"
  LIAISON_BUILD_TYPECHECKED=1 run build node --conditions=react-server --import tsx scripts/ensure-build.ts
' background "$results" &
build_pid=$!

step "unit and integration tests: npx vitest run"
t=$SECONDS
rc=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$results/vitest.json" || rc=$?
read -r p f s < <(count vitest "$results/vitest.json")
record "vitest" "$rc" "$p" "$f" "$s" $((SECONDS - t))

step "type check: next typegen && npx tsc --noEmit (started before the tests above)"
build_rc=0
wait "$build_pid" || build_rc=$?
build_pid=""
cat "$results/typecheck.log"
read -r rc secs < <(cat "$results/typecheck.rc" 2>/dev/null || echo "1 0")
record "typecheck" "$rc" 0 0 0 "$secs"

step "production build for the end-to-end tests (started after the type check)"
cat "$results/build.log" 2>/dev/null || true
read -r rc secs < <(cat "$results/build.rc" 2>/dev/null || echo "1 0")
[ "$build_rc" -ne 0 ] && [ "$rc" -eq 0 ] && rc=$build_rc
build_rc=$rc
record "build" "$rc" 0 0 0 "$secs"

step "browser for the end-to-end tests: node scripts/ensure-chromium.mjs"
t=$SECONDS
rc=0
node scripts/ensure-chromium.mjs || rc=$?
record "chromium" "$rc" 0 0 0 $((SECONDS - t))

if [ "$rc" -eq 0 ] && [ "$build_rc" -eq 0 ]; then
  # Two Playwright processes at once, each on half of the specs with an app, database and mail sink of its own
  # (ADR 037); E2E_SHARDS=1 runs them in one. Beside them, the Datatracker cutover journey (issue 17: an app started
  # on a database the importer filled, no demo data), started when the first shard is done.
  step "end-to-end tests: node scripts/e2e-shards.mjs (npx playwright test --shard=i/N, each starting its own app; the Datatracker cutover, -c playwright.datatracker-import.config.ts, beside them)"
  t=$SECONDS
  rc=0
  node scripts/e2e-shards.mjs --json="$results/playwright.json" \
    --beside=playwright.datatracker-import.config.ts --beside-json="$results/playwright-import.json" || rc=$?
  secs=$((SECONDS - t))
  # One exit code for both runs: each report tells its own failures; a missing report counts as one, and so does a
  # failed exit that neither report explains (given to the shards).
  read -r p f s < <(count playwright "$results/playwright.json")
  read -r ipassed ifailed iskipped < <(count playwright "$results/playwright-import.json")
  [ -s "$results/playwright.json" ] || f=$((f + 1))
  [ -s "$results/playwright-import.json" ] || ifailed=$((ifailed + 1))
  if [ "$rc" -ne 0 ] && [ $((f + ifailed)) -eq 0 ]; then f=1; fi
  record "playwright" "$([ "$f" -eq 0 ] && echo 0 || echo "$rc")" "$p" "$f" "$s" "$secs"
  record "playwright (import)" "$([ "$ifailed" -eq 0 ] && echo 0 || echo "$rc")" "$ipassed" "$ifailed" "$iskipped" "$secs"
elif [ "$build_rc" -ne 0 ]; then
  echo "Skipping the end-to-end tests: the production build failed (see above)." >&2
  summary+=("$(printf '%-22s %s' "playwright" "NOT RUN (no build; counted as the build failure)")")
else
  echo "Skipping the end-to-end tests: no usable Chromium (see above)." >&2
  summary+=("$(printf '%-22s %s' "playwright" "NOT RUN (no browser; counted as the chromium failure)")")
fi

echo
echo "==> summary ($((SECONDS - started))s)"
printf '  %s\n' "${summary[@]}"
if [ -s "$failures" ]; then
  echo
  echo "==> failed tests"
  sed 's/^/  /' "$failures"
fi
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
