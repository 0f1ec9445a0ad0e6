#!/usr/bin/env python3
"""Read a GigaTwin results file with h5py and pandas: the KPIs of every run, their confidence
intervals, one run's stations and its throughput time series.

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
    for c in df.columns:
        # h5py returns the variable-length strings of a compound dataset as bytes: pandas would
        # show b'...' and comparisons with str (df["kpi"] == "throughput") would never match.
        if df[c].dtype == object and len(df) > 0 and isinstance(df[c].iloc[0], bytes):
            df[c] = df[c].str.decode("utf-8")
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

        # The KPIs cover the run after its warm-up only. timeseries/time is the end of each
        # sampling interval, so a sample at t <= warmup_s describes an interval of the warm-up: keep
        # it out of any mean meant to be read beside a KPI.
        run = f[f"/runs/{first}"]
        warmup_s = float(run.attrs["warmup_s"])
        series = run["timeseries"]
        samples = pd.DataFrame({"time_s": series["time"][...], "throughput": series["throughput"][...]})
        measured = samples[samples["time_s"] > warmup_s]
        kpi = summary.loc[summary["run"] == first, "throughput"].iloc[0]
        print(f"{first}: throughput {kpi:.3f} {units['throughput']} over the run after its "
              f"{warmup_s / 3600.0:g} h warm-up; mean of the {len(measured)} time-series samples after "
              f"the warm-up: {measured['throughput'].mean():.3f}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: read_results.py RESULTS.h5")
    main(sys.argv[1])
