#!/usr/bin/env python3
"""Simulation optimisation's figures (docs/BENCHMARKS.md, "Optimisation"): how often the search
finds the known optimum of tests/data/jackson-machines.yaml (the fewest machines of a Jackson line
with every mean wait under 25 s: 4, 5 and 3, from Erlang C) within a budget, over independent
seeds, and how many candidates a second it evaluates on 2 processes.

Usage: /usr/bin/python3 bench/optimise_bench.py [path/to/gigatwin] [seeds]   (default 20 seeds;
about 2 minutes on 2 cores)."""
import os
import subprocess
import sys
import tempfile
import time

import h5py

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GIGATWIN = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build/cli/gigatwin")
SEEDS = int(sys.argv[2]) if len(sys.argv) > 2 else 20
PROBLEM = os.path.join(ROOT, "tests/data/jackson-machines.yaml")
LINE = os.path.join(ROOT, "tests/data/jackson-line.yaml")

with tempfile.TemporaryDirectory(prefix="optimise-bench-") as d:
    text = open(PROBLEM).read().replace("scenario: jackson-line.yaml", f"scenario: {LINE}")
    print(f"known optimum (4, 5, 3) of {PROBLEM} (7^3 = 343 candidates, 3 replications each), {SEEDS} seeds, -j 2")
    for budget in (40, 80, 150):
        path = os.path.join(d, f"b{budget}.yaml")
        with open(path, "w") as f:
            f.write(text.replace("evaluations: 150", f"evaluations: {budget}"))
        found, wall, evaluated = 0, 0.0, 0
        for seed in range(1, SEEDS + 1):
            out = os.path.join(d, "o.h5")
            start = time.monotonic()
            r = subprocess.run([GIGATWIN, "optimize", path, "-o", out, "--force", "-j", "2", "-q",
                                "--seed", str(seed)], capture_output=True, text=True)
            wall += time.monotonic() - start
            if r.returncode != 0:
                sys.exit(r.stderr)
            with h5py.File(out, "r") as h:
                rows = h["optimisation/candidates"][()]
                front = h["optimisation/front"][()]["candidate"]
            evaluated += len(rows)
            if len(front) and tuple(int(rows[front[0]]["var:" + s]) for s in "abc") == (4, 5, 3):
                found += 1
        print(f"budget {budget:3d}: optimum found in {found} of {SEEDS} seeds ({100 * found / SEEDS:.0f} %); "
              f"{wall / SEEDS:.2f} s a search, {evaluated / wall:.0f} candidates/s ({3 * evaluated / wall:.0f} runs/s)")
