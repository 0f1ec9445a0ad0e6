#!/usr/bin/env bash
# Quick start, part 2: install what is missing, build and run the whole test suite with ctest:
# the Release build, then the same tests under AddressSanitizer + UndefinedBehaviorSanitizer,
# then the scenario-loader fuzzer for a bounded time (GIGATWIN_FUZZ_SECONDS, default 60).
set -euo pipefail
cd "$(dirname "$0")"

source scripts/install-deps.sh

JOBS=$(nproc 2>/dev/null || echo 2)
CTEST_ARGS=(--output-on-failure -j "$JOBS" --timeout 600)
rm -f build/ctest.log build-asan/ctest.log

echo "== Release build and tests"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DGIGATWIN_BUILD_TESTS=ON >/dev/null
cmake --build build -j "$JOBS"
ctest --test-dir build "${CTEST_ARGS[@]}" | tee build/ctest.log

if [ "${GIGATWIN_SKIP_SANITIZERS:-0}" != "1" ]; then
  echo "== ASan + UBSan build and tests"
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGIGATWIN_SANITIZE=ON -DGIGATWIN_BUILD_TESTS=ON >/dev/null
  cmake --build build-asan -j "$JOBS"
  ASAN_OPTIONS=detect_leaks=1:detect_stack_use_after_return=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    GIGATWIN_SANITIZED_RUN=1 ctest --test-dir build-asan "${CTEST_ARGS[@]}" -LE slow | tee build-asan/ctest.log
fi

if [ "${GIGATWIN_SKIP_FUZZ:-0}" != "1" ]; then
  echo "== Fuzzing the scenario loader for ${GIGATWIN_FUZZ_SECONDS:-60} s"
  ./fuzz/run.sh "${GIGATWIN_FUZZ_SECONDS:-60}"
fi
# One closing line for the whole suite: the ctest runs' totals (the fuzzer adds none).
passed=0
for log in build/ctest.log build-asan/ctest.log; do
  [ -f "$log" ] || continue
  total=$(sed -n 's/.*tests failed out of \([0-9]*\).*/\1/p' "$log" | tail -n 1)
  passed=$((passed + ${total:-0}))
done
echo "== all tests passed"
echo "gigatwin: ${passed} passed, 0 failed"
