#!/bin/sh
# Fuzzes a parser of outside input for SECONDS (default 60) with libFuzzer, ASan and UBSan:
# TARGET scenario (the scenario loader and the optimisation file's, the default), plant_log (the plant event log reader) or
# live (the live twin's messages, the plant state reader, the twin's checkpoint).
# Usage: fuzz/run.sh [seconds] [target]. Exits non-zero if libFuzzer finds a crash, leak, hang
# or sanitizer report; the reproducer is left in build-fuzz/ (crash-*, timeout-*, oom-*).
# GIGATWIN_FUZZ_BUILD overrides the build folder.
set -eu
seconds=${1:-60}
target=${2:-scenario}
root=$(cd "$(dirname "$0")/.." && pwd)
build=${GIGATWIN_FUZZ_BUILD:-"$root/build-fuzz"}

# The "fuzz" preset of CMakePresets.json (clang, libFuzzer); GIGATWIN_FUZZ_BUILD moves its folder.
cd "$root"
cmake --preset fuzz -B "$build" >/dev/null
cmake --build "$build" --target "${target}_fuzz" -j "$(nproc 2>/dev/null || echo 2)"

corpus="$build/corpus-$target"
mkdir -p "$corpus"
case "$target" in
  scenario)
    cp "$root"/scenarios/*.yaml "$root"/fuzz/optimise_seed.yaml "$corpus"/
    dict="-dict=$root/fuzz/scenario.dict" ;;
  plant_log)
    cp "$root"/fuzz/plant_log_seed.csv "$root"/fuzz/plant_log_seed.jsonl "$corpus"/
    dict="" ;;
  live)
    cp "$root"/fuzz/live_seed.jsonl "$root"/fuzz/live_seed_state.json "$root"/fuzz/live_seed_checkpoint.json "$corpus"/
    dict="" ;;
  *)
    echo "fuzz/run.sh: unknown target '$target' (expected scenario, plant_log or live)" >&2
    exit 2 ;;
esac

cd "$build"
# shellcheck disable=SC2086 # $dict is one option or none
exec ./fuzz/"${target}_fuzz" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  $dict -print_final_stats=1 "$corpus"
