#!/usr/bin/env bash
# Quick start, part 1: install what is missing, build (Release), simulate the default
# gigafactory headless, write an HDF5 results file and print the KPIs.
set -euo pipefail
cd "$(dirname "$0")"

source scripts/install-deps.sh

JOBS=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DGIGATWIN_BUILD_TESTS=OFF >/dev/null
cmake --build build -j "$JOBS"

mkdir -p results
out="results/gigafactory-$(date +%Y%m%d-%H%M%S).h5"
./build/cli/gigatwin run scenarios/gigafactory.yaml --out "$out" "$@"
