#!/usr/bin/env bash
# Quick start, part 1: install what is missing, build (Release), simulate the default
# gigafactory headless, write an HDF5 results file and print the KPIs. The build folder is the
# "release" preset of CMakePresets.json, shared with test.sh (the tests are built by test.sh).
set -euo pipefail
cd "$(dirname "$0")"

source scripts/install-deps.sh

JOBS=$(nproc 2>/dev/null || echo 2)
cmake --preset release >/dev/null
cmake --build --preset release -j "$JOBS" --target gigatwin gigatwin-gui

mkdir -p results
out="results/gigafactory-$(date +%Y%m%d-%H%M%S).h5"
./build/cli/gigatwin run scenarios/gigafactory.yaml --out "$out" "$@"
