#!/usr/bin/env python3
"""Check that an HDF5 file follows the GigaTwin results layout (README.md, "Results file (HDF5)").

Usage: check_layout.py RESULTS.h5

Prints "layout ok" and exits 0 if the file conforms; otherwise prints one line per problem and
exits 1 (2 for a usage error or a missing h5py). Needs h5py (Debian: python3-h5py; note
that a pyenv/venv python3 may not see it -- run /usr/bin/python3 then).
"""

import sys

try:
    import h5py
except ImportError:
    print("check_layout.py needs h5py (Debian package python3-h5py)", file=sys.stderr)
    sys.exit(2)

ROOT_ATTRIBUTES = ("format", "format_version", "software_version", "created", "experiment_key", "runs_planned",
                   "runs_ok", "runs_failed", "complete")
CONFIDENCE_COLUMNS = ("point", "kpi", "mean", "half_width", "n", "level")
FAILED_COLUMNS = ("run", "point", "replication", "error")
SUMMARY_COLUMNS = ("replication", "seed", "throughput", "cycle_time_mean", "lead_time_p50", "lead_time_p90",
                   "lead_time_p95", "lead_time_p99", "wip_mean", "scrap", "output")
STATION_COLUMNS = ("name", "machines", "utilization", "blocked", "starved", "down", "output", "scrap",
                   "buffer_mean", "wait_mean", "time_at_step_mean", "waiting_probability", "all_busy",
                   "time_at_step_p50", "time_at_step_p90", "time_at_step_p95", "time_at_step_p99")
TIMESERIES = ("time", "throughput", "wip")
# Tables a run has only when its scenario has the feature.
OPTIONAL_RUN_TABLES = {
    "pools": ("name", "headcount", "paid_hours", "labour_cost"),
    "workforce": ("time", "pool", "event", "count"),
    "transports": ("to", "kind", "carriers", "trips", "lots_moved", "moving", "waiting_to_unload", "halted",
                   "idle", "in_transit_mean"),
    "outages": ("start", "end", "reference_throughput", "time_to_recover"),
    "part_buffers": ("station_group", "part", "quantity", "buffer_mean", "matching_wait_mean"),
    "trace/events": ("time", "kind", "lot", "product", "step", "group", "machine", "state", "pool", "count",
                     "related_lot"),
    "trace/kinds": ("index", "name", "description"),
    "trace/station_groups": ("index", "name"),
    "trace/machines": ("index", "name", "group"),
    "trace/steps": ("index", "name", "product", "group"),
    "trace/products": ("index", "name"),
    "trace/pools": ("index", "name"),
    "trace/machine_states": ("index", "name"),
}
# Time series every run has besides TIMESERIES.
MORE_TIMESERIES = ("headcount", "layoffs", "robots", "power", "cost_per_unit")
HISTOGRAM_COLUMNS = ("lower", "upper", "lots")


def as_text(value):
    return value.decode("utf-8") if isinstance(value, bytes) else value


def check_table(f, path, columns, problems):
    if path not in f or not isinstance(f[path], h5py.Dataset):
        problems.append(f"{path}: missing table")
        return
    dataset = f[path]
    names = dataset.dtype.names
    if names is None:
        problems.append(f"{path}: not a table (not a compound dataset)")
        return
    missing = [c for c in columns if c not in names]
    if missing:
        problems.append(f"{path}: missing columns {', '.join(missing)} (has {', '.join(names)})")
    units = dataset.attrs.get("units")
    if units is not None and (getattr(units, "shape", ()) != (len(names),)):
        problems.append(f"{path}: 'units' should hold one entry per column ({len(names)})")


