#!/usr/bin/env python3
"""Read a GigaTwin results file with h5py and pandas: the KPIs of every run, their confidence
intervals, one run's stations and its hourly throughput.

    python3 docs/examples/read_results.py results/gigafactory-....h5

(Debian: python3-h5py and python3-pandas; a pyenv/venv python3 may not see them: use
/usr/bin/python3.) The test suite runs this script on a fresh results file.
"""

import sys

import h5py
import pandas as pd


def table(f, path):
    """An HDF5 compound dataset as a DataFrame, with text columns decoded."""
    df = pd.DataFrame(f[path][...])
    for column in df.columns:
        if df[column].dtype == object:
            df[column] = df[column].map(lambda v: v.decode() if isinstance(v, bytes) else v)
    return df


def main(path):
    with h5py.File(path, "r") as f:
        summary = table(f, "/experiment/summary")
        units = dict(zip(f["/experiment/summary"].dtype.names,
                         (u.decode() if isinstance(u, bytes) else u for u in f["/experiment/summary"].attrs["units"])))
        print(f"{len(summary)} run(s); throughput in {units['throughput']}")
        print(summary[["run", "replication", "throughput", "cycle_time_mean", "wip_mean"]].to_string(index=False))

        confidence = table(f, "/experiment/confidence")
        print(confidence[confidence["kpi"].isin(["throughput", "cycle_time_mean"])].to_string(index=False))

        first = sorted(f["/runs"].keys())[0]
        stations = table(f, f"/runs/{first}/stations")
        print(stations[["name", "machines", "utilization", "blocked", "starved", "down"]].to_string(index=False))

        series = f[f"/runs/{first}/timeseries"]
        hourly = pd.DataFrame({"time_h": series["time"][...] / 3600.0, "throughput": series["throughput"][...]})
        print(f"mean of the hourly throughput samples: {hourly['throughput'].mean():.3f}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: read_results.py RESULTS.h5")
    main(sys.argv[1])
