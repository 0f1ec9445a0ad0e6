#!/usr/bin/env python3
"""Batch benchmark: what running runs in processes costs and gains.

Usage: /usr/bin/python3 bench/batch_bench.py [build/cli/gigatwin]

1. Speed-up of --jobs 2 over --jobs 1 on a 20-run batch of the default plant (4 points x 5).
2. Overhead per run: a batch of 200 tiny runs; (batch wall time - simulation time) / runs is
   what a run's process start, part file and merge cost.
3. Merge: `gigatwin merge` of 4 shards of the 200-run batch.
4. MPI with 2 ranks, dynamic against static schedule, on uneven runs (long and short runs
   alternating, so that the static share gives one rank every long run).
Prints one line per figure; nothing is asserted (figures, not tests).
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

import h5py

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GIGATWIN = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build/cli/gigatwin"))


def timed(*args, env=None):
    t = time.monotonic()
    r = subprocess.run(list(args), capture_output=True, text=True, env=env)
    if r.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(args), r.stderr))
    return time.monotonic() - t


def simulation_seconds(path):
    with h5py.File(path, "r") as f:
        return float(f["/experiment/summary"]["wall_time"].sum())


def main():
    tmp = tempfile.mkdtemp(prefix="gigatwin-bench-")
    try:
        scen = os.path.join(ROOT, "scenarios")
        sweep = os.path.join(tmp, "plant.yaml")
        with open(sweep, "w") as f:
            f.write("sweep: 1\nscenario: %s/gigafactory.yaml\nreplications: 5\nparameters:\n"
                    "  - {key: 'station_groups[5].machines', values: [14, 16, 18, 20]}\n" % scen)
        one = timed(GIGATWIN, "batch", sweep, "--out", os.path.join(tmp, "j1.h5"), "--jobs", "1", "-q")
        two = timed(GIGATWIN, "batch", sweep, "--out", os.path.join(tmp, "j2.h5"), "--jobs", "2", "-q")
        print("20 runs of the default plant: --jobs 1 %.2f s, --jobs 2 %.2f s, speed-up %.2f" % (one, two, one / two))

        tiny = os.path.join(tmp, "tiny.yaml")
        with open(tiny, "w") as f:
            f.write("sweep: 1\nscenario: %s/single-machine.yaml\nreplications: 50\nparameters:\n"
                    "  - {key: horizon, values: [1h, 2h, 3h, 4h]}\n  - {key: warmup, values: [0s]}\n"
                    "  - {key: sample_interval, values: [10min]}\n" % scen)
        out = os.path.join(tmp, "tiny.h5")
        wall = timed(GIGATWIN, "batch", tiny, "--out", out, "--jobs", "1", "-q")
        sim = simulation_seconds(out)
        print("200 tiny runs, --jobs 1: %.2f s wall, %.3f s simulating: %.1f ms overhead per run "
              "(process start, part file, assembly)" % (wall, sim, 1000 * (wall - sim) / 200))
        shards = []
        for i in range(4):
            shards.append(os.path.join(tmp, "s%d.h5" % i))
            timed(GIGATWIN, "batch", tiny, "--shard", "%d/4" % i, "--out", shards[-1], "-q")
        merge = timed(GIGATWIN, "merge", *shards, "-o", os.path.join(tmp, "merged.h5"))
        print("merge of 4 shards (200 runs): %.2f s, %.1f ms per run" % (merge, 1000 * merge / 200))

        mpirun = shutil.which("mpirun")
        if mpirun is None:
            print("MPI: mpirun not found, skipped")
            return
        uneven = os.path.join(tmp, "uneven.yaml")
        with open(uneven, "w") as f:  # runs alternate 40 d and 2 d of the default plant
            f.write("sweep: 1\nscenario: %s/gigafactory.yaml\nreplications: 1\nmode: zip\nparameters:\n"
                    "  - {key: horizon, values: [42d, 14d, 42d, 14d, 42d, 14d, 42d, 14d, 42d, 14d, 42d, 14d]}\n"
                    % scen)
        cmd = [mpirun, "--oversubscribe", "-np", "2"] + (["--allow-run-as-root"] if os.geteuid() == 0 else [])
        for schedule in ("dynamic", "static"):
            t = timed(*cmd, GIGATWIN, "batch", uneven, "--mpi", "--mpi-schedule", schedule,
                      "--out", os.path.join(tmp, "mpi-%s.h5" % schedule), "-q")
            print("MPI, 2 ranks, 12 uneven runs (42 d and 14 d alternating), %s schedule: %.2f s" % (schedule, t))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
