#!/usr/bin/env bash
# Quick start, part 2: install what is missing, build and run the whole test suite with ctest:
# the Release build, then the same tests (but the desktop app's) under AddressSanitizer +
# UndefinedBehaviorSanitizer,
# then the fuzzers of the scenario loader, the plant log reader and the live twin's messages and
# state files, each for a bounded time
# (GIGATWIN_FUZZ_SECONDS, default 20).
# GIGATWIN_SKIP_SANITIZERS=1 and GIGATWIN_SKIP_FUZZ=1 shorten a local run. The build folders and
# their settings are the presets in CMakePresets.json, shared with run.sh and fuzz/run.sh.
# The last line sums every stage: "gigatwin: N passed, M failed, K skipped"; the exit code is
# non-zero if any stage failed.
set -uo pipefail
cd "$(dirname "$0")"

source scripts/install-deps.sh || exit 1
# The installer sets -e for itself; here a failing stage must not stop the others or the
# closing line.
set +e

JOBS=$(nproc 2>/dev/null || echo 2)
CTEST_ARGS=(--output-on-failure -j "$JOBS" --timeout 600)
passed=0
failed=0
skipped=0
status=0

# Runs one build's ctest and adds its totals; a build or ctest that fails counts as failed.
run_suite() {
  local preset=$1 dir=$2
  shift 2
  if ! { cmake --preset "$preset" >/dev/null && cmake --build --preset "$preset" -j "$JOBS"; }; then
    echo "== the $preset build failed"
    failed=$((failed + 1))
    status=1
    return
  fi
  rm -f "$dir/ctest.log"
  "$@" ctest --test-dir "$dir" "${CTEST_ARGS[@]}" | tee "$dir/ctest.log"
  local code=${PIPESTATUS[0]}
  local line total bad skip
  line=$(grep -E "tests passed, [0-9]+ tests failed out of [0-9]+" "$dir/ctest.log" | tail -n 1)
  # ctest counts a skipped case (exit code 77, say) among those that did not fail.
  skip=$(grep -cE "^[[:space:]]*[0-9]+ - .*\(Skipped\)" "$dir/ctest.log")
  total=$(sed -n 's/.*tests failed out of \([0-9]*\).*/\1/p' <<<"$line")
  bad=$(sed -n 's/.* \([0-9]*\) tests failed out of.*/\1/p' <<<"$line")
  if [ -z "$total" ]; then
    echo "== ctest of $preset printed no totals"
    failed=$((failed + 1))
    status=1
    return
  fi
  passed=$((passed + total - bad - skip))
  failed=$((failed + bad))
  skipped=$((skipped + skip))
  if [ "$code" -ne 0 ] || [ "$bad" -ne 0 ]; then status=1; fi
}

echo "== Release build and tests"
run_suite release build

if [ "${GIGATWIN_SKIP_SANITIZERS:-0}" != "1" ]; then
  echo "== ASan + UBSan build and tests"
  run_suite asan build-asan env ASAN_OPTIONS=detect_leaks=1:detect_stack_use_after_return=0 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
fi

if [ "${GIGATWIN_SKIP_FUZZ:-0}" != "1" ]; then
  for target in scenario plant_log live; do
    echo "== Fuzzing the ${target} parser for ${GIGATWIN_FUZZ_SECONDS:-20} s"
    if ./fuzz/run.sh "${GIGATWIN_FUZZ_SECONDS:-20}" "$target"; then
      passed=$((passed + 1))
    else
      echo "== the ${target} fuzzer found a problem (reproducer in build-fuzz/)"
      failed=$((failed + 1))
      status=1
    fi
  done
fi

# One closing line for the whole suite: every ctest case of both builds, and each fuzzer as one.
if [ "$status" -eq 0 ]; then echo "== all tests passed"; else echo "== FAILURES: see above"; fi
echo "gigatwin: ${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
