#!/bin/sh
# Fuzzes the scenario loader for SECONDS (default 60) with libFuzzer, ASan and UBSan.
# Usage: fuzz/run.sh [seconds]. Exits non-zero if libFuzzer finds a crash, leak, hang or
# sanitizer report; the reproducer is left in build-fuzz/ (crash-*, timeout-*, oom-*).
# GIGATWIN_FUZZ_BUILD overrides the build folder.
set -eu
seconds=${1:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
build=${GIGATWIN_FUZZ_BUILD:-"$root/build-fuzz"}

# The "fuzz" preset of CMakePresets.json (clang, libFuzzer); GIGATWIN_FUZZ_BUILD moves its folder.
cd "$root"
cmake --preset fuzz -B "$build" >/dev/null
cmake --build "$build" --target scenario_fuzz -j "$(nproc 2>/dev/null || echo 2)"

corpus="$build/corpus"
mkdir -p "$corpus"
cp "$root"/scenarios/*.yaml "$corpus"/

cd "$build"
exec ./fuzz/scenario_fuzz -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -dict="$root/fuzz/scenario.dict" -print_final_stats=1 "$corpus"
