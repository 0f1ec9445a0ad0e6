#!/usr/bin/env python3
"""The live twin's figures (docs/BENCHMARKS.md, "The live twin"): forecast speed from a state of
the 35 GWh plant, whether the twin keeps up with it at 600x, forecast quality on the default
plant against the naive forecast, and how soon a hidden change is found.

Usage: /usr/bin/python3 bench/twin_bench.py [path/to/gigatwin]   (default: build/cli/gigatwin)
Prints one line per figure; takes a few minutes on 2 cores."""
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GIGATWIN = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build/cli/gigatwin")
DEFAULT = os.path.join(ROOT, "scenarios/gigafactory.yaml")
BIG = os.path.join(ROOT, "scenarios/gigafactory-35gwh.yaml")
sys.path.insert(0, os.path.join(ROOT, "tests/cli"))
from test_state import WEARING_LINE  # noqa: E402  the small line whose winders wear from day 2


def run(*args):
    start = time.monotonic()
    r = subprocess.run([GIGATWIN, *args], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"gigatwin {' '.join(args)} failed: {r.stderr}")
    return r, time.monotonic() - start


with tempfile.TemporaryDirectory(prefix="twin-bench-") as d:
    # 1. A forecast of 30 runs x 24 h of the 35 GWh plant from its state at day 3.
    run("run", BIG, "-o", f"{d}/big.h5", "--set", "horizon=3d", "--set", "warmup=0s", "-q")
    run("snapshot", f"{d}/big.h5", "--at", "3d", "-o", f"{d}/big.json", "-q")
    _, wall = run("run", BIG, "--from-state", f"{d}/big.json", "--set", "horizon=24h", "-r", "30", "-j", "2",
                  "-o", f"{d}/forecast.h5", "-q")
    print(f"forecast, 35 GWh plant, 30 runs x 24 h from a state, 2 processes: {wall:.1f} s (target < 10 s)")

    # 2. Keeping up: two days of the 35 GWh plant through the twin, a forecast every hour.
    run("emulate", BIG, "-o", f"{d}/big.jsonl", "--set", "horizon=2d", "--set", "warmup=0s", "-q")
    _, wall = run("backtest", f"{d}/big.jsonl", BIG, "--set", "warmup=0s", "--every", "1h", "--horizon", "24h",
                  "--from", "1h", "-r", "30", "-j", "2", "-q")
    print(f"twin on 2 d of the 35 GWh plant, 48 hourly forecasts of 30 x 24 h: {wall:.0f} s wall; "
          f"at 600x the plant sends 2 d in {2 * 86400 / 600:.0f} s: {2 * 86400 / 600 / wall:.1f}x margin")

    # 3. Forecast quality, default plant, 20 days, 24 h forecasts every 24 h.
    run("emulate", DEFAULT, "-o", f"{d}/plant.jsonl", "--set", "horizon=20d", "-q")
    r, wall = run("backtest", f"{d}/plant.jsonl", DEFAULT, "-r", "30", "-j", "2", "-q")
    for line in r.stdout.splitlines():
        if line.startswith(("MAPE", "90 %", "forecasts scored", "drifts")):
            print("default plant, 20 d:", line)

    # 4. A hidden change: the small line's winders fail 4x as often from day 2.
    with open(f"{d}/wear.yaml", "w") as f:
        f.write(WEARING_LINE)
    with open(f"{d}/model.yaml", "w") as f:
        f.write(WEARING_LINE.split("rollout:")[0])
    run("emulate", f"{d}/wear.yaml", "-o", f"{d}/wear.jsonl", "-q")
    r, _ = run("backtest", f"{d}/wear.jsonl", f"{d}/model.yaml", "--every", "12h", "--horizon", "12h", "--from",
               "12h", "-r", "30", "-j", "2", "-q")
    found = re.findall(r"day ([0-9.]+): wind time_to_failure drifted", r.stderr)
    if found:
        print(f"hidden change (wind fails 4x as often from day 2): found at day {found[0]} "
              f"({(float(found[0]) - 2) * 24:.1f} h after it)")
    else:
        print("hidden change: not found")