def check_run(f, run_id, problems):
    run = f"/runs/{run_id}"
    if not isinstance(f[run], h5py.Group):
        problems.append(f"{run}: not a group")
        return
    if as_text(f[run].attrs.get("status", "ok")) == "failed":
        # A failed run keeps only its identity and error: it has no data.
        if "error" not in f[run].attrs:
            problems.append(f"{run}: failed run without an 'error' attribute")
        return
    lengths = {}
    for name in TIMESERIES + MORE_TIMESERIES:
        path = f"{run}/timeseries/{name}"
        if path not in f or not isinstance(f[path], h5py.Dataset):
            problems.append(f"{path}: missing time series")
            continue
        dataset = f[path]
        if dataset.ndim != 1 or dataset.dtype.kind not in "fiu":
            problems.append(f"{path}: not a 1-D numeric series (shape {dataset.shape}, {dataset.dtype})")
            continue
        lengths[name] = dataset.shape[0]
    if len(set(lengths.values())) > 1:
        problems.append(f"{run}/timeseries: lengths differ: "
                        + ", ".join(f"{k}={v}" for k, v in sorted(lengths.items())))
    if "time" in lengths and lengths["time"] > 1:
        time = f[f"{run}/timeseries/time"][()]
        if (time[1:] < time[:-1]).any():
            problems.append(f"{run}/timeseries/time: sample times go backwards")
    check_table(f, f"{run}/stations", STATION_COLUMNS, problems)
    check_table(f, f"{run}/lead_time_histogram", HISTOGRAM_COLUMNS, problems)
    for table, columns in OPTIONAL_RUN_TABLES.items():
        if f"{run}/{table}" in f:
            check_table(f, f"{run}/{table}", columns, problems)


def check(f):
    problems = []
    for name in ROOT_ATTRIBUTES:
        if name not in f.attrs:
            problems.append(f"/: missing root attribute '{name}'")
    if "format" in f.attrs and as_text(f.attrs["format"]) != "gigatwin-results":
        problems.append(f"/: format is {as_text(f.attrs['format'])!r}, not 'gigatwin-results'")

    if "scenario" not in f or not isinstance(f["scenario"], h5py.Dataset):
        problems.append("/scenario: missing")
    elif f["scenario"].shape != () or h5py.check_string_dtype(f["scenario"].dtype) is None:
        problems.append("/scenario: not a scalar text dataset")

    failed = [r for r in f.get("runs", {}) if as_text(f["runs"][r].attrs.get("status", "ok")) == "failed"]
    ok = len(f.get("runs", {})) - len(failed)
    if ok > 0 or "/experiment/summary" in f:
        check_table(f, "/experiment/summary", SUMMARY_COLUMNS, problems)
        check_table(f, "/experiment/confidence", CONFIDENCE_COLUMNS, problems)
        if "/experiment/summary" in f and len(f["/experiment/summary"]) != ok:
            problems.append(f"/experiment/summary: {len(f['/experiment/summary'])} rows for {ok} completed runs")
    if failed or "/experiment/failed" in f:
        check_table(f, "/experiment/failed", FAILED_COLUMNS, problems)
        if "/experiment/failed" in f and len(f["/experiment/failed"]) != len(failed):
            problems.append(f"/experiment/failed: {len(f['/experiment/failed'])} rows for {len(failed)} failed runs")
    if "runs_ok" in f.attrs and int(f.attrs["runs_ok"]) != ok:
        problems.append(f"/: runs_ok is {int(f.attrs['runs_ok'])}, but {ok} runs completed")

    if "runs" not in f or not isinstance(f["runs"], h5py.Group):
        problems.append("/runs: missing group")
    elif len(f["runs"]) == 0:
        problems.append("/runs: no run")
    else:
        for run_id in sorted(f["runs"]):
            check_run(f, run_id, problems)

    def every_dataset(name, obj):
        if isinstance(obj, h5py.Dataset):
            for attribute in ("units", "description"):
                if attribute not in obj.attrs:
                    problems.append(f"/{name}: dataset without a '{attribute}' attribute")

    f.visititems(every_dataset)
    return problems


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    try:
        f = h5py.File(argv[1], "r")
    except OSError as error:
        print(f"{argv[1]}: cannot open as HDF5: {error}")
        return 1
    with f:
        problems = check(f)
    if problems:
        for problem in problems:
            print(f"{argv[1]}: {problem}")
        return 1
    print("layout ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
